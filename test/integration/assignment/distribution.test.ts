// Distribution strategies and filters through the API and real Postgres (and Temporal for the
// capacity-freed signal), including the Dynamics 365 worked examples: round robin by who waited
// longest, load balancing with ties broken by round robin, and "consider seller workload".
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../../support/harness.js';
import { activitiesFor, apiRep, apiRouting, apiTeam, assignInput, captureLead, insertLeads, TEST_ACTOR } from '../../support/assignment.js';
import { leadWorkflowId } from '../../../workflows/messages.js';
import { capture, offered, waitForLead } from '../../support/lifecycle.js';

let h: Harness;
const clock = { ms: Date.parse('2025-06-11T13:33:00.000Z') }; // a Wednesday
const at = (hhmm: string, date = '2025-06-11') => Date.parse(`${date}T${hhmm}:00.000Z`);
let acts: ReturnType<typeof activitiesFor>;
beforeAll(async () => {
  h = await startHarness();
  acts = activitiesFor(h, { now: () => new Date(clock.ms) });
});
afterAll(async () => { await h?.close(); });

const assign = async (leadId: string, extra = {}) => acts.assignLead(assignInput(leadId, extra));
const release = (leadId: string, repId: string, reason: 'rejected' | 'timeout' | 'converted' = 'converted', eventKey = `release-${randomUUID()}`) =>
  acts.releaseLead({ leadId, repId, eventKey, actor: TEST_ACTOR, reason });
const claim = (leadId: string, repId: string) => acts.recordManualAssignment({ leadId, repId, eventKey: `claim-${randomUUID()}`, actor: TEST_ACTOR, reason: 'claim' });
const openLeads = async (ids: string[]) => Object.fromEntries((await h.sql('select id, open_lead_count from rep where id = any($1)', [ids])).map((r) => [r.id, r.open_lead_count]));

/** Gives a rep `n` open leads by manual assignment at `hhmm` (their last assignment time). */
async function preload(repId: string, n: number, hhmm: string): Promise<string[]> {
  clock.ms = at(hhmm);
  const leads = await insertLeads(h, n);
  for (const l of leads) await claim(l, repId);
  return leads;
}

describe('round robin', () => {
  it('gives the lead to who waited longest, then the next in line among those who match (Dynamics)', async () => {
    const miriam = await apiRep(h, { name: 'Miriam', languages: ['en', 'es'] });
    const sanjay = await apiRep(h, { name: 'Sanjay', languages: ['en', 'es'] });
    const susana = await apiRep(h, { name: 'Susana', languages: ['en'] });
    await preload(miriam.id, 1, '10:02');
    await preload(sanjay.id, 1, '10:31');
    await preload(susana.id, 1, '11:17');
    await apiRouting(h, [{ id: 'rr', match: { kind: 'rep_attributes', from: { teamIds: [], repIds: [miriam.id, sanjay.id, susana.id] }, require: ['language'] } }]);
    clock.ms = at('13:33');
    expect((await assign(await captureLead(h, { language: 'en' }))).repId).toBe(miriam.id);
    clock.ms = at('13:50');
    const second = await assign(await captureLead(h, { language: 'es' }));
    expect(second.repId).toBe(sanjay.id);
    const routing = await h.api('get', `/leads/${(await h.sql('select lead_id from assignment_decision where id = $1', [second.decisionId]))[0].lead_id}/routing`);
    expect(routing.body.decisions[0].decision.steps[0].distribution.ranking.map((r: any) => r.repId)).toEqual([sanjay.id, miriam.id]);
    const rep = await h.api('get', `/reps/${miriam.id}`);
    expect(rep.body.lastAssignedAt).toBe('2025-06-11T13:33:00.000Z');
  });

  it('counts claims and manual assignments: a rep who just claimed goes to the back of the line', async () => {
    const a = await apiRep(h);
    const b = await apiRep(h);
    const team = await apiTeam(h, { memberRepIds: [a.id, b.id] });
    await apiRouting(h, [{ id: 'rr', match: { kind: 'team', teamId: team.id } }]);
    clock.ms = at('09:00', '2025-06-12');
    const first = await assign(await captureLead(h));
    const other = first.repId === a.id ? b.id : a.id;
    clock.ms += 60_000;
    await claim(await captureLead(h), other);
    clock.ms += 60_000;
    expect((await assign(await captureLead(h))).repId).toBe(first.repId);
  });
});

