import { Migration } from '@mikro-orm/migrations';

export class Migration20261123155534_lifecycle extends Migration {

  override name = 'Migration20261123155534_lifecycle';

  override up(): void | Promise<void> {
    this.addSql(`create table "lead_import" ("id" uuid not null, "source" varchar(20) not null, "file_name" varchar(200) null, "status" varchar(20) not null default 'Staging', "total_rows" int not null default 0, "processed_rows" int not null default 0, "imported_rows" int not null default 0, "duplicate_rows" int not null default 0, "failed_rows" int not null default 0, "last_line" int not null default 0, "created_by" varchar(200) not null, "error" text null, "created_at" timestamptz not null default now(), "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`);

    this.addSql(`create table "lead_import_row" ("import_id" uuid not null, "line" int not null, "data" jsonb not null, "status" varchar(20) not null default 'Pending', "lead_id" uuid null, "errors" jsonb null, primary key ("import_id", "line"));`);

    this.addSql(`create table "lead_note" ("id" uuid not null, "lead_id" uuid not null, "text" text not null, "author" varchar(200) not null, "event_key" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "lead_note" add constraint "lead_note_event_key_unique" unique ("event_key");`);
    this.addSql(`create index "lead_note_lead_idx" on "lead_note" ("lead_id", "created_at");`);

    this.addSql(`create table "opportunity" ("id" uuid not null, "lead_id" uuid not null, "name" varchar(200) not null, "amount" numeric(15,2) null, "currency" varchar(3) null, "close_date" varchar(10) null, "description" text null, "owner_id" uuid null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_lead_unique" unique ("lead_id");`);

    this.addSql(`create table "setting" ("key" varchar(60) not null, "value" jsonb not null, "updated_by" varchar(200) not null, "updated_at" timestamptz not null default now(), primary key ("key"));`);

    this.addSql(`alter table "audit_event" add "detail" jsonb null;`);

    this.addSql(`alter table "lead" add "contact_key" varchar(254) null, add "account_key" varchar(254) null, add "product_key" varchar(100) null;`);
    this.addSql(`create index "lead_contact_key_idx" on "lead" ("contact_key");`);
    this.addSql(`create index "lead_account_key_idx" on "lead" ("account_key", "product_key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "lead_import" cascade;`);
    this.addSql(`drop table if exists "lead_import_row" cascade;`);
    this.addSql(`drop table if exists "lead_note" cascade;`);
    this.addSql(`drop table if exists "opportunity" cascade;`);
    this.addSql(`drop table if exists "setting" cascade;`);

    this.addSql(`alter table "audit_event" drop column "detail";`);

    this.addSql(`drop index "lead_contact_key_idx";`);
    this.addSql(`drop index "lead_account_key_idx";`);
    this.addSql(`alter table "lead" drop column "contact_key", drop column "account_key", drop column "product_key";`);
  }

}
