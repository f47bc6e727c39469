import { Migration } from '@mikro-orm/migrations';
import { nameCompanyKeyOf } from '../../rules/dedupe.js';

// The lifecycle model (issue: lead lifecycle you can trust):
// - access follows the lead: owners and offered reps get theirs from the lead row while they hold
//   it, so the rows that gave them lasting lead-team access (origins owner, rule, manual, and a
//   winner's territory row without a territory) go; who owned a lead moves to lead_owner_history;
// - duplicate detection by name + company (name_company_key, backfilled for open leads);
// - the stale sweep's index and marker; settings revisions.

export class Migration20261203192635_lead_lifecycle_model extends Migration {

  override name = 'Migration20261203192635_lead_lifecycle_model';

  override async up(): Promise<void> {
    // Statements run in order here (not collected): the backfill needs the new column.
    await this.execute(`create table "lead_owner_history" ("lead_id" uuid not null, "rep_id" uuid not null, "owned_at" timestamptz not null default now(), primary key ("lead_id", "rep_id"));`);

    await this.execute(`alter table "lead" add "name_company_key" varchar(320) null, add "stale_check_sent_at" timestamptz null;`);
    await this.execute(`create index "lead_name_company_idx" on "lead" ("name_company_key");`);
    await this.execute(`create index "lead_open_activity_idx" on "lead" ("last_activity_at") where "closed_at" is null;`);

    await this.execute(`alter table "setting" add "revision" int not null default 0;`);

    await this.execute(`insert into "lead_owner_history" ("lead_id", "rep_id", "owned_at")
      select "lead_id", "rep_id", "added_at" from "lead_team_member" where "origin" = 'owner' on conflict do nothing;`);
    await this.execute(`insert into "lead_owner_history" ("lead_id", "rep_id", "owned_at")
      select "id", "owner_id", "updated_at" from "lead" where "owner_id" is not null on conflict do nothing;`);
    await this.execute(`delete from "lead_team_member" where "origin" in ('owner', 'rule', 'manual') or ("origin" = 'territory' and "territory_id" is null);`);
    await this.backfillNameCompanyKeys();
  }

  /** name_company_key for the open leads (the duplicate candidates of future captures), in pages. */
  private async backfillNameCompanyKeys(): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await this.execute(
        `select "id", "first_name", "last_name", "company_name", "account_name" from "lead"
          where "closed_at" is null and "id" > ? order by "id" limit 1000`, [after]) as { id: string; first_name: string | null; last_name: string | null; company_name: string | null; account_name: string | null }[];
      if (page.length === 0) return;
      const keys = page.map((r) => ({ id: r.id, key: nameCompanyKeyOf({ firstName: r.first_name, lastName: r.last_name, companyName: r.company_name, accountName: r.account_name }) })).filter((k) => k.key);
      if (keys.length > 0) {
        await this.execute(`update "lead" l set "name_company_key" = v.key from jsonb_to_recordset(?::jsonb) as v(id uuid, key text) where l."id" = v.id`, [JSON.stringify(keys)]);
      }
      after = page[page.length - 1]!.id;
    }
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "lead_owner_history" cascade;`);

    this.addSql(`drop index "lead_name_company_idx";`);
    this.addSql(`drop index "lead_open_activity_idx";`);
    this.addSql(`alter table "lead" drop column "name_company_key", drop column "stale_check_sent_at";`);

    this.addSql(`alter table "setting" drop column "revision";`);
  }

}