describe('load balancing and capacity (Dynamics worked examples)', () => {
  it('three sellers with free capacity 10, 12 and 15: leads one by one, ties by round robin, closing leads frees capacity', async () => {
    const miriam = await apiRep(h, { name: 'Miriam', capacity: 20 });
    const sanjay = await apiRep(h, { name: 'Sanjay', capacity: 20 });
    const susana = await apiRep(h, { name: 'Susana', capacity: 20 });
    const team = await apiTeam(h, { memberRepIds: [miriam.id, sanjay.id, susana.id] });
    const miriamLeads = await preload(miriam.id, 10, '10:02');
    await preload(sanjay.id, 8, '10:31');
    await preload(susana.id, 5, '11:17');
    await apiRouting(h, [{ id: 'lb', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'load_balancing' } }]);
    const free = async () => {
      const open = await openLeads([miriam.id, sanjay.id, susana.id]);
      return [20 - open[miriam.id], 20 - open[sanjay.id], 20 - open[susana.id]];
    };
    expect(await free()).toEqual([10, 12, 15]);
    const next = async (hhmm: string) => {
      clock.ms = at(hhmm);
      return (await assign(await captureLead(h))).repId;
    };
    expect(await next('14:01')).toBe(susana.id);
    expect(await free()).toEqual([10, 12, 14]);
    expect([await next('14:02'), await next('14:03')]).toEqual([susana.id, susana.id]);
    expect(await free()).toEqual([10, 12, 12]);
    // Sanjay and Susana are equally free; Susana got a lead more recently: Sanjay.
    const tie = await assign(await captureLead(h));
    expect(tie.repId).toBe(sanjay.id);
    expect(await free()).toEqual([10, 11, 12]);
    // Miriam closes three leads.
    for (const l of miriamLeads.slice(0, 3)) expect((await release(l, miriam.id)).released).toBe(true);
    expect(await free()).toEqual([13, 11, 12]);
    expect(await next('14:10')).toBe(miriam.id);
  });

  it('round robin with "consider seller workload": skips Miriam (-2) and Sanjay (0), gives the lead to Susana', async () => {
    const sanjay = await apiRep(h, { name: 'Sanjay', capacity: 10 });
    const susana = await apiRep(h, { name: 'Susana', capacity: 10 });
    const david = await apiRep(h, { name: 'David', capacity: 10 });
    const miriam = await apiRep(h, { name: 'Miriam', capacity: 10 });
    await preload(miriam.id, 12, '14:35'); // manual assignments may exceed capacity
    await preload(sanjay.id, 10, '14:37');
    await preload(susana.id, 6, '14:57');
    await preload(david.id, 9, '15:02');
    const team = await apiTeam(h, { memberRepIds: [sanjay.id, susana.id, david.id, miriam.id] });
    await apiRouting(h, [{ id: 'rr', match: { kind: 'team', teamId: team.id }, filters: { capacity: true } }]);
    clock.ms = at('15:30');
    const leadId = await captureLead(h);
    expect((await assign(leadId)).repId).toBe(susana.id);
    const steps = (await h.api('get', `/leads/${leadId}/routing`)).body.decisions[0].decision.steps;
    expect(steps[0].exclusions).toHaveLength(2);
    expect(steps[0].exclusions).toEqual(expect.arrayContaining([
      expect.objectContaining({ repId: sanjay.id, code: 'at_capacity', detail: { openLeads: 10, capacity: 10 } }),
      expect.objectContaining({ repId: miriam.id, code: 'at_capacity', detail: { openLeads: 12, capacity: 10 }, text: 'Miriam is at capacity (12 open of 10).' }),
    ]));
  });

  it('queues the lead when nobody has room; releasing counts once per event key and never below zero', async () => {
    const solo = await apiRep(h, { name: 'Solo', capacity: 1 });
    const team = await apiTeam(h, { memberRepIds: [solo.id] });
    await apiRouting(h, [{ id: 'solo', match: { kind: 'team', teamId: team.id } }]);
    clock.ms = at('09:00', '2025-06-13');
    const first = await captureLead(h);
    const waiting = await captureLead(h);
    expect((await assign(first)).outcome).toBe('offered');
    const queued = await assign(waiting);
    expect(queued).toMatchObject({ outcome: 'queued', repId: null, queueId: 'test-routing/solo', retryAt: null });
    expect(queued.summary).toMatch(/every candidate is at capacity/);
    expect(await h.sql('select assignment_status from lead where id = $1', [waiting])).toEqual([{ assignment_status: 'Queued' }]);

    const key = `release-${randomUUID()}`;
    const freed = await release(first, solo.id, 'rejected', key);
    // These leads have no workflow to signal (stored directly); signalling is tested end to end below.
    expect(freed).toEqual({ released: true, signalledLeadIds: [] });
    // Exactly once per event key; releasing what a rep does not hold changes nothing; never below zero.
    expect((await release(first, solo.id, 'rejected', key)).released).toBe(true);
    expect((await release(first, solo.id, 'rejected')).released).toBe(false);
    expect(await openLeads([solo.id])).toEqual({ [solo.id]: 0 });

    const retried = await assign(waiting, { reason: 'capacity_freed' });
    expect(retried).toMatchObject({ outcome: 'offered', repId: solo.id });
    expect(await h.sql('select count(*)::int as n from assignment_queue_entry where lead_id = $1', [waiting])).toEqual([{ n: 0 }]);
  });
});

