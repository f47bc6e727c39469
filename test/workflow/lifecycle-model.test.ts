// The lifecycle's command model driven through the API against the real lead workflow on the
// time-skipping server: random sequences (fixed seed, printed for replay: LIFECYCLE_MODEL_SEED)
// of capture, accept, reject, claim, reassign, patch, note, retire, convert, settings changes and
// skips to the next timer. After every step PostgreSQL (lead row, lead team, capacity, audit
// trail), the workflow's query and its search attributes must agree with each other and with the
// rules (test/support/lifecycle-spec.ts): refusals exactly as the rules say, a closed lead never
// Offered, never an owner and an offer at once, nobody offered the lead twice in a round, former
// holders without access, one escalation at most, capacity counted exactly once.
import fc from 'fast-check';
import { leadWorkflowId } from '../../workflows/messages.js';
import { startHarness, type Harness } from '../support/harness.js';
import { TrailTracker, specRefusal, type SpecCommand, type TrailRow } from '../support/lifecycle-spec.js';
import { capture, salesSetup, visionLead, type SalesSetup } from '../support/lifecycle.js';

const SEED = Number(process.env.LIFECYCLE_MODEL_SEED ?? 20261203);
const WAVES = Number(process.env.LIFECYCLE_MODEL_WAVES ?? 20);
const LEADS_PER_WAVE = 10;
const STEPS = 6;

let h: Harness;
let team: SalesSetup;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
  team = await salesSetup(h, 3);
});
afterAll(async () => { await h?.close(); });

type Who = 'offeree' | 'other';
type Cmd =
  | { type: 'accept' | 'reject'; who: Who }
  | { type: 'claim'; rep: number }
  | { type: 'reassign'; to: number | null }
  | { type: 'edit'; field: 'city' | 'purchaseTimeframe' }
  | { type: 'note' | 'retire' | 'convert' }
  | { type: 'advance' };
/** Time moves for a whole wave at once: past the offer SLA when any lead asks, past the stale threshold at `staleAfterStep`. */
interface Wave { settings: { maxOfferAttempts: number; staleAfterDays: number; tele: boolean; rank: 'A' | 'C' }; staleAfterStep: number | null; leads: Cmd[][] }

const who = fc.constantFrom<Who>('offeree', 'offeree', 'other');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constantFrom('accept' as const, 'reject' as const), who }), weight: 6 },
  { arbitrary: fc.record({ type: fc.constant('claim' as const), rep: fc.nat(4) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('reassign' as const), to: fc.option(fc.nat(4), { nil: null }) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('edit' as const), field: fc.constantFrom('city' as const, 'purchaseTimeframe' as const) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constantFrom('note' as const, 'retire' as const, 'convert' as const) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('advance' as const) }), weight: 3 },
);
const waveArb: fc.Arbitrary<Wave> = fc.record({
  settings: fc.record({ maxOfferAttempts: fc.integer({ min: 1, max: 3 }), staleAfterDays: fc.constantFrom(2, 30), tele: fc.boolean(), rank: fc.constantFrom('A' as const, 'C' as const) }),
  staleAfterStep: fc.option(fc.integer({ min: 1, max: STEPS - 1 }), { nil: null }),
  leads: fc.array(fc.array(cmd, { minLength: STEPS, maxLength: STEPS }), { minLength: LEADS_PER_WAVE, maxLength: LEADS_PER_WAVE }),
});

interface Live { closed: boolean; status: string; assignmentStatus: string; ownerId: string | null; offeredToId: string | null; offerDeadline: string | null; retireReason: string | null; rank: string | null; pendingRoute: string | null; hadIt: string[] }
interface Stored { status: string; rank: string | null; assignmentStatus: string; ownerId: string | null; offeredToId: string | null; offerDeadline: string | null; retireReason: string | null; live: Live | null }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const allReps = () => [...team.reps, ...team.telemarketingReps];

