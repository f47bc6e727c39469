import { Migration } from '@mikro-orm/migrations';

export class Migration20261123155357_rules_config extends Migration {

  override name = 'Migration20261123155357_rules_config';

  override up(): void | Promise<void> {
    this.addSql(`create table "assessment_template" ("id" uuid not null, "name" varchar(200) not null, "status" varchar(20) not null default 'In progress', "business_object" varchar(20) not null default 'lead', "latest_version" int not null, "copied_from_id" uuid null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "assessment_template_name_idx" on "assessment_template" ("name", "id");`);
    this.addSql(`create index "assessment_template_status_idx" on "assessment_template" ("status");`);

    this.addSql(`create table "assessment_template_version" ("id" bigserial primary key, "template_id" uuid not null, "version" int not null, "definition" jsonb not null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "assessment_template_version" add constraint "assessment_template_version_unique" unique ("template_id", "version");`);

    this.addSql(`create table "assessment" ("id" uuid not null, "lead_id" uuid not null, "template_id" uuid not null, "template_version" int not null, "answers" jsonb not null, "question_scores" jsonb not null, "total_score" int not null, "rating" varchar(50) not null, "feedback" text null, "recommended_task_templates" jsonb not null, "actor" varchar(200) not null, "request_id" varchar(100) null, "taken_at" timestamptz not null default now(), primary key ("id"));`);
    this.addSql(`create index "assessment_lead_idx" on "assessment" ("lead_id", "taken_at");`);

    this.addSql(`create table "rule_set" ("id" uuid not null, "name" varchar(200) not null, "type" varchar(20) not null, "description" text null, "latest_version" int not null, "archived" boolean not null default false, "created_by" varchar(200) not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "archived_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "rule_set_name_idx" on "rule_set" ("name", "id");`);
    this.addSql(`create index "rule_set_updated_idx" on "rule_set" ("updated_at", "id");`);
    this.addSql(`create index "rule_set_type_idx" on "rule_set" ("type");`);

    this.addSql(`create table "rule_set_version" ("id" bigserial primary key, "rule_set_id" uuid not null, "version" int not null, "definition" jsonb not null, "created_by" varchar(200) not null, "created_at" timestamptz not null default now());`);
    this.addSql(`alter table "rule_set_version" add constraint "rule_set_version_unique" unique ("rule_set_id", "version");`);

    this.addSql(`create table "rule_set_activation" ("stage" varchar(20) not null, "rule_set_version_id" bigint not null, "rule_set_type" varchar(20) not null, "activated_by" varchar(200) not null, "activated_at" timestamptz not null default now(), primary key ("stage"));`);

    this.addSql(`alter table "assessment_template" add constraint "assessment_template_status_check" check (status in ('In progress', 'Active', 'Retired'));`);

    this.addSql(`alter table "assessment_template_version" add constraint "assessment_template_version_template_id_foreign" foreign key ("template_id") references "assessment_template" ("id") on delete cascade;`);

    this.addSql(`alter table "assessment" add constraint "assessment_lead_id_foreign" foreign key ("lead_id") references "lead" ("id");`);
    this.addSql(`alter table "assessment" add constraint "assessment_template_id_foreign" foreign key ("template_id") references "assessment_template" ("id");`);

    this.addSql(`alter table "rule_set" add constraint "rule_set_latest_version_check" check (latest_version >= 1);`);

    this.addSql(`alter table "rule_set_version" add constraint "rule_set_version_rule_set_id_foreign" foreign key ("rule_set_id") references "rule_set" ("id");`);

    this.addSql(`alter table "rule_set_activation" add constraint "rule_set_activation_rule_set_version_id_foreign" foreign key ("rule_set_version_id") references "rule_set_version" ("id");`);
    this.addSql(`alter table "rule_set_activation" add constraint "rule_set_activation_stage_check" check ((stage = 'rating' and rule_set_type in ('rating', 'ranking')) or (stage in ('scoring', 'qualification', 'channel') and rule_set_type = stage));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "assessment_template_version" drop constraint "assessment_template_version_template_id_foreign";`);
    this.addSql(`alter table "assessment" drop constraint "assessment_template_id_foreign";`);
    this.addSql(`alter table "rule_set_version" drop constraint "rule_set_version_rule_set_id_foreign";`);
    this.addSql(`alter table "rule_set_activation" drop constraint "rule_set_activation_rule_set_version_id_foreign";`);

    this.addSql(`drop table if exists "assessment_template" cascade;`);
    this.addSql(`drop table if exists "assessment_template_version" cascade;`);
    this.addSql(`drop table if exists "assessment" cascade;`);
    this.addSql(`drop table if exists "rule_set" cascade;`);
    this.addSql(`drop table if exists "rule_set_version" cascade;`);
    this.addSql(`drop table if exists "rule_set_activation" cascade;`);
  }

}