describe('queued leads are assigned when capacity frees (lead workflows, end to end)', () => {
  const capacityFreedSignals = async (leadId: string) =>
    ((await h.temporal.workflow.getHandle(leadWorkflowId(leadId)).fetchHistory()).events ?? [])
      .filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'capacityFreed').length;

  it('a rejection frees the only rep: the queued lead is signalled and offered to them', async () => {
    const solo = await apiRep(h, { name: 'Solo', capacity: 1 });
    const team = await apiTeam(h, { memberRepIds: [solo.id] });
    await apiRouting(h, [{ id: 'solo', match: { kind: 'team', teamId: team.id } }]);
    const first = await capture(h, { source: 'api', email: `first-${randomUUID()}@a.example` });
    await waitForLead(h, first, (l) => offered(l) && l.offeredToId === solo.id, 'the first offer');
    const waiting = await capture(h, { source: 'api', email: `waiting-${randomUUID()}@b.example` });
    await waitForLead(h, waiting, (l) => l.assignmentStatus === 'Queued', 'the queue');

    expect((await h.api('post', `/leads/${first}/reject`, { reason: 'Incorrect data' }, { role: 'rep', repId: solo.id })).status).toBe(200);
    await waitForLead(h, waiting, (l) => offered(l) && l.offeredToId === solo.id, 'the offer after capacity freed');
    expect(await capacityFreedSignals(waiting)).toBe(1);
    expect(await openLeads([solo.id])).toEqual({ [solo.id]: 1 });
  });

  it('more capacity for a candidate signals the queued lead, which is then offered', async () => {
    const rep = await apiRep(h, { capacity: 0 });
    const team = await apiTeam(h, { memberRepIds: [rep.id] });
    await apiRouting(h, [{ id: 'full', match: { kind: 'team', teamId: team.id } }]);
    const leadId = await capture(h, { source: 'api', email: `q-${randomUUID()}@c.example` });
    await waitForLead(h, leadId, (l) => l.assignmentStatus === 'Queued', 'the queue');
    expect((await h.api('patch', `/reps/${rep.id}`, { capacity: 2 })).status).toBe(200);
    await waitForLead(h, leadId, (l) => offered(l) && l.offeredToId === rep.id, 'the offer');
    expect(await capacityFreedSignals(leadId)).toBe(1);
  });
});