/** The lead once its workflow has finished what the last step started (routing included): row and state agree. */
async function settled(id: string): Promise<Stored> {
  let last: Stored | undefined;
  for (let i = 0; i < 300; i++) {
    const res = await h.api('get', `/leads/${id}`);
    last = res.body as Stored;
    const l = last.live;
    if (l && l.pendingRoute === null && l.assignmentStatus === last.assignmentStatus && l.offeredToId === last.offeredToId && l.ownerId === last.ownerId && l.status === last.status) return last;
    await sleep(50);
  }
  throw new Error(`lead ${id} did not settle: ${JSON.stringify(last)}`);
}

async function trail(id: string): Promise<TrailRow[]> {
  const rows = await h.sql<{ action: string; detail: Record<string, unknown> | null; after: Record<string, unknown> | null }>('select action, detail, after from audit_event where lead_id = $1 order by id', [id]);
  return rows.map((r) => ({ action: r.action, detail: { ...r.detail, ...(r.action === 'offered' ? { repId: r.after?.offeredToId } : {}), ...(r.after && 'ownerId' in r.after ? { ownerId: r.after.ownerId } : {}) } }));
}

/** Runs a command as an admin acting for the rep it names; returns the HTTP result and what the rules expected. */
async function run(id: string, c: Cmd, before: Stored): Promise<{ status: number; code?: string; expected: string | null; spec?: SpecCommand; repId?: string }> {
  const view = { closed: before.live!.closed, ownerId: before.ownerId, offeredToId: before.offeredToId, assignmentStatus: before.assignmentStatus };
  const other = allReps().find((r) => r !== before.offeredToId)!;
  const rep = (n: number) => allReps()[n % allReps().length]!;
  let spec: SpecCommand;
  let res;
  switch (c.type) {
    case 'accept': case 'reject': {
      const repId = c.who === 'offeree' ? before.offeredToId ?? other : other;
      spec = { type: c.type, repId };
      res = await h.api('post', `/leads/${id}/${c.type}`, c.type === 'reject' ? { repId, reason: 'Failed to reach contact' } : { repId });
      return { status: res.status, code: res.body?.code, expected: specRefusal(view, spec), spec, repId };
    }
    case 'claim': {
      const repId = rep(c.rep);
      spec = { type: 'claim', repId };
      res = await h.api('post', `/leads/${id}/claim`, { repId });
      return { status: res.status, code: res.body?.code, expected: specRefusal(view, spec), spec, repId };
    }
    case 'reassign': {
      const toRepId = c.to === null ? undefined : rep(c.to);
      spec = { type: 'reassign', ...(toRepId ? { toRepId } : {}) };
      res = await h.api('post', `/leads/${id}/reassign`, { reason: 'Workload', ...(toRepId ? { toRepId } : {}) });
      return { status: res.status, code: res.body?.code, expected: specRefusal(view, spec), spec, ...(toRepId ? { repId: toRepId } : {}) };
    }
    case 'edit':
      res = await h.api('patch', `/leads/${id}`, c.field === 'city' ? { city: `City ${Math.floor(Math.random() * 1e6)}` } : { purchaseTimeframe: before.rank === 'A' ? '3-6 months' : 'Within 1 month' });
      return { status: res.status, code: res.body?.code, expected: specRefusal(view, { type: 'edit' }) };
    case 'note':
      res = await h.api('post', `/leads/${id}/notes`, { text: 'Called, left a voicemail' });
      return { status: res.status, code: res.body?.code, expected: specRefusal(view, { type: 'note' }) };
    case 'retire':
      res = await h.api('post', `/leads/${id}/retire`, { reason: 'No purchase interest' });
      return { status: res.status, code: res.body?.code, expected: specRefusal(view, { type: 'retire' }) };
    case 'convert':
      res = await h.api('post', `/leads/${id}/convert`, { opportunity: { name: 'Rollout' } });
      return { status: res.status, code: res.body?.code, expected: specRefusal(view, { type: 'convert' }) };
    case 'advance':
      return { status: 0, expected: null };
  }
}

