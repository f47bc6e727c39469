import { Migration } from '@mikro-orm/migrations';

export class Migration20261123164906_assignment extends Migration {

  override name = 'Migration20261123164906_assignment';

  override up(): void | Promise<void> {
    this.addSql(`create table "account" ("id" uuid not null, "name" varchar(200) not null, "normalized_name" varchar(200) not null, "email_domain" varchar(253) null, "owner_rep_id" uuid null, "parent_account_id" uuid null, "team_rep_ids" jsonb not null default '[]', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "account" add constraint "account_normalized_name_unique" unique ("normalized_name");`);
    this.addSql(`alter table "account" add constraint "account_email_domain_unique" unique ("email_domain");`);
    this.addSql(`create index "account_parent_idx" on "account" ("parent_account_id");`);

    this.addSql(`create table "assignment_decision" ("id" uuid not null, "lead_id" uuid not null, "event_key" varchar(200) not null, "reason" varchar(30) not null, "attempt" int not null, "actor" varchar(200) not null, "routing_id" varchar(200) not null, "routing_version" int not null, "outcome" varchar(20) not null, "winner_rep_id" uuid null, "queue_id" varchar(200) null, "retry_at" timestamptz null, "summary" text not null, "decision" json not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "assignment_decision" add constraint "assignment_decision_event_key_unique" unique ("event_key");`);
    this.addSql(`create index "assignment_decision_lead_idx" on "assignment_decision" ("lead_id", "created_at");`);

    this.addSql(`create table "assignment_pool" ("id" varchar(200) not null, "virtual_time" bigint not null default '0', "updated_at" timestamptz not null default now(), primary key ("id"));`);

    this.addSql(`create table "assignment_pool_member" ("pool_id" varchar(200) not null, "rep_id" uuid not null, "finish_tag" bigint not null default '0', primary key ("pool_id", "rep_id"));`);

    this.addSql(`create table "assignment_queue_entry" ("lead_id" uuid not null, "queue_id" varchar(200) not null, "candidate_rep_ids" jsonb not null, "queued_at" timestamptz not null default now(), "retry_at" timestamptz null, "signalled_at" timestamptz null, "decision_id" uuid not null, primary key ("lead_id"));`);
    this.addSql(`create index "assignment_queue_entry_queued_idx" on "assignment_queue_entry" ("queued_at");`);
    this.addSql(`create index "assignment_queue_entry_candidates_idx" on "assignment_queue_entry" using gin ("candidate_rep_ids" jsonb_path_ops);`);

    this.addSql(`create table "assignment_settings" ("id" int not null, "revision" bigint not null default '0', "updated_at" timestamptz not null default now(), primary key ("id"));`);

    this.addSql(`create table "contact" ("id" uuid not null, "email" varchar(254) not null, "normalized_email" varchar(254) not null, "first_name" varchar(100) null, "last_name" varchar(100) null, "account_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "contact" add constraint "contact_normalized_email_unique" unique ("normalized_email");`);
    this.addSql(`create index "contact_account_idx" on "contact" ("account_id");`);

    this.addSql(`create table "lead_team_member" ("lead_id" uuid not null, "rep_id" uuid not null, "access_level" varchar(10) not null, "origin" varchar(10) not null, "territory_id" uuid null, "added_at" timestamptz not null default now(), primary key ("lead_id", "rep_id"));`);
    this.addSql(`create index "lead_team_member_rep_idx" on "lead_team_member" ("rep_id");`);

    this.addSql(`create table "lead_territory" ("lead_id" uuid not null, "territory_id" uuid not null, "added_at" timestamptz not null default now(), primary key ("lead_id", "territory_id"));`);
    this.addSql(`create index "lead_territory_territory_idx" on "lead_territory" ("territory_id");`);

    this.addSql(`create table "offboarding" ("id" uuid not null, "rep_id" uuid not null, "workflow_id" varchar(200) not null, "status" varchar(30) not null default 'Running', "deactivate" boolean not null default false, "total" int not null default 0, "processed" int not null default 0, "reassigned" int not null default 0, "failed" int not null default 0, "last_lead_id" uuid null, "errors" jsonb not null default '[]', "requested_by" varchar(200) not null, "started_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "offboarding_rep_idx" on "offboarding" ("rep_id", "started_at");`);

    this.addSql(`create table "rep" ("id" uuid not null, "name" varchar(200) not null, "email" varchar(254) not null, "active" boolean not null default true, "available" boolean not null default true, "available_changed_at" timestamptz null, "manager_id" uuid null, "skills" jsonb not null default '[]', "products" jsonb not null default '[]', "languages" jsonb not null default '[]', "geography" jsonb not null default '{"countries":[],"regions":[]}', "customer_focus" jsonb not null default '{"types":[],"sizes":[]}', "capacity" int null, "weight" double precision not null default 1, "performance_score" double precision not null default 0, "working_hours" jsonb null, "out_of_office" jsonb not null default '[]', "open_lead_count" int not null default 0, "last_assigned_at" timestamptz null, "last_assigned_seq" bigint not null default '0', "ramp_load" jsonb null, "returned_from_leave_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "rep" add constraint "rep_email_unique" unique ("email");`);
    this.addSql(`create index "rep_manager_idx" on "rep" ("manager_id");`);

    this.addSql(`create table "rep_load_event" ("event_key" varchar(200) not null, "kind" varchar(10) not null, "lead_id" uuid not null, "rep_id" uuid not null, "applied" boolean not null, "result" jsonb not null, "created_at" timestamptz not null default now(), primary key ("event_key"));`);

    this.addSql(`create table "rep_open_lead" ("lead_id" uuid not null, "rep_id" uuid not null, "origin" varchar(10) not null, "since" timestamptz not null default now(), primary key ("lead_id", "rep_id"));`);
    this.addSql(`create index "rep_open_lead_rep_idx" on "rep_open_lead" ("rep_id");`);

    this.addSql(`create table "routing_config_version" ("version" int not null, "config_id" varchar(200) not null, "definition" jsonb not null, "active" boolean not null default false, "webhook_url" varchar(2000) null, "webhook_secret" varchar(200) null, "note" varchar(500) null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("version"));`);
    this.addSql(`create unique index "routing_config_one_active" on "routing_config_version" ("active") where "active";`);

    this.addSql(`create table "team" ("id" uuid not null, "name" varchar(200) not null, "kind" varchar(10) not null default 'team', "manager_rep_id" uuid null, "parent_team_id" uuid null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "team" add constraint "team_name_unique" unique ("name");`);

    this.addSql(`create table "team_member" ("team_id" uuid not null, "rep_id" uuid not null, primary key ("team_id", "rep_id"));`);
    this.addSql(`create index "team_member_rep_idx" on "team_member" ("rep_id");`);

    this.addSql(`create table "territory" ("id" uuid not null, "name" varchar(200) not null, "type" varchar(100) not null, "status" varchar(20) not null default 'FINALIZED', "parent_id" uuid null, "owner_rep_id" uuid null, "dimensions" jsonb not null default '{}', "attributes" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "territory_parent_idx" on "territory" ("parent_id");`);

    this.addSql(`create table "territory_member" ("territory_id" uuid not null, "rep_id" uuid not null, primary key ("territory_id", "rep_id"));`);
    this.addSql(`create index "territory_member_rep_idx" on "territory_member" ("rep_id");`);

    this.addSql(`alter table "lead" add "account_id" uuid null, add "contact_id" uuid null;`);
    this.addSql(`create index "lead_offered_to_idx" on "lead" ("offered_to_id");`);
    this.addSql(`create index "lead_account_idx" on "lead" ("account_id");`);

    this.addSql(`alter table "rep" add constraint "rep_open_lead_count_check" check (open_lead_count >= 0);`);
    // The single settings row (configuration revision for worker caches).
    this.addSql(`insert into "assignment_settings" ("id", "revision") values (1, 0) on conflict do nothing;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "assignment_decision" cascade;`);
    this.addSql(`drop table if exists "assignment_pool" cascade;`);
    this.addSql(`drop table if exists "assignment_pool_member" cascade;`);
    this.addSql(`drop table if exists "assignment_queue_entry" cascade;`);
    this.addSql(`drop table if exists "assignment_settings" cascade;`);
    this.addSql(`drop table if exists "contact" cascade;`);
    this.addSql(`drop table if exists "lead_team_member" cascade;`);
    this.addSql(`drop table if exists "lead_territory" cascade;`);
    this.addSql(`drop table if exists "offboarding" cascade;`);
    this.addSql(`drop table if exists "rep" cascade;`);
    this.addSql(`drop table if exists "rep_load_event" cascade;`);
    this.addSql(`drop table if exists "rep_open_lead" cascade;`);
    this.addSql(`drop table if exists "routing_config_version" cascade;`);
    this.addSql(`drop table if exists "team" cascade;`);
    this.addSql(`drop table if exists "team_member" cascade;`);
    this.addSql(`drop table if exists "territory" cascade;`);
    this.addSql(`drop table if exists "territory_member" cascade;`);

    this.addSql(`drop index "lead_offered_to_idx";`);
    this.addSql(`drop index "lead_account_idx";`);
    this.addSql(`alter table "lead" drop column "account_id", drop column "contact_id";`);
  }

}
