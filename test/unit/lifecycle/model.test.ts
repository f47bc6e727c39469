// Model-based tests of the lifecycle's transition model (fast-check commands): thousands of random
// sequences of people's commands, timers, settings changes and signals on one lead, run the way
// workflows/lead.ts runs the model (test/support/lifecycle-world.ts plays the activities). After
// every command the rules' invariants must hold: a closed lead has no offer and is never Offered;
// owner and current offer are never both set; a rep who had the lead in this round is not offered
// it again; access = owner + current offeree + chain + members added on purpose; escalation at
// most once; one audit event per change of the stored lead; capacity reservations balance.
import fc from 'fast-check';
import { decideLeadAccess } from '../../../api/auth/lead-access.js';
import type { LeadAccessFacts } from '../../../api/auth/lead-access.js';
import type { LifecycleCommand, LifecycleEvent } from '../../../rules/lifecycle/index.js';
import { SYSTEM_ACTOR, isOpen } from '../../../rules/lifecycle/index.js';
import { LifecycleWorld } from '../../support/lifecycle-world.js';
import { TrailTracker, specRefusal, type SpecCommand } from '../../support/lifecycle-spec.js';

const EAST = ['e1', 'e2', 'e3'];
const WEST = ['w1', 'w2'];
const TELE = ['t1', 't2'];
const MEMBER = 'm1'; // added to the lead team on purpose (Edit)
const MANAGER = 'boss'; // manages e1 and w1
const ALL = [...EAST, ...WEST, ...TELE, MEMBER, MANAGER];
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const user = { kind: 'user' as const, id: 'u' };

interface Tracker { world: LifecycleWorld; trail: TrailTracker }

function newTracker(): Tracker {
  const world = new LifecycleWorld({
    segments: { east: EAST, west: WEST },
    teleReps: TELE,
    teleTeamId: 'tele',
    capacity: 1,
    start: Date.parse('2026-01-05T09:00:00.000Z'),
    rules: { offerTimeoutMinutes: 30, maxOfferAttempts: 3, staleAfterDays: 30, escalateRanks: ['A', 'B'], telemarketingTeamId: 'tele' },
  });
  world.capture();
  const t: Tracker = { world, trail: new TrailTracker() };
  follow(t);
  return t;
}

/** Reads the new audit rows in order: rounds, former holders, and every offer checked against the round. */
function follow(t: Tracker): void {
  t.trail.follow(t.world.audit);
  expect(t.trail.violations).toEqual([]);
}

function checkInvariants(t: Tracker): void {
  const { state: s, row, holds } = t.world.snapshot();
  const open = isOpen(s);
  // a closed lead has no offer and is never Offered (state and stored row)
  if (!open) {
    expect({ offeredToId: s.offeredToId, status: s.assignmentStatus === 'Offered' }).toEqual({ offeredToId: null, status: false });
    expect({ offeredToId: row.offeredToId, status: row.assignmentStatus === 'Offered' }).toEqual({ offeredToId: null, status: false });
  }
  // owner and current offer never both set
  expect(s.ownerId !== null && s.offeredToId !== null).toBe(false);
  // the stored row is the workflow's state
  expect({ assignmentStatus: row.assignmentStatus, ownerId: row.ownerId, offeredToId: row.offeredToId, offerDeadline: row.offerDeadline })
    .toEqual({ assignmentStatus: s.assignmentStatus, ownerId: s.ownerId, offeredToId: s.offeredToId, offerDeadline: s.offerDeadline });
  // nothing is left half-done between events: routing ran, no transitional status remains
  expect(s.pendingRoute).toBeNull();
  if (open) expect(['Offered', 'Queued', 'Hopper', 'Assigned']).toContain(s.assignmentStatus);
  // capacity: exactly the current holder counts the lead
  const holder = open ? s.ownerId ?? s.offeredToId : null;
  expect(holds).toEqual(holder ? [holder] : []);
  // escalation at most once
  expect(t.world.audit.filter((a) => a.action === 'escalated').length).toBeLessThanOrEqual(1);
  // one audit event per change of the stored lead, never two in one transition
  for (const step of t.world.steps) {
    expect(step.audits.length).toBeLessThanOrEqual(1);
    if (step.rowChanged) expect({ event: step.event, audits: step.audits.length }).toEqual({ event: step.event, audits: 1 });
  }
  t.world.steps.length = 0;
  // access follows the lead: owner (and chain), offeree while offered, members added on purpose
  const facts: LeadAccessFacts = {
    lead: { id: 'L', ownerId: s.ownerId, offeredToId: s.offeredToId },
    team: [{ repId: MEMBER, accessLevel: 'Edit' }],
    territories: [],
    managerOf: new Map([['e1', MANAGER], ['w1', MANAGER]]),
  };
  for (const rep of ALL) {
    const level = decideLeadAccess({ kind: 'user', id: rep, role: 'rep', repId: rep }, facts).level;
    const expected = rep === s.ownerId || (rep === MANAGER && (s.ownerId === 'e1' || s.ownerId === 'w1')) ? 'owner'
      : rep === MEMBER ? 'edit' : rep === s.offeredToId ? 'view' : 'none';
    expect({ rep, level }).toEqual({ rep, level: expected });
    if (t.trail.former.has(rep) && rep !== s.ownerId && rep !== s.offeredToId) expect({ formerHolder: rep, level }).toEqual({ formerHolder: rep, level: 'none' });
  }
}

