// Returning from time off: no flood of catch-up leads, for every strategy.
import { applyStateChanges, rejoinAfterLeave, simulateAssignments } from '../../../rules/assignment/index.js';
import type { Rep, SimulateResult } from '../../../rules/assignment/index.js';
import { lead, pool, rep, routing } from './fixtures.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2025-06-02T00:00:00Z');
const hourly = (n: number, startHour: number) => Array.from({ length: n }, (_, i) => ({ lead: lead(`L${startHour + i}`), now: new Date(T0 + (startHour + i) * HOUR).toISOString() }));
const count = (sim: SimulateResult, id: string) => sim.tally[id] ?? 0;
const winners = (sim: SimulateResult) => sim.decisions.map((d) => (d.outcome.kind === 'assigned' ? d.outcome.repId : d.outcome.kind));

describe('load balancing after leave', () => {
  const peers = [rep({ id: 'A', capacity: 100, openLeadCount: 20 }), rep({ id: 'B', capacity: 100, openLeadCount: 20 })];
  const back = rep({ id: 'R', capacity: 100, openLeadCount: 0, lastAssignedAt: '2025-05-01T00:00:00Z' });
  const lb = routing({ steps: [{ id: 'lb', match: pool('A', 'B', 'R'), distribution: { strategy: 'load_balancing' } }] });

  it('without a ramp the returning rep takes every lead until level (the flood this guards against)', () => {
    const sim = simulateAssignments({ routing: lb, reps: [...peers, back], leads: hourly(20, 0) });
    expect(count(sim, 'R')).toBe(20);
  });

  it('with rejoinAfterLeave the rep starts level with the freest peer and catches up at twice a fair share', () => {
    const changes = rejoinAfterLeave({ rep: back, peers, pools: [], now: new Date(T0).toISOString() });
    expect(changes).toEqual([
      { kind: 'rep_rejoined', repId: 'R', returnedFromLeaveAt: new Date(T0).toISOString(), rampLoad: { from: null, to: { extraOpenLeads: 20, reliefPerLead: 0.5 } } },
    ]);
    const reps: Rep[] = applyStateChanges({ reps: [...peers, back], pools: [] }, changes).reps;
    const first = simulateAssignments({ routing: lb, reps, leads: hourly(12, 0) });
    expect(first.tally).toEqual({ R: 6, A: 3, B: 3 });
    // Every window of 4 leads: R at most twice.
    const w = winners(first);
    for (let i = 0; i + 4 <= w.length; i++) expect(w.slice(i, i + 4).filter((x) => x === 'R').length).toBeLessThanOrEqual(2);
    // Caught up after 80 leads: 120 open leads, 40 each, ramp worked off and cleared.
    const rest = simulateAssignments({ routing: lb, reps: first.reps, leads: hourly(68, 12) });
    expect(rest.reps.map((r) => r.openLeadCount)).toEqual([40, 40, 40]);
    expect(rest.reps.find((r) => r.id === 'R')?.rampLoad).toBeNull();
  });

  it('the ramp never blocks real capacity: peers full, the returning rep still gets the lead', () => {
    const full = peers.map((p) => ({ ...p, openLeadCount: 100 }));
    const reps = applyStateChanges({ reps: [...full, back], pools: [] }, rejoinAfterLeave({ rep: back, peers: full, pools: [], now: new Date(T0).toISOString() })).reps;
    expect(reps.find((r) => r.id === 'R')?.rampLoad).toEqual({ extraOpenLeads: 100, reliefPerLead: 0.5 });
    expect(winners(simulateAssignments({ routing: lb, reps, leads: hourly(3, 0) }))).toEqual(['R', 'R', 'R']);
  });
});

describe('round robin after leave', () => {
  it('the returning rep gets one lead, then takes turns', () => {
    const reps = [rep({ id: 'A', lastAssignedAt: '2025-06-01T23:00:00Z' }), rep({ id: 'B', lastAssignedAt: '2025-06-01T23:30:00Z' }), rep({ id: 'R', lastAssignedAt: '2025-05-01T00:00:00Z' })];
    const rr = routing({ steps: [{ id: 'rr', match: pool('A', 'B', 'R') }] });
    expect(winners(simulateAssignments({ routing: rr, reps, leads: hourly(9, 0) }))).toEqual(['R', 'A', 'B', 'R', 'A', 'B', 'R', 'A', 'B']);
  });
});

describe('weighted round robin after leave', () => {
  const ooo = [{ start: new Date(T0).toISOString(), end: new Date(T0 + 100 * HOUR).toISOString(), reason: 'vacation' }];
  const reps = [rep({ id: 'A' }), rep({ id: 'R', outOfOffice: ooo })];
  const w = routing({ steps: [{ id: 'w', match: pool('A', 'R'), filters: { availability: { mode: 'now' }, capacity: true }, distribution: { strategy: 'weighted_round_robin' } }] });

  it('time away earns no credit: 1:1 shares resume at once instead of the returner taking everything', () => {
    const away = simulateAssignments({ routing: w, reps, leads: hourly(100, 0) });
    expect(away.tally).toEqual({ A: 100 });
    expect(away.decisions[0]?.steps[0]?.exclusions[0]).toMatchObject({ repId: 'R', code: 'out_of_office' });
    const backAgain = simulateAssignments({ routing: w, reps: away.reps, pools: away.pools, leads: hourly(20, 100) });
    expect(backAgain.tally).toEqual({ A: 10, R: 10 });
  });

  it('rejoinAfterLeave persists the leveled finish tag', () => {
    const away = simulateAssignments({ routing: w, reps, leads: hourly(100, 0) });
    const poolState = away.pools[0];
    if (!poolState) throw new Error('pool state expected');
    const changes = rejoinAfterLeave({ rep: away.reps[1] as Rep, peers: away.reps, pools: away.pools, now: new Date(T0 + 100 * HOUR).toISOString() });
    expect(changes[0]).toEqual({ kind: 'pool_member_leveled', poolId: 'r1/w', repId: 'R', finishTag: { from: 0, to: poolState.virtualTime } });
    expect(poolState.virtualTime).toBeGreaterThan(0);
  });
});
