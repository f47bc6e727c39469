// The concurrency proofs (issue 4.4) against real Postgres: 1,000 leads decided concurrently by
// several independent "workers" (each with its own catalog cache and batching lane, sharing a
// 48-connection pool) and, separately, as 32 concurrent single-lead transactions. Round robin
// over 10 equal reps gives exactly 100 each; load balancing never exceeds capacity and queues the
// rest; weighted 3:1 gives 750/250. The simulation endpoint agrees, and writes nothing.
import type { MikroORM } from '../../../db/orm.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { activitiesFor, apiRep, apiRouting, apiTeam, assignConcurrently, insertLeads, openWideOrm, tally } from '../../support/assignment.js';
import type { AssignLeadInput, AssignLeadResult } from '../../../activities/assignment.js';

let h: Harness;
let wide: MikroORM;
beforeAll(async () => {
  h = await startHarness();
  wide = await openWideOrm(h, 48);
});
afterAll(async () => {
  await wide?.close();
  await h?.close();
});

/** `workers` independent activity instances (like worker processes); calls spread over them. */
function workers(n: number, batchSize?: number): (input: AssignLeadInput) => Promise<AssignLeadResult> {
  const instances = Array.from({ length: n }, () => activitiesFor(h, { orm: wide, ...(batchSize ? { batchSize } : {}) }));
  let next = 0;
  return (input) => instances[next++ % n]!.assignLead(input);
}

async function teamOf(n: number, fields: (i: number) => Record<string, unknown> = () => ({})): Promise<{ team: any; reps: any[] }> {
  const reps = [];
  for (let i = 0; i < n; i++) reps.push(await apiRep(h, fields(i)));
  return { team: await apiTeam(h, { memberRepIds: reps.map((r) => r.id) }), reps };
}

async function invariants(repIds: string[]): Promise<void> {
  // The counter equals the reservations: every lead counted once, by one rep.
  const drift = await h.sql(`select r.id, r.open_lead_count, (select count(*)::int from rep_open_lead o where o.rep_id = r.id) as reserved
    from rep r where r.id = any($1) and r.open_lead_count <> (select count(*) from rep_open_lead o where o.rep_id = r.id)`, [repIds]);
  expect(drift).toEqual([]);
  expect(await h.sql('select lead_id from rep_open_lead group by lead_id having count(*) > 1')).toEqual([]);
}

describe('round robin over 10 equal reps, 1,000 concurrent leads', () => {
  let reps: any[];
  beforeAll(async () => {
    const t = await teamOf(10);
    reps = t.reps;
    await apiRouting(h, [{ id: 'rr', match: { kind: 'team', teamId: t.team.id } }]);
  });

  it('four workers, 48 calls in flight: exactly 100 each', async () => {
    const leads = await insertLeads(h, 1000);
    const results = await assignConcurrently(workers(4), leads, 48);
    expect(Object.keys(tally(results)).sort()).toEqual(reps.map((r) => r.id).sort());
    expect(Object.values(tally(results))).toEqual(Array(10).fill(100));
    expect(await h.sql('select count(*)::int as n, count(distinct lead_id)::int as leads from assignment_decision where lead_id = any($1)', [leads])).toEqual([{ n: 1000, leads: 1000 }]);
    expect(await h.sql(`select assignment_status, count(*)::int as n from lead where id = any($1) group by 1`, [leads])).toEqual([{ assignment_status: 'Offered', n: 1000 }]);
    await invariants(reps.map((r) => r.id));
  });

  it('32 concurrent transactions without batching (row locks alone): exactly 100 each', async () => {
    const leads = await insertLeads(h, 1000);
    const results = await assignConcurrently(workers(1, 1), leads, 32);
    expect(Object.values(tally(results))).toEqual(Array(10).fill(100));
    expect((await h.sql('select open_lead_count from rep where id = any($1)', [reps.map((r) => r.id)])).map((r) => r.open_lead_count)).toEqual(Array(10).fill(200));
    await invariants(reps.map((r) => r.id));
  });
});

describe('load balancing with capacity', () => {
  it('never puts a rep above capacity; the rest wait in the queue, none dropped', async () => {
    const { team, reps } = await teamOf(10, (i) => ({ capacity: 55 + i })); // 595 slots
    await apiRouting(h, [{ id: 'lb', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'load_balancing' } }]);
    const leads = await insertLeads(h, 1000);
    const results = await assignConcurrently(workers(3), leads, 48);
    const offered = results.filter((r) => r.outcome === 'offered');
    expect(offered).toHaveLength(595);
    expect(results.filter((r) => r.outcome === 'queued')).toHaveLength(405);
    const open = await h.sql('select capacity, open_lead_count from rep where id = any($1)', [reps.map((r) => r.id)]);
    expect(open.every((r) => r.open_lead_count === r.capacity)).toBe(true);
    expect(await h.sql('select count(*)::int as n from assignment_queue_entry where lead_id = any($1)', [leads])).toEqual([{ n: 405 }]);
    await invariants(reps.map((r) => r.id));
  });
});

describe('weighted round robin 3:1', () => {
  it('gives 750 / 250 of 1,000 concurrent leads', async () => {
    const { team, reps } = await teamOf(2, (i) => ({ weight: i === 0 ? 3 : 1 }));
    await apiRouting(h, [{ id: 'weighted', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'weighted_round_robin' } }]);
    const leads = await insertLeads(h, 1000);
    const t = tally(await assignConcurrently(workers(4), leads, 48));
    expect(Math.abs(t[reps[0].id]! - 750)).toBeLessThanOrEqual(10);
    expect(Math.abs(t[reps[1].id]! - 250)).toBeLessThanOrEqual(10);
    expect(t[reps[0].id]! + t[reps[1].id]!).toBe(1000);
    await invariants(reps.map((r) => r.id));
  });
});

describe('simulation', () => {
  it('spreads 1,000 hypothetical leads exactly and writes nothing', async () => {
    const { team, reps } = await teamOf(10);
    await apiRouting(h, [{ id: 'rr', match: { kind: 'team', teamId: team.id } }]);
    const snapshot = () => h.sql(`select
      (select count(*) from assignment_decision)::int as decisions, (select count(*) from rep_open_lead)::int as reserved,
      (select count(*) from audit_event)::int as audit, (select count(*) from lead)::int as leads,
      (select count(*) from assignment_queue_entry)::int as queued, (select count(*) from lead_team_member)::int as team,
      (select coalesce(sum(virtual_time), 0)::bigint from assignment_pool)::text as pools,
      (select md5(string_agg(id::text || open_lead_count || coalesce(last_assigned_at::text, '') || last_assigned_seq, ',' order by id)) from rep) as reps`);
    const before = await snapshot();
    const sim = await h.api('post', '/assignment/simulate', { leads: [{ attributes: { country: 'US' }, repeat: 1000 }] }, { role: 'ops' });
    expect(sim.status).toBe(200);
    expect(sim.body.outcomes).toEqual({ offered: 1000, queued: 0, hopper: 0, default_queue: 0 });
    expect(reps.map((r) => sim.body.tally[r.id])).toEqual(Array(10).fill(100));
    expect(sim.body.decisions[0].decision).toBeUndefined(); // summaries only above 100 decisions
    expect(sim.body.reps.every((r: any) => r.openLeadCount.after - r.openLeadCount.before === 100)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });
});
