import { Migration } from '@mikro-orm/migrations';

export class Migration20261123170311_processing extends Migration {

  override name = 'Migration20261123170311_processing';

  override up(): void | Promise<void> {
    this.addSql(`create table "processing_activity" ("id" uuid not null, "name" varchar(200) not null, "description" text null, "process_type" varchar(30) not null, "rule_set_id" uuid null, "rule_set_version" int null, "criteria" jsonb not null default '[]', "diagnostic" boolean not null default false, "page_size" int not null default 500, "schedule_mode" varchar(20) not null, "run_at" timestamptz null, "frequency" varchar(10) null, "every" int null, "start_at" timestamptz null, "end_at" timestamptz null, "catchup_window_seconds" int not null default 3600, "paused" boolean not null default false, "revision" int not null default 1, "schedule_id" varchar(100) null, "created_by" varchar(200) not null, "updated_by" varchar(200) not null, "created_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "processing_activity_created_idx" on "processing_activity" ("created_at", "id");`);

    this.addSql(`create table "processing_run" ("id" uuid not null, "activity_id" uuid not null, "workflow_id" varchar(200) not null, "trigger" varchar(20) not null, "definition" jsonb not null, "as_of" timestamptz not null, "status" varchar(30) not null default 'In progress', "cursor" uuid null, "pages" int not null default 0, "estimated" int null, "selected" int not null default 0, "processed" int not null default 0, "changed" int not null default 0, "skipped" int not null default 0, "failed" int not null default 0, "signalled" int not null default 0, "error" text null, "started_at" timestamptz(3) not null default now(), "updated_at" timestamptz not null default now(), "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "processing_run_activity_idx" on "processing_run" ("activity_id", "started_at", "id");`);
    this.addSql(`create index "processing_run_workflow_idx" on "processing_run" ("workflow_id");`);
    this.addSql(`create unique index "processing_run_one_in_progress" on "processing_run" ("activity_id") where "status" = 'In progress';`);

    this.addSql(`create table "processing_run_log" ("run_id" uuid not null, "lead_id" uuid not null, "page_no" int not null, "outcome" varchar(20) not null, "before" jsonb null, "after" jsonb null, "trace" jsonb null, "message" text null, "at" timestamptz not null default now(), primary key ("run_id", "lead_id"));`);
    this.addSql(`create index "processing_run_log_outcome_idx" on "processing_run_log" ("run_id", "outcome", "lead_id");`);

    this.addSql(`create table "processing_run_page" ("run_id" uuid not null, "page_no" int not null, "first_lead_id" uuid not null, "last_lead_id" uuid not null, "selected" int not null, "changed" int not null, "skipped" int not null, "failed" int not null, "signals" jsonb null, "signalled" int not null default 0, "signals_missed" int not null default 0, "signalled_at" timestamptz null, "processed_by" varchar(100) not null, "committed_at" timestamptz not null default now(), primary key ("run_id", "page_no"));`);

    this.addSql(`alter table "processing_activity" add constraint "processing_activity_page_size_check" check (page_size >= 1 and page_size <= 5000);`);
    this.addSql(`alter table "processing_activity" add constraint "processing_activity_every_check" check (every is null or every >= 1);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "processing_activity" cascade;`);
    this.addSql(`drop table if exists "processing_run" cascade;`);
    this.addSql(`drop table if exists "processing_run_log" cascade;`);
    this.addSql(`drop table if exists "processing_run_page" cascade;`);
  }

}
