// Property tests: whatever the reps, filters and strategy, the winner is an eligible candidate,
// capacity holds, every exclusion carries a reason, and the record is deterministic JSON.
import fc from 'fast-check';
import { decideAssignment, decisionSchema, EXCLUSION_CODES, simulateAssignments, STRATEGIES } from '../../../rules/assignment/index.js';
import type { Decision, Rep, RoutingConfig } from '../../../rules/assignment/index.js';
import { lead, leads, rep, routing } from './fixtures.js';

const IDS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5'];
const NOWS = ['2025-06-11T10:00:00.000Z', '2025-06-14T03:00:00.000Z', '2025-03-09T07:30:00.000Z'];

const repArb = (id: string) =>
  fc.record({
    active: fc.integer({ min: 0, max: 6 }).map((n) => n > 0),
    capacity: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    openLeadCount: fc.integer({ min: 0, max: 6 }),
    weight: fc.integer({ min: 1, max: 5 }),
    performanceScore: fc.integer({ min: 0, max: 100 }),
    lastAssignedAt: fc.option(fc.constantFrom('2025-06-10T09:00:00Z', '2025-06-11T08:00:00Z', '2025-06-11T09:00:00Z'), { nil: null }),
    lastAssignedSeq: fc.integer({ min: 0, max: 5 }),
    away: fc.boolean(),
    scheduled: fc.boolean(),
  }).map((r) =>
    rep({
      id,
      active: r.active,
      capacity: r.capacity,
      openLeadCount: r.openLeadCount,
      weight: r.weight,
      performanceScore: r.performanceScore,
      lastAssignedAt: r.lastAssignedAt,
      lastAssignedSeq: r.lastAssignedSeq,
      outOfOffice: r.away ? [{ start: '2025-06-10T00:00:00Z', end: '2025-06-12T00:00:00Z' }] : [],
      workingHours: r.scheduled ? { timeZone: 'America/New_York', weekly: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '17:00' })) } : null,
    }),
  );

const stepArb = (i: number) =>
  fc.record({
    members: fc.subarray([...IDS, 'ghost'], { minLength: 0 }),
    strategy: fc.constantFrom(...STRATEGIES),
    capacity: fc.boolean(),
    availability: fc.oneof(fc.constant({ mode: 'ignore' as const }), fc.constant({ mode: 'now' as const }), fc.integer({ min: 1, max: 120 }).map((hours) => ({ mode: 'within_hours' as const, hours }))),
    whenUnavailable: fc.constantFrom('queue' as const, 'continue' as const),
  }).map((s) => ({
    id: `s${i}`,
    match: { kind: 'rep_attributes' as const, from: { teamIds: [], repIds: s.members.length > 0 ? s.members : ['ghost'] } },
    filters: { availability: s.availability, capacity: s.capacity },
    distribution: { strategy: s.strategy },
    whenUnavailable: s.whenUnavailable,
  }));

const worldArb = fc.record({
  reps: fc.tuple(...IDS.map(repArb)),
  steps: fc.tuple(stepArb(0), stepArb(1)).chain(([a, b]) => fc.constantFrom([a], [a, b])),
  exclude: fc.subarray(IDS),
  now: fc.constantFrom(...NOWS),
  seed: fc.string({ maxLength: 4 }),
});

function checkDecision(d: Decision, reps: readonly Rep[], config: RoutingConfig, exclude: readonly string[]): void {
  const byId = new Map(reps.map((r) => [r.id, r]));
  for (const step of d.steps) {
    const seen = new Set<string>();
    for (const e of step.exclusions) {
      expect(EXCLUSION_CODES).toContain(e.code);
      expect(e.text.length).toBeGreaterThan(0);
      expect(seen.has(e.repId)).toBe(false);
      seen.add(e.repId);
    }
    const ranked = new Set(step.distribution?.ranking.map((r) => r.repId) ?? []);
    const accounted = (id: string) => seen.has(id) || ranked.has(id);
    if (step.status === 'queued' || step.status === 'all_excluded') for (const id of step.considered) expect(seen.has(id)).toBe(true);
    if (step.status === 'assigned') for (const id of step.considered) expect(accounted(id)).toBe(true);
  }
  if (d.outcome.kind !== 'assigned') {
    expect(d.stateChanges).toEqual([]);
    return;
  }
  const { repId, stepId } = d.outcome;
  const step = d.steps.find((s) => s.stepId === stepId);
  const cfg = config.steps.find((s) => s.id === stepId);
  const winner = byId.get(repId);
  expect(step?.considered).toContain(repId);
  expect(step?.exclusions.map((e) => e.repId)).not.toContain(repId);
  expect(step?.distribution?.ranking[0]?.repId).toBe(repId);
  expect(winner?.active).toBe(true);
  expect(exclude).not.toContain(repId);
  if (cfg?.filters.capacity && winner?.capacity !== null) expect(winner?.openLeadCount).toBeLessThan(winner?.capacity ?? 0);
  expect(d.stateChanges[0]).toMatchObject({ kind: 'rep_assigned', repId, openLeadCount: { from: winner?.openLeadCount, to: (winner?.openLeadCount ?? 0) + 1 } });
}

describe('assignment properties', () => {
  it('the winner is a non-excluded, active candidate with room; every exclusion has a reason; JSON round-trips; deterministic', () => {
    fc.assert(
      fc.property(worldArb, ({ reps, steps, exclude, now, seed }) => {
        const config = routing({ steps: [...steps] });
        const input = { lead: lead('L-prop'), routing: config, reps, now, excludeRepIds: exclude, seed };
        const d = decideAssignment(input);
        checkDecision(d, reps, config, exclude);
        expect(decisionSchema.parse(JSON.parse(JSON.stringify(d)))).toEqual(d);
        expect(decideAssignment(input)).toEqual(d);
        expect(d.lockSet.repIds.every((id) => IDS.includes(id))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('with the capacity filter on, a sequence of leads never takes a rep above capacity', () => {
    fc.assert(
      fc.property(fc.tuple(...IDS.map(repArb)), fc.constantFrom(...STRATEGIES), fc.integer({ min: 1, max: 40 }), (reps, strategy, n) => {
        const config = routing({ steps: [{ id: 'only', match: { kind: 'rep_attributes', from: { teamIds: [], repIds: IDS } }, distribution: { strategy } }] });
        const sim = simulateAssignments({ routing: config, reps, leads: leads(n, NOWS[0] ?? '', 60_000) });
        for (const after of sim.reps) {
          const before = reps.find((r) => r.id === after.id);
          if (!before || before.capacity === null) continue;
          expect(after.openLeadCount).toBeLessThanOrEqual(Math.max(before.capacity, before.openLeadCount));
          if (before.openLeadCount >= before.capacity) expect(after.openLeadCount).toBe(before.openLeadCount);
        }
        const room = reps.filter((r) => r.active).reduce((s, r) => s + (r.capacity === null ? Infinity : Math.max(0, r.capacity - r.openLeadCount)), 0);
        const assigned = sim.decisions.filter((d) => d.outcome.kind === 'assigned').length;
        expect(assigned).toBe(Math.min(n, room));
        // Nobody is dropped: with active candidates a lead is assigned or waits (queued); only a pool
        // with no active rep at all sends it to the fallback.
        const anyActive = reps.some((r) => r.active);
        for (const d of sim.decisions) expect(anyActive ? ['assigned', 'queued'] : ['hopper']).toContain(d.outcome.kind);
      }),
      { numRuns: 200 },
    );
  });
});
