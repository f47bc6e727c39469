import { Migration } from '@mikro-orm/migrations';

export class Migration20261123151806_initial extends Migration {

  override name = 'Migration20261123151806_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "event_key" varchar(200) not null, "lead_id" uuid not null, "action" varchar(40) not null, "actor" varchar(200) not null, "reason" varchar(200) null, "before" jsonb null, "after" jsonb null, "trace" jsonb null, "request_id" varchar(100) null, "at" timestamptz not null default now());`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_key_unique" unique ("event_key");`);
    this.addSql(`create index "audit_event_lead_idx" on "audit_event" ("lead_id", "id");`);

    this.addSql(`create table "lead" ("id" uuid not null, "workflow_id" varchar(80) not null, "source" varchar(20) not null, "orig_system_reference" varchar(200) null, "first_name" varchar(100) null, "last_name" varchar(100) null, "email" varchar(254) null, "phone" varchar(40) null, "job_title" varchar(120) null, "company_name" varchar(200) null, "industry" varchar(100) null, "customer_size" varchar(20) null, "employee_count" int null, "country" varchar(2) null, "region" varchar(100) null, "city" varchar(100) null, "postal_code" varchar(20) null, "language" varchar(2) null, "product_category" varchar(100) null, "product" varchar(100) null, "purchase_timeframe" varchar(40) null, "purchase_amount" numeric(15,2) null, "currency" varchar(3) null, "budget_status" varchar(20) null, "decision_maker_identified" boolean null, "lead_channel" varchar(40) null, "campaign_code" varchar(100) null, "partner_id" varchar(100) null, "sales_channel" varchar(100) null, "account_name" varchar(200) null, "description" text null, "custom" jsonb not null default '{}', "status" varchar(20) not null default 'Unqualified', "qualified" boolean not null default false, "score" int null, "rank" varchar(40) null, "rule_versions" jsonb null, "assignment_status" varchar(20) not null default 'Unassigned', "acceptance" varchar(3) null, "owner_id" uuid null, "offered_to_id" uuid null, "offer_deadline" timestamptz null, "attempts" int not null default 0, "retire_reason" varchar(40) null, "duplicate_of_id" uuid null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "last_activity_at" timestamptz not null default now(), "closed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "lead_status_idx" on "lead" ("status");`);
    this.addSql(`create index "lead_owner_idx" on "lead" ("owner_id");`);
    this.addSql(`create index "lead_created_idx" on "lead" ("created_at", "id");`);
    this.addSql(`create index "lead_email_idx" on "lead" ("email");`);
    this.addSql(`alter table "lead" add constraint "lead_source_ref_unique" unique ("source", "orig_system_reference");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "lead" cascade;`);
  }

}
