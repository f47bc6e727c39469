import { Migration } from '@mikro-orm/migrations';

export class Migration20261123155632_api_keys extends Migration {

  override name = 'Migration20261123155632_api_keys';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_key" ("id" uuid not null, "name" varchar(100) not null, "role" varchar(20) not null, "source" varchar(20) null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "created_by" varchar(200) not null, "created_at" timestamptz(3) not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_key_created_idx" on "api_key" ("created_at", "id");`);

    this.addSql(`create table "idempotency_key" ("principal" varchar(200) not null, "key" varchar(200) not null, "method" varchar(10) not null, "path" varchar(2000) not null, "request_hash" varchar(64) not null, "state" varchar(12) not null, "locked_until" timestamptz not null, "status" int null, "body" jsonb null, "headers" jsonb null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, primary key ("principal", "key"));`);
    this.addSql(`create index "idempotency_key_expires_idx" on "idempotency_key" ("expires_at");`);

    this.addSql(`alter table "lead" alter column "created_at" type timestamptz(3) using ("created_at"::timestamptz(3));`);
    this.addSql(`create index "lead_score_idx" on "lead" ("score" desc nulls last, "id" desc);`);
    this.addSql(`create index "lead_assignment_status_idx" on "lead" ("assignment_status");`);
    this.addSql(`create index "lead_rank_idx" on "lead" ("rank");`);
    this.addSql(`create index "lead_offered_to_idx" on "lead" ("offered_to_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "idempotency_key" cascade;`);

    this.addSql(`drop index "lead_score_idx";`);
    this.addSql(`drop index "lead_assignment_status_idx";`);
    this.addSql(`drop index "lead_rank_idx";`);
    this.addSql(`drop index "lead_offered_to_idx";`);
    this.addSql(`alter table "lead" alter column "created_at" type timestamptz(6) using ("created_at"::timestamptz(6));`);
  }

}
