// Sequential simulations (the order serialized transactions produce) proving the fairness figures.
import { simulateAssignments } from '../../../rules/assignment/index.js';
import type { Rep } from '../../../rules/assignment/index.js';
import { leads, pool, rep, routing } from './fixtures.js';

const NOW = '2025-06-11T10:00:00.000Z';
const ids = (n: number) => Array.from({ length: n }, (_, i) => `rep${String(i).padStart(2, '0')}`);

describe('round robin over 10 equal reps', () => {
  const reps = ids(10).map((id) => rep({ id }));
  const rr = routing({ steps: [{ id: 'rr', match: pool(...ids(10)) }] });

  it.each([
    ['all at the same instant', 0],
    ['one per second', 1000],
  ])('1000 leads give exactly 100 each (%s)', (_label, stepMs) => {
    const sim = simulateAssignments({ routing: rr, reps, leads: leads(1000, NOW, stepMs) });
    expect(Object.values(sim.tally)).toEqual(Array(10).fill(100));
    // Strict rotation: every window of 10 consecutive leads covers all 10 reps.
    const winners = sim.decisions.map((d) => (d.outcome.kind === 'assigned' ? d.outcome.repId : ''));
    for (let i = 0; i + 10 <= winners.length; i += 10) expect(new Set(winners.slice(i, i + 10)).size).toBe(10);
  });
});

describe('weighted round robin', () => {
  it('3:1 gives exactly 750/250 over 1000 leads', () => {
    const reps = [rep({ id: 'heavy', weight: 3 }), rep({ id: 'light', weight: 1 })];
    const r = routing({ steps: [{ id: 'w', match: pool('heavy', 'light'), distribution: { strategy: 'weighted_round_robin' } }] });
    const sim = simulateAssignments({ routing: r, reps, leads: leads(1000, NOW) });
    expect(sim.tally).toEqual({ heavy: 750, light: 250 });
    // Smooth, not bursty: light never waits more than 4 leads.
    const lights = sim.decisions.flatMap((d, i) => (d.outcome.kind === 'assigned' && d.outcome.repId === 'light' ? [i] : []));
    expect(Math.max(...lights.slice(1).map((x, i) => x - (lights[i] ?? 0)))).toBeLessThanOrEqual(4);
    expect(sim.pools).toEqual([expect.objectContaining({ poolId: 'r1/w' })]);
  });

  it('5:3:2 gives 500/300/200, and weights can come from performance scores', () => {
    const reps = [rep({ id: 'a', weight: 5, performanceScore: 50 }), rep({ id: 'b', weight: 3, performanceScore: 30 }), rep({ id: 'c', weight: 2, performanceScore: 20 })];
    for (const weightSource of ['weight', 'performance'] as const) {
      const r = routing({ steps: [{ id: 'w', match: pool('a', 'b', 'c'), distribution: { strategy: 'weighted_round_robin', weightSource } }] });
      expect(simulateAssignments({ routing: r, reps, leads: leads(1000, NOW, 500) }).tally).toEqual({ a: 500, b: 300, c: 200 });
    }
  });
});

describe('load balancing under capacity', () => {
  const capacities = [5, 8, 10, 12, 15, 20, 25, 30, 35, 40];
  const reps = ids(10).map((id, i) => rep({ id, capacity: capacities[i] ?? 0, openLeadCount: i % 3 }));
  const lb = routing({ steps: [{ id: 'lb', match: pool(...ids(10)), distribution: { strategy: 'load_balancing' } }] });
  const room = reps.reduce((s, r) => s + (r.capacity ?? 0) - r.openLeadCount, 0);

  it('never exceeds any capacity, fills every seat, then queues the rest', () => {
    const sim = simulateAssignments({ routing: lb, reps, leads: leads(1000, NOW) });
    for (const r of sim.reps) expect(r.openLeadCount).toBe(r.capacity);
    const assigned = sim.decisions.filter((d) => d.outcome.kind === 'assigned').length;
    expect(assigned).toBe(room);
    expect(sim.decisions.slice(room).every((d) => d.outcome.kind === 'queued' && d.outcome.reason === 'at_capacity')).toBe(true);
  });

  it('keeps free capacities within one of each other while everyone has room', () => {
    const equal = ids(4).map((id, i) => rep({ id, capacity: 50, openLeadCount: i * 5 }));
    const r = routing({ steps: [{ id: 'lb', match: pool(...ids(4)), distribution: { strategy: 'load_balancing' } }] });
    let state: Rep[] = equal;
    const sim = simulateAssignments({ routing: r, reps: state, leads: leads(100, NOW) });
    state = sim.reps;
    const open = state.map((x) => x.openLeadCount);
    expect(Math.max(...open) - Math.min(...open)).toBeLessThanOrEqual(1);
    expect(open.reduce((a, b) => a + b, 0)).toBe(130);
  });
});
