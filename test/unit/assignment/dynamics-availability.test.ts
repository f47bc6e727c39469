// Dynamics 365 seller availability: 24-hour buckets 0D..5D, round robin superseding load balancing
// outside the first bucket, capacity before availability, and the Friday-evening time limit.
import { decideAssignment, simulateAssignments } from '../../../rules/assignment/index.js';
import type { Decision, RepInput } from '../../../rules/assignment/index.js';
import { at, lead, leads, pool, rep, routing } from './fixtures.js';

// Wednesday 2025-06-11 15:30 UTC. Vivek and Sal work now (0D); Burt and Maya start Thursday 09:00
// (17.5 h, 1D); Maria starts Friday 09:00 (41.5 h, 2D).
const NOW = at('15:30');
const weekdays = { timeZone: 'UTC', weekly: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '17:00' })) };
const only = (day: 'thu' | 'fri') => ({ timeZone: 'UTC', weekly: [{ day, start: '09:00', end: '17:00' }] });
const seller = (id: string, hours: RepInput['workingHours'], lastAssigned: string, free: number) =>
  rep({ id, workingHours: hours, lastAssignedAt: at(lastAssigned), capacity: 20, openLeadCount: 20 - free });
const names = ['Burt', 'Maya', 'Vivek', 'Maria', 'Sal'];
const assigned = (d: Decision) => (d.outcome.kind === 'assigned' ? d.outcome.repId : d.outcome.kind);

function team(free: Record<string, number>) {
  return [
    seller('Burt', only('thu'), '14:37', free.Burt ?? 0),
    seller('Maya', only('thu'), '14:15', free.Maya ?? 0),
    seller('Vivek', weekdays, '15:02', free.Vivek ?? 0),
    seller('Maria', only('fri'), '15:10', free.Maria ?? 0),
    seller('Sal', weekdays, '14:29', free.Sal ?? 0),
  ];
}
const rule = (strategy: 'round_robin' | 'load_balancing', capacity: boolean) =>
  routing({ steps: [{ id: 'avail', match: pool(...names), filters: { availability: { mode: 'within_hours', hours: 120 }, capacity }, distribution: { strategy } }] });

describe('Dynamics availability examples', () => {
  it('places sellers in 24-hour buckets', () => {
    const d = decideAssignment({ lead: lead('L1'), routing: rule('round_robin', false), reps: team({}), now: NOW });
    expect(d.steps[0]?.buckets).toEqual([
      { bucket: 0, label: '0D', repIds: ['Vivek', 'Sal'] },
      { bucket: 1, label: '1D', repIds: ['Burt', 'Maya'] },
      { bucket: 2, label: '2D', repIds: ['Maria'] },
    ]);
    expect(d.steps[0]?.exclusions.filter((e) => e.code === 'later_availability_bucket').map((e) => e.repId)).toEqual(['Burt', 'Maya', 'Maria']);
  });

  it('example 1: round robin among the 0D sellers: Sal, then Vivek, Sal, Vivek', () => {
    const sim = simulateAssignments({ routing: rule('round_robin', false), reps: team({}), leads: leads(4, NOW, 60_000) });
    expect(sim.decisions.map(assigned)).toEqual(['Sal', 'Vivek', 'Sal', 'Vivek']);
  });

  it('example 2: load balancing among 0D sellers, capacity may fall below zero', () => {
    const sim = simulateAssignments({ routing: rule('load_balancing', false), reps: team({ Burt: 14, Maya: 20, Vivek: 5, Maria: 10, Sal: 2 }), leads: leads(9, NOW, 60_000) });
    // Vivek until he falls to Sal's level (5 -> 2), then alternating on ties, down past zero.
    expect(sim.decisions.map(assigned)).toEqual(['Vivek', 'Vivek', 'Vivek', 'Sal', 'Vivek', 'Sal', 'Vivek', 'Sal', 'Vivek']);
    const free = Object.fromEntries(sim.reps.map((r) => [r.id, (r.capacity ?? 0) - r.openLeadCount]));
    expect(free).toMatchObject({ Vivek: -1, Sal: -1, Burt: 14, Maya: 20, Maria: 10 });
  });

  it('example 3: capacity drops Vivek and Sal, Maria is in a later bucket, round robin supersedes load balancing: Maya, Burt, Maya', () => {
    const reps = team({ Burt: 14, Maya: 20, Vivek: -1, Maria: 10, Sal: 0 });
    const d = decideAssignment({ lead: lead('L1'), routing: rule('load_balancing', true), reps, now: NOW });
    const step = d.steps[0];
    expect(step?.exclusions.map((e) => [e.repId, e.code])).toEqual([
      ['Vivek', 'at_capacity'],
      ['Sal', 'at_capacity'],
      ['Maria', 'later_availability_bucket'],
    ]);
    expect(step?.distribution).toMatchObject({ configured: 'load_balancing', used: 'round_robin', tier: 'matching reps' });
    expect(step?.distribution?.reason).toMatch(/round robin supersedes load balancing within 1D/);
    expect(assigned(d)).toBe('Maya');
    const sim = simulateAssignments({ routing: rule('load_balancing', true), reps, leads: leads(3, NOW, 60_000) });
    expect(sim.decisions.map(assigned)).toEqual(['Maya', 'Burt', 'Maya']);
  });
});

describe('Dynamics Friday-evening example (time limit)', () => {
  const tz = 'America/Los_Angeles';
  // Friday 2025-06-13 21:00 PDT = Saturday 04:00 UTC.
  const fridayEvening = '2025-06-14T04:00:00.000Z';
  const reps = [
    rep({ id: 'Sanjay', workingHours: { timeZone: tz, weekly: [{ day: 'sat', start: '09:00', end: '17:00' }] }, outOfOffice: [{ start: '2025-06-14T00:00:00-07:00', end: '2025-06-21T00:00:00-07:00', reason: 'vacation' }] }),
    rep({ id: 'Alice', workingHours: { timeZone: tz, weekly: [{ day: 'mon', start: '08:00', end: '17:00' }] } }),
    rep({ id: 'Bob', workingHours: { timeZone: tz, weekly: [{ day: 'mon', start: '10:00', end: '17:00' }] } }),
  ];
  const rule = (hours: number) => routing({ steps: [{ id: 'rr', match: pool('Sanjay', 'Alice', 'Bob'), filters: { availability: { mode: 'within_hours', hours }, capacity: true } }] });

  it('48 h: nobody works Saturday (Sanjay on vacation) or Sunday, so the lead waits, with the retry time', () => {
    const d = decideAssignment({ lead: lead('L1'), routing: rule(48), reps, now: fridayEvening });
    expect(d.steps[0]?.exclusions.map((e) => [e.repId, e.code])).toEqual([
      ['Sanjay', 'out_of_office'],
      ['Alice', 'not_available_within'],
      ['Bob', 'not_available_within'],
    ]);
    // Monday 08:00 PDT.
    expect(d.outcome).toMatchObject({ kind: 'queued', reason: 'unavailable', retryAt: '2025-06-16T15:00:00.000Z' });
  });

  it('60 h: assigned to the seller available first on Monday morning (59 h away, bucket 3D)', () => {
    const d = decideAssignment({ lead: lead('L1'), routing: rule(60), reps, now: fridayEvening });
    expect(d.outcome).toMatchObject({ kind: 'assigned', repId: 'Alice' });
    expect(d.steps[0]?.buckets).toEqual([{ bucket: 3, label: '3D', repIds: ['Alice'] }]);
    expect(d.steps[0]?.exclusions.find((e) => e.repId === 'Bob')?.code).toBe('not_available_within');
  });
});
