// The page evaluators of processing runs (pure): only the process type's fields change, the other
// stages' recorded versions stay, which leads are signalled and how, closed leads skipped, a lead
// that throws fails alone; Assignment's skip reasons; signal request ids.
import { assignmentEvaluator } from '../../../activities/processing/assign.js';
import { deriveEvaluator } from '../../../activities/processing/derive.js';
import { signalRequestId } from '../../../activities/processing/signals.js';
import type { LeadOutcome, RunDefinition } from '../../../activities/processing/types.js';
import { validateRuleSet, type RuleSet } from '../../../rules/index.js';
import { NOW, fusionScoring, visionQualification, visionRating } from '../rules/fixtures.js';

const checked = (def: unknown): RuleSet => {
  const r = validateRuleSet(def);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};
const run = (processType: RunDefinition['processType'], set: RuleSet | null, diagnostic = false): RunDefinition => ({
  activityId: 'act-1', name: 'test', revision: 1, processType, criteria: [], diagnostic, pageSize: 100,
  ruleSet: set ? { ruleSetId: `${set.type}-set`, version: 2, type: set.type, stage: set.type === 'ranking' || set.type === 'rating' ? 'rating' : (set.type as 'scoring'), name: set.name } : null,
});
const lead = (over: Record<string, unknown> = {}) => ({
  id: 'lead-1', createdAt: '2025-06-01 09:00:00+00', country: 'US', productCategory: 'Laptops', purchaseTimeframe: 'Within 1 month', purchaseAmount: '75000.00',
  budgetStatus: 'Approved', jobTitle: 'CEO', custom: {}, status: 'Unqualified', qualified: false, score: null, rank: null, salesChannel: null,
  ruleVersions: { channel: { ruleSetId: 'ch', version: 1 } }, assignmentStatus: 'Unassigned', ownerId: null, ...over,
});
const only = (outcomes: LeadOutcome[]) => {
  expect(outcomes).toHaveLength(1);
  return outcomes[0]!;
};

describe('Scoring', () => {
  const scoring = checked(fusionScoring);
  const ev = deriveEvaluator(run('Scoring', scoring), scoring);

  it('changes the score only, keeps the versions of the other stages, and signals rescored', async () => {
    const o = only(await ev.evaluate([lead({ rank: 'B', status: 'Qualified', qualified: true })], NOW, null as never));
    expect(o.outcome).toBe('changed');
    expect(o.write).toMatchObject({ status: 'Qualified', qualified: true, rank: 'B', ruleVersions: { channel: { ruleSetId: 'ch', version: 1 }, scoring: { ruleSetId: 'scoring-set', version: 2 } } });
    expect(o.write!.score).toEqual(expect.any(Number));
    expect(Object.keys(o.after!).sort()).toEqual(['ruleVersions', 'score']);
    expect(o.signal).toEqual({ leadId: 'lead-1', kind: 'rescored', derived: { status: 'Qualified', qualified: true, rank: 'B', score: o.write!.score } });
    expect(o.trace).toBeUndefined();
    expect(o.audit).toMatchObject({ matchedRules: { scoring: expect.any(Array) }, ruleSetVersions: { scoring: { id: 'scoring-set', version: 2 } } });

    const again = only(await ev.evaluate([lead({ score: o.write!.score, ruleVersions: o.write!.ruleVersions })], NOW, null as never));
    expect(again).toMatchObject({ outcome: 'unchanged', before: null, after: null });
    expect(again.signal).toBeUndefined();
  });

  it('skips closed leads and fails a lead that cannot be evaluated, alone', async () => {
    const broken = { ...lead({ id: 'lead-bad' }), get custom(): never { throw new Error('corrupt custom attributes'); } };
    const out = await ev.evaluate([lead({ id: 'a', status: 'Converted' }), broken, lead({ id: 'b' })], NOW, null as never);
    expect(out.map((o) => [o.leadId, o.outcome])).toEqual([['a', 'skipped'], ['lead-bad', 'failed'], ['b', 'changed']]);
    expect(out[0]!.message).toBe('the lead is Converted');
    expect(out[1]!.message).toBe('evaluation failed: corrupt custom attributes');
  });

  it('in diagnostic mode shows old and new values and the rule trace of every lead', async () => {
    const diag = deriveEvaluator(run('Scoring', scoring, true), scoring);
    const o = only(await diag.evaluate([lead()], NOW, null as never));
    expect(o.before).toEqual({ score: null, ruleVersions: { channel: { ruleSetId: 'ch', version: 1 } } });
    expect(o.trace).toMatchObject({ matchedRules: { scoring: expect.any(Array) }, lines: expect.any(Array), traces: [expect.objectContaining({ ruleSet: expect.objectContaining({ id: 'scoring-set' }) })] });
  });
});