describe('weighted, performance and random', () => {
  it('performance: the best score wins, ties by round robin', async () => {
    const low = await apiRep(h, { performanceScore: 5 });
    const hi1 = await apiRep(h, { performanceScore: 9 });
    const hi2 = await apiRep(h, { performanceScore: 9 });
    const team = await apiTeam(h, { memberRepIds: [low.id, hi1.id, hi2.id] });
    await apiRouting(h, [{ id: 'perf', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'performance' } }]);
    const winners = [];
    for (let i = 0; i < 4; i++) {
      clock.ms = at(`10:0${i}`, '2025-06-16');
      winners.push((await assign(await captureLead(h))).repId);
    }
    expect(new Set(winners)).toEqual(new Set([hi1.id, hi2.id]));
    expect(winners[0]).not.toBe(winners[1]);
  });

  it('weighted round robin 3:1 and weighted random spread by weight; random is replayable', async () => {
    const heavy = await apiRep(h, { weight: 3 });
    const light = await apiRep(h, { weight: 1 });
    const team = await apiTeam(h, { memberRepIds: [heavy.id, light.id] });
    await apiRouting(h, [{ id: 'w', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'weighted_round_robin', poolId: `pool-${team.id}` } }]);
    const leads = await insertLeads(h, 8);
    const winners = [];
    for (const l of leads) winners.push((await assign(l)).repId);
    expect(winners.filter((w) => w === heavy.id)).toHaveLength(6);
    const pool = await h.sql('select virtual_time::int as vt from assignment_pool where id = $1', [`pool-${team.id}`]);
    expect(pool[0].vt).toBeGreaterThan(0);

    await apiRouting(h, [{ id: 'rand', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'random', weighted: true } }]);
    const randomLeads = await insertLeads(h, 40);
    const picks = [];
    for (const l of randomLeads) picks.push((await assign(l)).repId);
    const heavyShare = picks.filter((p) => p === heavy.id).length;
    expect(heavyShare).toBeGreaterThan(20);
    expect(heavyShare).toBeLessThan(40);
    // The same lead id and seed pick the same rep (simulation replays it without writing).
    const sim = await h.api('post', '/assignment/simulate', { leads: [{ id: randomLeads[0], attributes: {} }] });
    expect(sim.body.decisions[0].repId).toBe(picks[0]);
  });
});

describe('availability', () => {
  it('excludes reps outside working hours or out of office; within N hours uses the first availability bucket with round robin', async () => {
    const hours = (timeZone: string) => ({ timeZone, weekly: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '17:00' })) });
    const london = await apiRep(h, { name: 'London', workingHours: hours('Europe/London') });
    const tokyo = await apiRep(h, { name: 'Tokyo', workingHours: hours('Asia/Tokyo') });
    const nyc = await apiRep(h, { name: 'New York', workingHours: hours('America/New_York') });
    const team = await apiTeam(h, { memberRepIds: [london.id, tokyo.id, nyc.id] });
    await apiRouting(h, [{ id: 'now', match: { kind: 'team', teamId: team.id }, filters: { availability: { mode: 'now' } }, whenUnavailable: 'queue' }]);
    clock.ms = Date.parse('2025-06-18T14:00:00Z'); // Wed: London 15:00, New York 10:00, Tokyo 23:00
    const l1 = await captureLead(h);
    const first = await assign(l1);
    expect([london.id, nyc.id]).toContain(first.repId);
    const ex = (await h.api('get', `/leads/${l1}/routing`)).body.decisions[0].decision.steps[0].exclusions;
    expect(ex).toEqual([expect.objectContaining({ repId: tokyo.id, code: 'outside_working_hours', text: 'Tokyo is outside working hours (Wed 23:00 in Asia/Tokyo).' })]);

    // London and New York go out of office: the lead waits for the next availability (retryAt).
    for (const rep of [london, nyc]) {
      const res = await h.api('post', `/reps/${rep.id}/availability`, { outOfOffice: { start: '2025-06-18T00:00:00Z', end: '2025-06-19T00:00:00Z', reason: 'Offsite' } });
      expect(res.status).toBe(200);
    }
    const waiting = await assign(await captureLead(h));
    expect(waiting.outcome).toBe('queued');
    expect(waiting.retryAt).toBe('2025-06-19T00:00:00.000Z'); // Tokyo starts 09:00 JST = 00:00 UTC

    // London and New York stay away one more day. Within 48 h: nobody now; Tokyo is first
    // available (1D), the others in 2D: round robin within 1D supersedes load balancing.
    for (const rep of [london, nyc]) {
      await h.api('post', `/reps/${rep.id}/availability`, { outOfOffice: { start: '2025-06-19T00:00:00Z', end: '2025-06-20T00:00:00Z' } });
    }
    await apiRouting(h, [{ id: 'soon', match: { kind: 'team', teamId: team.id }, filters: { availability: { mode: 'within_hours', hours: 48 } }, distribution: { strategy: 'load_balancing' } }]);
    const soonId = await captureLead(h);
    expect((await assign(soonId)).repId).toBe(tokyo.id);
    const step = (await h.api('get', `/leads/${soonId}/routing`)).body.decisions[0].decision.steps[0];
    expect(step.distribution).toMatchObject({ configured: 'load_balancing', used: 'round_robin' });
    expect(step.buckets).toEqual([{ bucket: 1, label: '1D', repIds: [tokyo.id] }, { bucket: 2, label: '2D', repIds: expect.arrayContaining([london.id, nyc.id]) }]);
    expect(step.exclusions.filter((e: any) => e.code === 'later_availability_bucket').map((e: any) => e.repId).sort()).toEqual([london.id, nyc.id].sort());
  });

  it('the away toggle stops new leads; coming back applies a ramp so the rep is not flooded with catch-up leads', async () => {
    const reps = [await apiRep(h, { name: 'A', capacity: 20 }), await apiRep(h, { name: 'B', capacity: 20 }), await apiRep(h, { name: 'C', capacity: 20 })];
    const [a, b, c] = reps as [any, any, any];
    const team = await apiTeam(h, { memberRepIds: reps.map((r) => r.id) });
    await apiRouting(h, [{ id: 'lb', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'load_balancing' } }]);
    clock.ms = at('08:00', '2025-06-20');
    const route = async (n: number) => {
      const out: string[] = [];
      for (const l of await insertLeads(h, n)) {
        clock.ms += 1000;
        out.push((await assign(l)).repId!);
      }
      return out;
    };
    await route(30); // 10 each
    expect((await h.api('post', `/reps/${c.id}/availability`, { available: false }, { role: 'rep', repId: b.id })).status).toBe(403);
    expect((await h.api('post', `/reps/${c.id}/availability`, { available: false }, { role: 'rep', repId: c.id })).body.rep.available).toBe(false);
    const whileAway = await route(12);
    expect(whileAway.filter((r) => r === c.id)).toHaveLength(0);
    expect(await openLeads([a.id, b.id, c.id])).toEqual({ [a.id]: 16, [b.id]: 16, [c.id]: 10 });

    const back = await h.api('post', `/reps/${c.id}/availability`, { available: true }, { role: 'manager' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ rejoined: true, rep: { available: true, rampLoad: { extraOpenLeads: 6, reliefPerLead: 0.5 } } });
    const after = await route(6);
    // Without the ramp C would take all 6 (it has 6 more free slots than anyone); with it, at most 2x a fair share.
    expect(after.filter((r) => r === c.id).length).toBeLessThanOrEqual(4);
    expect(after.filter((r) => r === c.id).length).toBeGreaterThanOrEqual(2);
  });
});

