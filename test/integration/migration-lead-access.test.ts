// The lifecycle-model migration on a database that has the rows the old lifecycle left behind:
// lead-team rows that kept access for owners and offered reps (origins owner, rule, manual, and
// a routed winner's territory row without a territory) go; territory members and people added
// on purpose stay; who owned each lead moves to lead_owner_history; open leads get their
// name + company key for duplicate detection.
import { randomBytes, randomUUID } from 'node:crypto';
import { migrate, openOrm } from '../../db/orm.js';
import { ensureDatabase } from '../../platform/embedded-postgres.js';
import { dropDatabase } from '../support/databases.js';
import { readRunState } from '../support/run-state.js';

const BEFORE = 'Migration20261123203537_import_status_length';

it('removes lasting access of former holders, keeps members added on purpose, records owners', async () => {
  const state = readRunState();
  const db = `migration_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(state.pgAdminUrl, db);
  const orm = await openOrm({ url: state.pgAdminUrl.replace(/\/postgres$/, `/${db}`), poolMax: 2 });
  try {
    await orm.migrator.up({ to: BEFORE });
    const conn = orm.em.getConnection();
    const [lead, closed] = [randomUUID(), randomUUID()];
    const [owner, formerOwner, rejected, winner, territoryWinner, member, territoryMember] = Array.from({ length: 7 }, () => randomUUID()) as [string, string, string, string, string, string, string];
    const territory = randomUUID();
    await conn.execute(`insert into lead (id, workflow_id, source, first_name, last_name, company_name, owner_id) values
      (?, 'lead-a', 'api', 'Ada', 'Lovelace', 'Analytical Engines Ltd', ?), (?, 'lead-b', 'api', 'Bo', 'Closed', 'Gone Inc', null)`, [lead, owner, closed]);
    await conn.execute('update lead set closed_at = now(), status = ? where id = ?', ['Retired', closed]);
    const rows: [string, string, string, string | null][] = [
      [owner, 'Full', 'owner', null], [formerOwner, 'Full', 'owner', null], [rejected, 'Edit', 'rule', null], [winner, 'Full', 'manual', null],
      [territoryWinner, 'Full', 'territory', null], [territoryMember, 'Full', 'territory', territory], [member, 'View only', 'member', null],
    ];
    for (const [rep, level, origin, t] of rows) {
      await conn.execute('insert into lead_team_member (lead_id, rep_id, access_level, origin, territory_id) values (?, ?, ?, ?, ?)', [lead, rep, level, origin, t]);
    }

    expect(await migrate(orm)).toEqual([expect.stringMatching(/_lead_lifecycle_model$/)]);

    const team = await conn.execute<{ rep_id: string; origin: string }[]>('select rep_id, origin from lead_team_member where lead_id = ? order by origin', [lead]);
    expect(team).toEqual([{ rep_id: member, origin: 'member' }, { rep_id: territoryMember, origin: 'territory' }]);
    const owners = await conn.execute<{ rep_id: string }[]>('select rep_id from lead_owner_history where lead_id = ? order by rep_id', [lead]);
    expect(owners.map((o) => o.rep_id)).toEqual([owner, formerOwner].sort());
    const keys = await conn.execute<{ id: string; name_company_key: string | null }[]>('select id, name_company_key from lead order by first_name');
    expect(keys).toEqual([{ id: lead, name_company_key: 'ada lovelace|analytical engines' }, { id: closed, name_company_key: null }]);
  } finally {
    await orm.close();
    await dropDatabase(state, db);
  }
});