// ---- commands ----------------------------------------------------------------------------------
type Model = Record<string, never>;
type Cmd = fc.Command<Model, Tracker>;

/** A command that may be refused: the refusal must be exactly the expected one (nothing changes then). */
function commandCmd(name: string, make: (t: Tracker) => LifecycleCommand, expectRefusal: (t: Tracker, c: LifecycleCommand) => string | null): Cmd {
  return {
    check: () => true,
    run: (_m, t) => {
      const cmd = make(t);
      const expected = expectRefusal(t, cmd);
      const before = JSON.stringify(t.world.snapshot());
      const refusal = t.world.act(cmd);
      expect({ cmd: cmd.type, refusal: refusal?.type ?? null }).toEqual({ cmd: cmd.type, refusal: expected });
      if (refusal) expect(JSON.stringify(t.world.snapshot())).toBe(before);
      follow(t);
      checkInvariants(t);
    },
    toString: () => name,
  };
}

const refusalOf = (t: Tracker, c: LifecycleCommand) => specRefusal(t.world.state, c as SpecCommand);
const pickRep = (t: Tracker, who: number) => (who < 0 ? t.world.state.offeredToId ?? 'e1' : [...EAST, ...WEST, ...TELE][who % 7]!);

const commands = [
  fc.integer({ min: -3, max: 6 }).map((who) => commandCmd(`accept(${who})`, (t) => ({ type: 'accept', repId: pickRep(t, who), actor: user }),
    refusalOf)),
  fc.integer({ min: -3, max: 6 }).map((who) => commandCmd(`reject(${who})`, (t) => ({ type: 'reject', repId: pickRep(t, who), reason: 'Failed to reach contact', actor: user }),
    refusalOf)),
  fc.integer({ min: 0, max: 6 }).map((who) => commandCmd(`claim(${who})`, (t) => ({ type: 'claim', repId: pickRep(t, who), actor: user }),
    refusalOf)),
  fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }).map((to) => commandCmd(`reassign(${to})`,
    (t) => ({ type: 'reassign', reason: 'Workload', actor: user, ...(to === null ? {} : { toRepId: pickRep(t, to) }) }),
    refusalOf)),
  fc.constantFrom<[string, string]>(['city', 'Boston'], ['city', 'Austin'], ['region', 'east'], ['region', 'west'], ['timeframe', 'soon'], ['timeframe', 'later'])
    .map(([k, v]) => commandCmd(`edit(${k}=${v})`, () => ({ type: 'edit', attributes: { [k]: v }, actor: user }), refusalOf)),
  fc.constant(commandCmd('note', () => ({ type: 'note', text: 'called, left a message', actor: user }), refusalOf)),
  fc.constant(commandCmd('retire', () => ({ type: 'retire', reason: 'No purchase interest', actor: user }), refusalOf)),
  fc.constant(commandCmd('convert', () => ({ type: 'convert', opportunity: { name: 'Deal' }, actor: user }),
    refusalOf)),
  fc.constantFrom(1, 29, 31, 61, 6 * 60, DAY / MIN, 6 * DAY / MIN, 31 * DAY / MIN).map((minutes): Cmd => ({
    check: () => true,
    run: (_m, t) => { t.world.advance(minutes * MIN); follow(t); checkInvariants(t); },
    toString: () => `advance(${minutes}m)`,
  })),
  fc.record({ max: fc.integer({ min: 1, max: 4 }), days: fc.constantFrom(1, 5, 30, 40), tele: fc.boolean(), ranks: fc.constantFrom(['A', 'B'], [] as string[]) }).map((r): Cmd => ({
    check: () => true,
    run: (_m, t) => {
      t.world.rules = { ...t.world.rules, maxOfferAttempts: r.max, staleAfterDays: r.days, telemarketingTeamId: r.tele ? 'tele' : null, escalateRanks: r.ranks };
      t.world.advance(0); // the lead reloads its settings and re-arms its timers
      follow(t);
      checkInvariants(t);
    },
    toString: () => `settings(${JSON.stringify(r)})`,
  })),
  fc.constantFrom('requalified', 'reassign', 'realign', 'rescored').map((kind): Cmd => ({
    check: () => true,
    run: (_m, t) => {
      const s = t.world.state;
      const newRound = kind === 'reassign' && isOpen(s) && s.ownerId === null && s.assignmentStatus !== 'Offered';
      const event: LifecycleEvent = { type: 'processing', signal: { kind: kind as 'reassign', runId: 'run', processingActivityId: 'pa', ...(kind === 'rescored' ? { derived: { score: 55 } } : {}) } };
      if (newRound) t.trail.newRound();
      t.world.act(event);
      follow(t);
      checkInvariants(t);
    },
    toString: () => `processing(${kind})`,
  })),
  fc.record({ rep: fc.constantFrom(...EAST, ...WEST, ...TELE), busy: fc.boolean() }).map(({ rep, busy }): Cmd => ({
    check: () => true,
    run: (_m, t) => {
      t.world.busy.set(rep, busy ? 1 : 0);
      if (!busy) t.world.act({ type: 'capacity_freed' });
      follow(t);
      checkInvariants(t);
    },
    toString: () => `${busy ? 'busy' : 'free'}(${rep})`,
  })),
  fc.constant<Cmd>({
    check: () => true,
    run: (_m, t) => { t.world.act({ type: 'activity', at: t.world.iso(), kind: 'assessment_taken' }); follow(t); checkInvariants(t); },
    toString: () => 'activity',
  }),
];

describe('lead lifecycle model (fast-check commands)', () => {
  it('keeps its invariants over thousands of random sequences', () => {
    let sequences = 0;
    let steps = 0;
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        sequences++;
        steps += [...cmds].length;
        const t = newTracker();
        checkInvariants(t);
        fc.modelRun(() => ({ model: {}, real: t }), cmds);
      }),
      { numRuns: 3000, seed: 20261203 },
    );
    process.stdout.write(`lifecycle model: ${sequences} sequences, ${steps} commands\n`);
  });

  it('never offers a rep the lead again in a round, even when everyone had it (hopper after N misses)', () => {
    const t = newTracker();
    for (let i = 0; i < 3; i++) {
      const rep = t.world.state.offeredToId!;
      expect(t.world.act({ type: 'reject', repId: rep, reason: 'Incorrect data', actor: SYSTEM_ACTOR })).toBeUndefined();
      follow(t);
      checkInvariants(t);
    }
    expect(t.world.state.assignmentStatus).toBe('Hopper');
    expect(t.world.audit.map((a) => a.action)).toEqual(['captured', 'processed', 'offered', 'rejected', 'offered', 'rejected', 'offered', 'rejected', 'moved_to_hopper']);
  });
});