describe('idempotency and manual assignment', () => {
  it('a retried assignLead returns the stored decision and counts the lead once, also when retries race', async () => {
    const rep = await apiRep(h);
    const team = await apiTeam(h, { memberRepIds: [rep.id] });
    await apiRouting(h, [{ id: 'one', match: { kind: 'team', teamId: team.id } }]);
    const [leadId] = await insertLeads(h, 1);
    const input = assignInput(leadId!);
    const results = await Promise.all(Array.from({ length: 6 }, () => acts.assignLead(input)));
    expect(new Set(results.map((r) => r.decisionId)).size).toBe(1);
    expect(await acts.assignLead(input)).toEqual(results[0]);
    expect(await h.sql('select count(*)::int as n from assignment_decision where lead_id = $1', [leadId])).toEqual([{ n: 1 }]);
    expect(await h.sql("select count(*)::int as n from audit_event where lead_id = $1 and action = 'offered'", [leadId])).toEqual([{ n: 1 }]);
    expect(await openLeads([rep.id])).toEqual({ [rep.id]: 1 });
  });

  it('reassigns to a specific rep (ignoring capacity) and moves the capacity reservation with the lead', async () => {
    const from = await apiRep(h);
    const to = await apiRep(h, { capacity: 0 });
    const team = await apiTeam(h, { memberRepIds: [from.id] });
    await apiRouting(h, [{ id: 'one', match: { kind: 'team', teamId: team.id } }]);
    const [leadId] = await insertLeads(h, 1);
    expect((await assign(leadId!)).repId).toBe(from.id);
    const moved = await assign(leadId!, { reason: 'reassign', specificRepId: to.id, excludeRepIds: [from.id], attempt: 1 });
    expect(moved).toMatchObject({ outcome: 'offered', repId: to.id });
    expect(await openLeads([from.id, to.id])).toEqual({ [from.id]: 0, [to.id]: 1 });
    expect(await h.sql('select rep_id from rep_open_lead where lead_id = $1', [leadId])).toEqual([{ rep_id: to.id }]);
    const decision = (await h.api('get', `/leads/${leadId}/routing`)).body.decisions[0].decision;
    expect(decision.stateChanges.map((c: any) => [c.kind, c.repId])).toEqual([['rep_released', from.id], ['rep_assigned', to.id]]);
  });
});