describe('Qualification', () => {
  const q = checked(visionQualification);
  const ev = deriveEvaluator(run('Qualification', q), q);

  it('signals requalified for a newly qualified lead and rescored for a disqualified one (which loses its rank)', async () => {
    const out = await ev.evaluate([
      lead({ id: 'new', purchaseAmount: 80_000 }),
      lead({ id: 'lost', status: 'Qualified', qualified: true, rank: 'A', purchaseAmount: 1_000, purchaseTimeframe: '1-3 months', score: 12 }),
    ], NOW, null as never);
    expect(out.map((o) => [o.leadId, o.signal?.kind])).toEqual([['new', 'requalified'], ['lost', 'rescored']]);
    expect(out[0]!.signal!.derived).toEqual({ status: 'Qualified', qualified: true, rank: null, score: null });
    expect(out[1]!.after).toMatchObject({ status: 'Unqualified', qualified: false, rank: null });
    expect(out[1]!.write!.score).toBe(12);
  });
});

describe('Ranking', () => {
  it('grades qualified leads only', async () => {
    const rating = checked(visionRating);
    const ev = deriveEvaluator(run('Ranking', rating), rating);
    const out = await ev.evaluate([lead({ id: 'q', status: 'Qualified', qualified: true }), lead({ id: 'u' })], NOW, null as never);
    expect(out.map((o) => [o.leadId, o.outcome, o.write?.rank])).toEqual([['q', 'changed', 'A'], ['u', 'unchanged', undefined]]);
  });
});

describe('Assignment', () => {
  it('asks unowned open leads without a pending offer to route again; says why the others are skipped', async () => {
    const ev = assignmentEvaluator(run('Assignment', null));
    const out = await ev.evaluate([
      lead({ id: 'free' }), lead({ id: 'hopper', assignmentStatus: 'Hopper' }), lead({ id: 'owned', ownerId: 'rep-1', assignmentStatus: 'Assigned' }),
      lead({ id: 'offered', assignmentStatus: 'Offered' }), lead({ id: 'gone', status: 'Retired' }),
    ], NOW, null as never);
    expect(out.map((o) => [o.leadId, o.outcome, o.signal?.kind ?? o.message])).toEqual([
      ['free', 'signalled', 'reassign'], ['hopper', 'signalled', 'reassign'], ['owned', 'skipped', 'the lead has an owner'],
      ['offered', 'skipped', 'an offer is pending'], ['gone', 'skipped', 'the lead is Retired'],
    ]);
    expect(ev.locksLeads).toBe(false);
  });
});

describe('signalRequestId', () => {
  it('is the same UUID for the same (run, lead, kind) and differs otherwise', () => {
    const id = signalRequestId('run-1', 'lead-1', 'rescored');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(signalRequestId('run-1', 'lead-1', 'rescored')).toBe(id);
    expect(new Set([id, signalRequestId('run-2', 'lead-1', 'rescored'), signalRequestId('run-1', 'lead-2', 'rescored'), signalRequestId('run-1', 'lead-1', 'requalified')]).size).toBe(4);
  });
});
