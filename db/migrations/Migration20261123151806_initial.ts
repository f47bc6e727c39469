import { Migration } from '@mikro-orm/migrations';

export class Migration20261123151806_initial extends Migration {

  override name = 'Migration20261123151806_initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "account" ("id" uuid not null, "name" varchar(200) not null, "normalized_name" varchar(200) not null, "email_domain" varchar(253) null, "owner_rep_id" uuid null, "parent_account_id" uuid null, "team_rep_ids" jsonb not null default '[]', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "account" add constraint "account_normalized_name_unique" unique ("normalized_name");`);
    this.addSql(`alter table "account" add constraint "account_email_domain_unique" unique ("email_domain");`);
    this.addSql(`create index "account_parent_idx" on "account" ("parent_account_id");`);

    this.addSql(`create table "api_key" ("id" uuid not null, "name" varchar(100) not null, "role" varchar(20) not null, "source" varchar(20) null, "prefix" varchar(16) not null, "secret_hash" varchar(64) not null, "created_by" varchar(200) not null, "created_at" timestamptz(3) not null default now(), "last_used_at" timestamptz null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`create index "api_key_created_idx" on "api_key" ("created_at", "id");`);

    this.addSql(`create table "assessment_template" ("id" uuid not null, "name" varchar(200) not null, "status" varchar(20) not null default 'In progress', "business_object" varchar(20) not null default 'lead', "latest_version" int not null, "copied_from_id" uuid null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "assessment_template_name_idx" on "assessment_template" ("name", "id");`);
    this.addSql(`create index "assessment_template_status_idx" on "assessment_template" ("status");`);

    this.addSql(`create table "assessment_template_version" ("id" bigserial primary key, "template_id" uuid not null, "version" int not null, "definition" jsonb not null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "assessment_template_version" add constraint "assessment_template_version_unique" unique ("template_id", "version");`);

    this.addSql(`create table "assignment_decision" ("id" uuid not null, "lead_id" uuid not null, "event_key" varchar(200) not null, "reason" varchar(30) not null, "attempt" int not null, "actor" varchar(200) not null, "routing_id" varchar(200) not null, "routing_version" int not null, "outcome" varchar(20) not null, "winner_rep_id" uuid null, "queue_id" varchar(200) null, "retry_at" timestamptz null, "summary" text not null, "decision" json not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "assignment_decision" add constraint "assignment_decision_event_key_unique" unique ("event_key");`);
    this.addSql(`create index "assignment_decision_lead_idx" on "assignment_decision" ("lead_id", "created_at");`);

    this.addSql(`create table "assignment_pool" ("id" varchar(200) not null, "virtual_time" bigint not null default '0', "updated_at" timestamptz not null default now(), primary key ("id"));`);

    this.addSql(`create table "assignment_pool_member" ("pool_id" varchar(200) not null, "rep_id" uuid not null, "finish_tag" bigint not null default '0', primary key ("pool_id", "rep_id"));`);

    this.addSql(`create table "assignment_queue_entry" ("lead_id" uuid not null, "queue_id" varchar(200) not null, "candidate_rep_ids" jsonb not null, "queued_at" timestamptz not null default now(), "retry_at" timestamptz null, "signalled_at" timestamptz null, "decision_id" uuid not null, primary key ("lead_id"));`);
    this.addSql(`create index "assignment_queue_entry_queued_idx" on "assignment_queue_entry" ("queued_at");`);
    this.addSql(`create index "assignment_queue_entry_candidates_idx" on "assignment_queue_entry" using gin ("candidate_rep_ids" jsonb_path_ops);`);

    this.addSql(`create table "assignment_settings" ("id" int not null, "revision" bigint not null default '0', "updated_at" timestamptz not null default now(), primary key ("id"));`);

    this.addSql(`create table "audit_event" ("id" bigserial primary key, "event_key" varchar(200) not null, "lead_id" uuid not null, "action" varchar(40) not null, "actor" varchar(200) not null, "reason" varchar(200) null, "before" jsonb null, "after" jsonb null, "trace" jsonb null, "detail" jsonb null, "request_id" varchar(100) null, "at" timestamptz not null default now());`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_key_unique" unique ("event_key");`);
    this.addSql(`create index "audit_event_lead_idx" on "audit_event" ("lead_id", "id");`);

    this.addSql(`create table "contact" ("id" uuid not null, "email" varchar(254) not null, "normalized_email" varchar(254) not null, "first_name" varchar(100) null, "last_name" varchar(100) null, "account_id" uuid null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "contact" add constraint "contact_normalized_email_unique" unique ("normalized_email");`);
    this.addSql(`create index "contact_account_idx" on "contact" ("account_id");`);

    this.addSql(`create table "idempotency_key" ("principal" varchar(200) not null, "key" varchar(200) not null, "method" varchar(10) not null, "path" varchar(2000) not null, "request_hash" varchar(64) not null, "state" varchar(12) not null, "locked_until" timestamptz not null, "status" int null, "body" jsonb null, "headers" jsonb null, "created_at" timestamptz not null default now(), "expires_at" timestamptz not null, primary key ("principal", "key"));`);
    this.addSql(`create index "idempotency_key_expires_idx" on "idempotency_key" ("expires_at");`);

    this.addSql(`create table "lead" ("id" uuid not null, "workflow_id" varchar(80) not null, "source" varchar(20) not null, "orig_system_reference" varchar(200) null, "first_name" varchar(100) null, "last_name" varchar(100) null, "email" varchar(254) null, "phone" varchar(40) null, "job_title" varchar(120) null, "company_name" varchar(200) null, "industry" varchar(100) null, "customer_size" varchar(20) null, "employee_count" int null, "country" varchar(2) null, "region" varchar(100) null, "city" varchar(100) null, "postal_code" varchar(20) null, "language" varchar(2) null, "product_category" varchar(100) null, "product" varchar(100) null, "purchase_timeframe" varchar(40) null, "purchase_amount" numeric(15,2) null, "currency" varchar(3) null, "budget_status" varchar(20) null, "decision_maker_identified" boolean null, "lead_channel" varchar(40) null, "campaign_code" varchar(100) null, "partner_id" varchar(100) null, "sales_channel" varchar(100) null, "account_name" varchar(200) null, "description" text null, "custom" jsonb not null default '{}', "status" varchar(20) not null default 'Unqualified', "qualified" boolean not null default false, "score" int null, "rank" varchar(40) null, "rule_versions" jsonb null, "assignment_status" varchar(20) not null default 'Unassigned', "acceptance" varchar(3) null, "owner_id" uuid null, "offered_to_id" uuid null, "offer_deadline" timestamptz null, "attempts" int not null default 0, "retire_reason" varchar(40) null, "duplicate_of_id" uuid null, "product_key" varchar(100) null, "account_id" uuid null, "contact_id" uuid null, "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), "last_activity_at" timestamptz not null default now(), "closed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "lead_status_idx" on "lead" ("status");`);
    this.addSql(`create index "lead_owner_idx" on "lead" ("owner_id");`);
    this.addSql(`create index "lead_created_idx" on "lead" ("created_at", "id");`);
    this.addSql(`create index "lead_email_idx" on "lead" ("email");`);
    this.addSql(`create index "lead_contact_idx" on "lead" ("contact_id");`);
    this.addSql(`create index "lead_account_product_idx" on "lead" ("account_id", "product_key");`);
    this.addSql(`create index "lead_score_idx" on "lead" ("score" desc nulls last, "id" desc);`);
    this.addSql(`create index "lead_assignment_status_idx" on "lead" ("assignment_status");`);
    this.addSql(`create index "lead_rank_idx" on "lead" ("rank");`);
    this.addSql(`create index "lead_offered_to_idx" on "lead" ("offered_to_id");`);
    this.addSql(`alter table "lead" add constraint "lead_source_ref_unique" unique ("source", "orig_system_reference");`);

    this.addSql(`create table "assessment" ("id" uuid not null, "lead_id" uuid not null, "template_id" uuid not null, "template_version" int not null, "answers" jsonb not null, "question_scores" jsonb not null, "total_score" int not null, "rating" varchar(50) not null, "feedback" text null, "recommended_task_templates" jsonb not null, "actor" varchar(200) not null, "request_id" varchar(100) null, "taken_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "assessment_lead_idx" on "assessment" ("lead_id", "taken_at");`);

    this.addSql(`create table "lead_import" ("id" uuid not null, "source" varchar(20) not null, "file_name" varchar(200) null, "status" varchar(20) not null default 'Staging', "total_rows" int not null default 0, "processed_rows" int not null default 0, "imported_rows" int not null default 0, "duplicate_rows" int not null default 0, "failed_rows" int not null default 0, "last_line" int not null default 0, "created_by" varchar(200) not null, "error" text null, "created_at" timestamptz not null default now(), "started_at" timestamptz null, "finished_at" timestamptz null, primary key ("id"));`);

    this.addSql(`create table "lead_import_row" ("import_id" uuid not null, "line" int not null, "data" jsonb not null, "status" varchar(20) not null default 'Pending', "lead_id" uuid null, "errors" jsonb null, primary key ("import_id", "line"));`);

    this.addSql(`create table "lead_note" ("id" uuid not null, "lead_id" uuid not null, "text" text not null, "author" varchar(200) not null, "event_key" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "lead_note" add constraint "lead_note_event_key_unique" unique ("event_key");`);
    this.addSql(`create index "lead_note_lead_idx" on "lead_note" ("lead_id", "created_at");`);

    this.addSql(`create table "lead_team_member" ("lead_id" uuid not null, "rep_id" uuid not null, "access_level" varchar(10) not null, "origin" varchar(10) not null, "territory_id" uuid null, "added_at" timestamptz not null default now(), primary key ("lead_id", "rep_id"));`);
    this.addSql(`create index "lead_team_member_rep_idx" on "lead_team_member" ("rep_id");`);

    this.addSql(`create table "lead_territory" ("lead_id" uuid not null, "territory_id" uuid not null, "added_at" timestamptz not null default now(), primary key ("lead_id", "territory_id"));`);
    this.addSql(`create index "lead_territory_territory_idx" on "lead_territory" ("territory_id");`);

    this.addSql(`create table "offboarding" ("id" uuid not null, "rep_id" uuid not null, "workflow_id" varchar(200) not null, "status" varchar(30) not null default 'Running', "deactivate" boolean not null default false, "total" int not null default 0, "processed" int not null default 0, "reassigned" int not null default 0, "failed" int not null default 0, "last_lead_id" uuid null, "errors" jsonb not null default '[]', "requested_by" varchar(200) not null, "started_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "offboarding_rep_idx" on "offboarding" ("rep_id", "started_at");`);

    this.addSql(`create table "opportunity" ("id" uuid not null, "lead_id" uuid not null, "name" varchar(200) not null, "amount" numeric(15,2) null, "currency" varchar(3) null, "close_date" varchar(10) null, "description" text null, "owner_id" uuid null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "opportunity" add constraint "opportunity_lead_unique" unique ("lead_id");`);

    this.addSql(`create table "rep" ("id" uuid not null, "name" varchar(200) not null, "email" varchar(254) not null, "active" boolean not null default true, "available" boolean not null default true, "available_changed_at" timestamptz null, "manager_id" uuid null, "skills" jsonb not null default '[]', "products" jsonb not null default '[]', "languages" jsonb not null default '[]', "geography" jsonb not null default '{"countries":[],"regions":[]}', "customer_focus" jsonb not null default '{"types":[],"sizes":[]}', "capacity" int null, "weight" double precision not null default 1, "performance_score" double precision not null default 0, "working_hours" jsonb null, "out_of_office" jsonb not null default '[]', "open_lead_count" int not null default 0, "last_assigned_at" timestamptz null, "last_assigned_seq" bigint not null default '0', "ramp_load" jsonb null, "returned_from_leave_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "rep" add constraint "rep_email_unique" unique ("email");`);
    this.addSql(`create index "rep_manager_idx" on "rep" ("manager_id");`);

    this.addSql(`create table "rep_load_event" ("event_key" varchar(200) not null, "kind" varchar(10) not null, "lead_id" uuid not null, "rep_id" uuid not null, "applied" boolean not null, "result" jsonb not null, "created_at" timestamptz not null default now(), primary key ("event_key"));`);

    this.addSql(`create table "rep_open_lead" ("lead_id" uuid not null, "rep_id" uuid not null, "origin" varchar(10) not null, "since" timestamptz not null default now(), primary key ("lead_id", "rep_id"));`);
    this.addSql(`create index "rep_open_lead_rep_idx" on "rep_open_lead" ("rep_id");`);

    this.addSql(`create table "routing_config_version" ("version" int not null, "config_id" varchar(200) not null, "definition" jsonb not null, "active" boolean not null default false, "webhook_url" varchar(2000) null, "webhook_secret" varchar(200) null, "note" varchar(500) null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), primary key ("version"));`);
    this.addSql(`create unique index "routing_config_one_active" on "routing_config_version" ("active") where "active";`);

    this.addSql(`create table "rule_set" ("id" uuid not null, "name" varchar(200) not null, "type" varchar(20) not null, "description" text null, "latest_version" int not null, "archived" boolean not null default false, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "rule_set_name_idx" on "rule_set" ("name", "id");`);
    this.addSql(`create index "rule_set_updated_idx" on "rule_set" ("updated_at", "id");`);
    this.addSql(`create index "rule_set_type_idx" on "rule_set" ("type");`);

    this.addSql(`create table "rule_set_version" ("id" bigserial primary key, "rule_set_id" uuid not null, "version" int not null, "definition" jsonb not null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "rule_set_version" add constraint "rule_set_version_unique" unique ("rule_set_id", "version");`);

    this.addSql(`create table "rule_set_activation" ("stage" varchar(20) not null, "rule_set_version_id" bigint not null, "rule_set_type" varchar(20) not null, "activated_by" varchar(200) not null, "activated_at" timestamptz not null default now(), primary key ("stage"));`);

    this.addSql(`create table "setting" ("key" varchar(60) not null, "value" jsonb not null, "updated_by" varchar(200) not null, "updated_at" timestamptz not null default now(), primary key ("key"));`);

    this.addSql(`create table "team" ("id" uuid not null, "name" varchar(200) not null, "kind" varchar(10) not null default 'team', "manager_rep_id" uuid null, "parent_team_id" uuid null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`alter table "team" add constraint "team_name_unique" unique ("name");`);

    this.addSql(`create table "team_member" ("team_id" uuid not null, "rep_id" uuid not null, primary key ("team_id", "rep_id"));`);
    this.addSql(`create index "team_member_rep_idx" on "team_member" ("rep_id");`);

    this.addSql(`create table "territory" ("id" uuid not null, "name" varchar(200) not null, "type" varchar(100) not null, "status" varchar(20) not null default 'FINALIZED', "parent_id" uuid null, "owner_rep_id" uuid null, "dimensions" jsonb not null default '{}', "attributes" jsonb not null default '{}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "territory_parent_idx" on "territory" ("parent_id");`);

    this.addSql(`create table "territory_member" ("territory_id" uuid not null, "rep_id" uuid not null, primary key ("territory_id", "rep_id"));`);
    this.addSql(`create index "territory_member_rep_idx" on "territory_member" ("rep_id");`);

    this.addSql(`alter table "assessment_template" add constraint "assessment_template_status_check" check (status in ('In progress', 'Active', 'Retired'));`);

    this.addSql(`alter table "assessment_template_version" add constraint "assessment_template_version_template_id_foreign" foreign key ("template_id") references "assessment_template" ("id") on delete cascade;`);

    this.addSql(`alter table "assessment" add constraint "assessment_lead_id_foreign" foreign key ("lead_id") references "lead" ("id");`);
    this.addSql(`alter table "assessment" add constraint "assessment_template_id_foreign" foreign key ("template_id") references "assessment_template" ("id");`);

    this.addSql(`alter table "rep" add constraint "rep_open_lead_count_check" check (open_lead_count >= 0);`);

    this.addSql(`alter table "rule_set" add constraint "rule_set_latest_version_check" check (latest_version >= 1);`);

    this.addSql(`alter table "rule_set_version" add constraint "rule_set_version_rule_set_id_foreign" foreign key ("rule_set_id") references "rule_set" ("id");`);

    this.addSql(`alter table "rule_set_activation" add constraint "rule_set_activation_rule_set_version_id_foreign" foreign key ("rule_set_version_id") references "rule_set_version" ("id");`);
    this.addSql(`alter table "rule_set_activation" add constraint "rule_set_activation_stage_check" check ((stage = 'rating' and rule_set_type in ('rating', 'ranking')) or (stage in ('scoring', 'qualification', 'channel') and rule_set_type = stage));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment_template_version" drop constraint "assessment_template_version_template_id_foreign";`);
    this.addSql(`alter table "assessment" drop constraint "assessment_template_id_foreign";`);
    this.addSql(`alter table "assessment" drop constraint "assessment_lead_id_foreign";`);
    this.addSql(`alter table "rule_set_version" drop constraint "rule_set_version_rule_set_id_foreign";`);
    this.addSql(`alter table "rule_set_activation" drop constraint "rule_set_activation_rule_set_version_id_foreign";`);

    this.addSql(`drop table if exists "account" cascade;`);
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "assessment_template" cascade;`);
    this.addSql(`drop table if exists "assessment_template_version" cascade;`);
    this.addSql(`drop table if exists "assignment_decision" cascade;`);
    this.addSql(`drop table if exists "assignment_pool" cascade;`);
    this.addSql(`drop table if exists "assignment_pool_member" cascade;`);
    this.addSql(`drop table if exists "assignment_queue_entry" cascade;`);
    this.addSql(`drop table if exists "assignment_settings" cascade;`);
    this.addSql(`drop table if exists "audit_event" cascade;`);
    this.addSql(`drop table if exists "contact" cascade;`);
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
    this.addSql(`drop table if exists "lead" cascade;`);
    this.addSql(`drop table if exists "assessment" cascade;`);
    this.addSql(`drop table if exists "lead_import" cascade;`);
    this.addSql(`drop table if exists "lead_import_row" cascade;`);
    this.addSql(`drop table if exists "lead_note" cascade;`);
    this.addSql(`drop table if exists "lead_team_member" cascade;`);
    this.addSql(`drop table if exists "lead_territory" cascade;`);
    this.addSql(`drop table if exists "offboarding" cascade;`);
    this.addSql(`drop table if exists "opportunity" cascade;`);
    this.addSql(`drop table if exists "rep" cascade;`);
    this.addSql(`drop table if exists "rep_load_event" cascade;`);
    this.addSql(`drop table if exists "rep_open_lead" cascade;`);
    this.addSql(`drop table if exists "routing_config_version" cascade;`);
    this.addSql(`drop table if exists "rule_set" cascade;`);
    this.addSql(`drop table if exists "rule_set_version" cascade;`);
    this.addSql(`drop table if exists "rule_set_activation" cascade;`);
    this.addSql(`drop table if exists "setting" cascade;`);
    this.addSql(`drop table if exists "team" cascade;`);
    this.addSql(`drop table if exists "team_member" cascade;`);
    this.addSql(`drop table if exists "territory" cascade;`);
    this.addSql(`drop table if exists "territory_member" cascade;`);
  }

}
