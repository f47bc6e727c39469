// Deterministic "random" distribution (a function of lead id + seed) and performance-based routing.
import { decideAssignment, simulateAssignments, unitHash } from '../../../rules/assignment/index.js';
import type { Decision } from '../../../rules/assignment/index.js';
import { lead, leads, pool, rep, routing } from './fixtures.js';

const NOW = '2025-06-11T10:00:00.000Z';
const winner = (d: Decision) => (d.outcome.kind === 'assigned' ? d.outcome.repId : d.outcome.kind);

describe('unitHash', () => {
  it('is stable and spreads over (0, 1)', () => {
    expect(unitHash('lead-1|seed')).toBe(unitHash('lead-1|seed'));
    expect(unitHash('lead-1|seed')).not.toBe(unitHash('lead-2|seed'));
    const xs = Array.from({ length: 10_000 }, (_, i) => unitHash(`k${i}`));
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const deciles = Array(10).fill(0) as number[];
    for (const x of xs) deciles[Math.floor(x * 10)] = (deciles[Math.floor(x * 10)] ?? 0) + 1;
    for (const d of deciles) expect(Math.abs(d - 1000)).toBeLessThan(120);
  });
});

describe('random distribution', () => {
  const reps = ['a', 'b', 'c', 'd'].map((id) => rep({ id }));
  const config = (weighted = false) => routing({ steps: [{ id: 'rnd', match: pool('a', 'b', 'c', 'd'), distribution: { strategy: 'random', weighted } }] });

  it('replays: the same lead and seed always give the same rep, whatever the state', () => {
    const first = decideAssignment({ lead: lead('L-42'), routing: config(), reps, now: NOW, seed: 'april' });
    const busy = reps.map((r) => ({ ...r, openLeadCount: 7, lastAssignedAt: NOW }));
    const again = decideAssignment({ lead: lead('L-42'), routing: config(), reps: busy, now: '2026-01-01T00:00:00Z', seed: 'april' });
    expect(winner(again)).toBe(winner(first));
    expect(first.seed).toBe('april');
    const seeds = new Set(Array.from({ length: 20 }, (_, i) => winner(decideAssignment({ lead: lead('L-42'), routing: config(), reps, now: NOW, seed: `s${i}` }))));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('spreads 4000 leads evenly, or by weight when weighted', () => {
    const even = simulateAssignments({ routing: config(), reps, leads: leads(4000, NOW), seed: 'x' });
    for (const id of ['a', 'b', 'c', 'd']) expect(Math.abs((even.tally[id] ?? 0) - 1000)).toBeLessThan(100);
    const weightedReps = [rep({ id: 'heavy', weight: 3 }), rep({ id: 'light', weight: 1 })];
    const w = simulateAssignments({ routing: routing({ steps: [{ id: 'rnd', match: pool('heavy', 'light'), distribution: { strategy: 'random', weighted: true } }] }), reps: weightedReps, leads: leads(4000, NOW), seed: 'x' });
    expect(Math.abs((w.tally.heavy ?? 0) - 3000)).toBeLessThan(120);
  });
});

describe('performance-based distribution', () => {
  const reps = [rep({ id: 'star', performanceScore: 92, capacity: 2 }), rep({ id: 'good', performanceScore: 80, lastAssignedAt: '2025-06-11T08:00:00Z' }), rep({ id: 'good2', performanceScore: 80, lastAssignedAt: '2025-06-11T07:00:00Z' })];
  const config = routing({ steps: [{ id: 'perf', match: pool('star', 'good', 'good2'), distribution: { strategy: 'performance' } }] });

  it('gives leads to the best performer until full, then to the next best by round robin', () => {
    const sim = simulateAssignments({ routing: config, reps, leads: leads(5, NOW, 1000) });
    expect(sim.decisions.map(winner)).toEqual(['star', 'star', 'good2', 'good', 'good2']);
    expect(sim.decisions[2]?.steps[0]?.exclusions).toEqual([expect.objectContaining({ repId: 'star', code: 'at_capacity' })]);
    expect(sim.decisions[0]?.steps[0]?.distribution?.ranking[0]?.keys).toMatchObject({ performanceScore: 92 });
  });
});