const CODES: Record<string, [number, string]> = {
  LeadNotOfferedToRep: [409, 'lead_not_offered_to_rep'], LeadNotInHopper: [409, 'lead_not_in_hopper'], LeadNotOwned: [409, 'lead_not_owned'],
  LeadAlreadyOwned: [409, 'lead_already_owned'], LeadClosed: [409, 'lead_closed'], LeadActionInvalid: [422, 'lead_action_invalid'],
};

async function check(id: string, tracker: TrailTracker, outcome: Awaited<ReturnType<typeof run>> | undefined, c: Cmd | undefined): Promise<void> {
  const lead = await settled(id);
  const l = lead.live!;
  // the stored row is the workflow's state
  expect({ id, status: lead.status, assignmentStatus: lead.assignmentStatus, ownerId: lead.ownerId, offeredToId: lead.offeredToId, offerDeadline: lead.offerDeadline, retireReason: lead.retireReason })
    .toEqual({ id, status: l.status, assignmentStatus: l.assignmentStatus, ownerId: l.ownerId, offeredToId: l.offeredToId, offerDeadline: l.offerDeadline, retireReason: l.retireReason });
  // and so are its search attributes
  const desc = await h.temporal.workflow.getHandle(leadWorkflowId(id)).describe();
  const sa = Object.fromEntries(desc.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
  expect({ id, LeadStatus: sa.LeadStatus, AssignmentStatus: sa.AssignmentStatus, OwnerId: sa.OwnerId ?? null, OfferedToId: sa.OfferedToId ?? null, LeadRank: sa.LeadRank ?? null })
    .toEqual({ id, LeadStatus: l.status, AssignmentStatus: l.assignmentStatus, OwnerId: l.ownerId, OfferedToId: l.offeredToId, LeadRank: l.rank });
  // a closed lead has no offer; never an owner and an offer at once
  if (l.closed) expect({ id, assignmentStatus: l.assignmentStatus === 'Offered', offeredToId: l.offeredToId }).toEqual({ id, assignmentStatus: false, offeredToId: null });
  expect(l.ownerId !== null && l.offeredToId !== null).toBe(false);
  if (!l.closed) expect(['Offered', 'Queued', 'Hopper', 'Assigned']).toContain(l.assignmentStatus);
  // capacity: exactly the current holder counts the lead
  const holds = (await h.sql<{ rep_id: string }>('select rep_id from rep_open_lead where lead_id = $1', [id])).map((r) => r.rep_id);
  const holder = l.closed ? null : l.ownerId ?? l.offeredToId;
  expect({ id, holds }).toEqual({ id, holds: holder ? [holder] : [] });
  // nobody holds lasting lead-team access (no territories here)
  expect(await h.sql('select rep_id from lead_team_member where lead_id = $1', [id])).toEqual([]);
  // the audit trail: no repeat offer in a round, one escalation at most
  tracker.follow(await trail(id));
  expect({ id, violations: tracker.violations }).toEqual({ id, violations: [] });
  expect(tracker.escalations).toBeLessThanOrEqual(1);
  // former holders have no access any more
  for (const rep of tracker.former) {
    if (rep === l.ownerId || rep === l.offeredToId) continue;
    expect({ id, formerHolder: rep, status: (await h.api('get', `/leads/${id}`, undefined, { role: 'rep', repId: rep })).status }).toEqual({ id, formerHolder: rep, status: 403 });
  }
  // what the command did, as the rules say
  if (!outcome || !c || c.type === 'advance') return;
  if (outcome.expected === null) {
    expect({ id, cmd: c, status: outcome.status, code: outcome.code }).toEqual({ id, cmd: c, status: c.type === 'note' ? 201 : 200, code: undefined });
    if (c.type === 'accept' || c.type === 'claim' || (c.type === 'reassign' && outcome.repId)) expect({ id, ownerId: l.ownerId, as: l.assignmentStatus }).toEqual({ id, ownerId: outcome.repId, as: 'Assigned' });
    if (c.type === 'reject') expect(l.offeredToId).not.toBe(outcome.repId);
    if (c.type === 'retire') expect(l.status).toBe('Retired');
    if (c.type === 'convert') expect(l.status).toBe('Converted');
  } else {
    const [status, code] = CODES[outcome.expected]!;
    expect({ id, cmd: c, status: outcome.status, code: outcome.code }).toEqual({ id, cmd: c, status, code });
  }
}

it(`keeps PostgreSQL, the workflow and its search attributes in agreement with the rules over ${WAVES * LEADS_PER_WAVE} random sequences (seed ${SEED})`, async () => {
  process.stdout.write(`lifecycle model (real): seed ${SEED} (replay with LIFECYCLE_MODEL_SEED=${SEED})\n`);
  const waves = fc.sample(waveArb, { seed: SEED, numRuns: WAVES });
  let steps = 0;
  let refused = 0;
  const actionsSeen = new Map<string, number>();
  for (const [w, wave] of waves.entries()) {
    const s = wave.settings;
    const put = await h.api('patch', '/settings/lifecycle', { maxOfferAttempts: s.maxOfferAttempts, staleAfterDays: s.staleAfterDays, telemarketingTeamId: s.tele ? team.telemarketingTeamId : null });
    expect(put.status).toBe(200);
    const ids = await Promise.all(wave.leads.map(() => capture(h, visionLead(s.rank))));
    const trackers = ids.map(() => new TrailTracker());
    await Promise.all(ids.map((id, i) => check(id, trackers[i]!, undefined, undefined)));
    for (let step = 0; step < STEPS; step++) {
      const cmds = wave.leads.map((seq) => seq[step]!);
      const outcomes = await Promise.all(ids.map(async (id, i) => {
        if (cmds[i]!.type === 'advance') return undefined;
        return run(id, cmds[i]!, await settled(id));
      }));
      await Promise.all(ids.map((id, i) => check(id, trackers[i]!, outcomes[i], cmds[i])));
      // then time moves for the whole wave at once: the offer SLA, or past the stale threshold
      const stale = wave.staleAfterStep === step;
      if (stale || cmds.some((c) => c.type === 'advance')) {
        await h.env!.sleep(stale ? `${s.staleAfterDays * 24 + 1} hours` : '31 minutes');
        await Promise.all(ids.map((id, i) => check(id, trackers[i]!, undefined, undefined)));
      }
      steps += ids.length;
      refused += outcomes.filter((o) => o && o.expected !== null).length;
    }
    for (const row of await h.sql<{ action: string; n: number }>('select action, count(*)::int as n from audit_event where lead_id = any($1::uuid[]) group by action', [ids])) {
      actionsSeen.set(row.action, (actionsSeen.get(row.action) ?? 0) + row.n);
    }
    // capacity balances for every rep: the count is the reservations
    expect(await h.sql(`select r.id, r.open_lead_count, (select count(*)::int from rep_open_lead o where o.rep_id = r.id) as reserved
      from rep r where r.open_lead_count <> (select count(*) from rep_open_lead o where o.rep_id = r.id)`)).toEqual([]);
    if (w % 5 === 4) process.stdout.write(`lifecycle model (real): ${w + 1}/${WAVES} waves, ${steps} steps\n`);
  }
  process.stdout.write(`lifecycle model (real): ${WAVES * LEADS_PER_WAVE} sequences, ${steps} steps (${refused} refused as the rules say); events: ${JSON.stringify(Object.fromEntries([...actionsSeen].sort()))}\n`);
  // the sequences reached the interesting places
  for (const action of ['accepted', 'rejected', 'offer_timed_out', 'moved_to_hopper', 'claimed', 'reassigned', 'retired', 'converted', 'escalated']) {
    expect({ action, seen: (actionsSeen.get(action) ?? 0) > 0 }).toEqual({ action, seen: true });
  }
}, 30 * 60_000);
