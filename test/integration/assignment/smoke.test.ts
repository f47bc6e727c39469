import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../../support/harness.js';
import { activitiesFor, assignConcurrently, insertLeads, openWideOrm, tally } from '../../support/assignment.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

it('round robin 1000 leads over 10 reps', async () => {
  const reps = Array.from({ length: 10 }, () => randomUUID()).sort();
  for (const [i, id] of reps.entries()) await h.sql('insert into rep (id, name, email) values ($1, $2, $3)', [id, `Rep ${i}`, `r${i}@x.example`]);
  const team = randomUUID();
  await h.sql('insert into team (id, name) values ($1, $2)', [team, 'inbound']);
  for (const id of reps) await h.sql('insert into team_member (team_id, rep_id) values ($1, $2)', [team, id]);
  await h.sql(`insert into routing_config_version (version, config_id, definition, active, created_by) values (1, 'r', $1, true, 'test')`,
    [JSON.stringify({ id: 'r', name: 'rr', steps: [{ id: 'rr', match: { kind: 'team', teamId: team } }] })]);
  await h.sql('update assignment_settings set revision = revision + 1');
  const leads = await insertLeads(h, 1000, (i) => ({ firstName: `L${i}` }));
  const orm = await openWideOrm(h, 40);
  const acts = activitiesFor(h, { orm });
  const t0 = Date.now();
  const results = await assignConcurrently(acts.assignLead, leads, 32);
  console.log(`1000 in ${Date.now() - t0} ms`, tally(results));
  await orm.close();
  expect(Object.values(tally(results))).toEqual(Array(10).fill(100));
});
