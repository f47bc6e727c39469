// Routing configurations: ordered steps with gates, every match kind, candidate rules, exclusions
// with reasons, queue-or-continue, and the fallback (hopper or default queue).
import { decideAssignment, decisionSchema, nextCandidate, routingConfigSchema } from '../../../rules/assignment/index.js';
import type { Decision, EvaluateRule } from '../../../rules/assignment/index.js';
import { account, lead, pool, rep, routing, team } from './fixtures.js';

const NOW = '2025-06-11T15:30:00.000Z'; // Wednesday
const winner = (d: Decision) => (d.outcome.kind === 'assigned' ? d.outcome.repId : d.outcome.kind);

// A tiny stand-in for the rules engine: rule sets keyed by id.
const rules: EvaluateRule = (id, { lead: l, candidate }) => {
  if (id === 'big-deal') {
    const amount = l.attributes.purchaseAmount ?? 0;
    return { matched: amount >= 100_000, explanation: `purchaseAmount ${amount} ${amount >= 100_000 ? '>=' : '<'} 100000` };
  }
  if (id === 'senior-only') return { matched: (candidate?.skills ?? []).includes('senior'), explanation: 'condition 1: candidate.skills contains "senior"', trace: { condition: 1 } };
  throw new Error(`unknown rule set ${id}`);
};

describe('routing steps in order', () => {
  const reps = [rep({ id: 'ent1', skills: ['senior'] }), rep({ id: 'ent2' }), rep({ id: 'smb1' }), rep({ id: 'smb2' })];
  const teams = [team({ id: 'enterprise', memberRepIds: ['ent1', 'ent2'] }), team({ id: 'smb', memberRepIds: ['smb1', 'smb2'] })];
  const config = routing({
    steps: [
      { id: 'by-value', when: { ruleSetId: 'big-deal' }, match: { kind: 'team', teamId: 'enterprise' }, candidateRule: { ruleSetId: 'senior-only' } },
      { id: 'rest', match: { kind: 'team', teamId: 'smb' } },
    ],
  });

  it('routes by value: a big deal goes to the enterprise team, filtered by the candidate rule', () => {
    const d = decideAssignment({ lead: lead('L1', { purchaseAmount: 250_000 }), routing: config, reps, teams, now: NOW, evaluateRule: rules });
    expect(winner(d)).toBe('ent1');
    expect(d.steps[0]?.gate).toMatchObject({ ruleSetId: 'big-deal', matched: true });
    expect(d.steps[0]?.exclusions).toEqual([
      { repId: 'ent2', code: 'rule_failed', text: 'Rule set senior-only failed for ent2: condition 1: candidate.skills contains "senior"', detail: { rule: { ruleSetId: 'senior-only', matched: false, explanation: 'condition 1: candidate.skills contains "senior"', trace: { condition: 1 } } } },
    ]);
    expect(d.steps).toHaveLength(1);
  });

  it('a small deal skips the gated step (with its explanation) and goes to the next one', () => {
    const d = decideAssignment({ lead: lead('L2', { purchaseAmount: 5_000 }), routing: config, reps, teams, now: NOW, evaluateRule: rules });
    expect(winner(d)).toBe('smb1');
    expect(d.steps.map((s) => s.status)).toEqual(['skipped', 'assigned']);
    expect(d.steps[0]?.explanation).toMatch(/purchaseAmount 5000 < 100000/);
  });

  it('rule failures are permanent: the step gives way to the next one instead of queueing', () => {
    const noSenior = reps.map((r) => ({ ...r, skills: [] }));
    const d = decideAssignment({ lead: lead('L3', { purchaseAmount: 250_000 }), routing: config, reps: noSenior, teams, now: NOW, evaluateRule: rules });
    expect(d.steps.map((s) => s.status)).toEqual(['all_excluded', 'assigned']);
    expect(winner(d)).toBe('smb1');
  });

  it('refuses to guess when a step needs rules and none were given', () => {
    expect(() => decideAssignment({ lead: lead('L4'), routing: config, reps, teams, now: NOW })).toThrow(/rule set big-deal/);
  });
});

describe('match kinds', () => {
  const reps = ['owner', 'exec', 'director', 'parent-owner', 'prev', 'alice', 'bob'].map((id) => rep({ id, lastAssignedAt: id === 'director' ? '2025-06-11T09:00:00Z' : null }));

  it('account: owner first, then the account team, then the parent account (hierarchy)', () => {
    const accounts = [
      account({ id: 'disney', ownerRepId: 'parent-owner' }),
      account({ id: 'hulu', parentAccountId: 'disney', ownerRepId: 'owner', teamRepIds: ['exec', 'director'] }),
      account({ id: 'hulu-labs', parentAccountId: 'hulu' }),
    ];
    const config = routing({ steps: [{ id: 'acct', match: { kind: 'account' } }] });
    const decide = (accountId: string, reps_ = reps) => decideAssignment({ lead: lead('L', {}, { accountId }), routing: config, reps: reps_, accounts, now: NOW });
    expect(winner(decide('hulu'))).toBe('owner');
    expect(decide('hulu').steps[0]?.matching?.tiers.map((t) => t.label)).toEqual(['account hulu owner', 'account hulu team', 'parent account disney (level 1) owner']);
    const ownerAway = reps.map((r) => (r.id === 'owner' ? { ...r, active: false } : r));
    // Within the account team the step's strategy decides: exec has waited longer than director.
    expect(winner(decide('hulu', ownerAway))).toBe('exec');
    expect(decide('hulu', ownerAway).steps[0]?.distribution?.tier).toBe('account hulu team');
    // A subsidiary without an owner or team reaches its parents' reps.
    expect(winner(decide('hulu-labs'))).toBe('owner');
    expect(decide('hulu-labs').steps[0]?.matching?.tiers[0]?.label).toBe('parent account hulu (level 1) owner');
  });

  it('account: no account, no candidates', () => {
    const d = decideAssignment({ lead: lead('L'), routing: routing({ steps: [{ id: 'acct', match: { kind: 'account' } }] }), reps, now: NOW });
    expect(d.steps[0]).toMatchObject({ status: 'no_candidates', explanation: 'Lead has no matched account. No candidates.' });
    expect(d.outcome).toMatchObject({ kind: 'hopper' });
  });

  it('previous owner, specific user, and a team', () => {
    const prev = decideAssignment({ lead: lead('L', {}, { previousOwnerIds: ['prev', 'alice'] }), routing: routing({ steps: [{ id: 'p', match: { kind: 'previous_owner' } }] }), reps, now: NOW });
    expect(winner(prev)).toBe('prev');
    const user = decideAssignment({ lead: lead('L'), routing: routing({ steps: [{ id: 'u', match: { kind: 'specific_user', repId: 'bob' } }] }), reps, now: NOW });
    expect(winner(user)).toBe('bob');
    const unknown = decideAssignment({ lead: lead('L'), routing: routing({ steps: [{ id: 'u', match: { kind: 'specific_user', repId: 'ghost' } }] }), reps, now: NOW });
    expect(unknown.steps[0]?.exclusions).toEqual([{ repId: 'ghost', code: 'unknown_rep', text: 'No rep with id ghost.' }]);
    expect(unknown.lockSet.repIds).toEqual([]);
  });

  it('rep attributes: language, product, geography, customer type and size, skills', () => {
    const pool_ = [
      rep({ id: 'fr', languages: ['fr'], products: ['*'], geography: { countries: ['FR', 'BE'], regions: [] }, customerFocus: { types: ['new'], sizes: ['*'] } }),
      rep({ id: 'de', languages: ['de'], products: ['*'], geography: { countries: ['DE'], regions: [] }, customerFocus: { types: ['*'], sizes: ['*'] } }),
      rep({ id: 'fr-existing', languages: ['fr', 'en'], products: ['Cloud'], geography: { countries: ['FR'], regions: [] }, customerFocus: { types: ['existing'], sizes: ['Enterprise'] }, skills: ['security'] }),
    ];
    const step = (extra: object) => routing({ steps: [{ id: 'attr', match: { kind: 'rep_attributes', require: ['language', 'product', 'geography', 'customerType', 'customerSize'], ...extra } }] });
    const newFr = decideAssignment({ lead: lead('L', { language: 'fr', country: 'FR', product: 'Cloud', customerSize: 'Small' }), routing: step({}), reps: pool_, now: NOW });
    expect(newFr.steps[0]?.matching?.tiers).toEqual([{ label: 'matching reps', repIds: ['fr'] }]);
    expect(newFr.steps[0]?.matching?.nonMatches).toEqual([
      { id: 'de', kind: 'rep', reason: 'does not speak fr' },
      { id: 'fr-existing', kind: 'rep', reason: 'does not focus on new customers' },
    ]);
    const existing = decideAssignment({ lead: lead('L', { language: 'fr', country: 'FR', product: 'Cloud', customerSize: 'Enterprise' }, { accountId: 'acc' }), routing: step({ skills: ['security'] }), reps: pool_, now: NOW });
    expect(winner(existing)).toBe('fr-existing');
  });

  it('rule-based assignment: reps the rule set accepts', () => {
    const pool_ = [rep({ id: 'junior' }), rep({ id: 'senior', skills: ['senior'] })];
    const d = decideAssignment({ lead: lead('L'), routing: routing({ steps: [{ id: 'rb', match: { kind: 'rule', ruleSetId: 'senior-only' } }] }), reps: pool_, now: NOW, evaluateRule: rules });
    expect(winner(d)).toBe('senior');
    expect(d.steps[0]?.matching?.nonMatches).toEqual([{ id: 'junior', kind: 'rep', reason: 'condition 1: candidate.skills contains "senior"' }]);
  });
});

describe('exclusions, queueing and fallback', () => {
  const hours = { timeZone: 'Europe/Paris', weekly: [{ day: 'wed' as const, start: '09:00', end: '17:00' }] };
  const reps = [
    rep({ id: 'off', active: false }),
    rep({ id: 'away', outOfOffice: [{ start: '2025-06-09T00:00:00Z', end: '2025-06-13T00:00:00Z', reason: 'conference' }] }),
    rep({ id: 'late', workingHours: hours }), // 17:30 in Paris
    rep({ id: 'full', capacity: 3, openLeadCount: 3 }),
    rep({ id: 'had' }),
  ];
  const ids = reps.map((r) => r.id);
  const step = (whenUnavailable: 'queue' | 'continue') => ({ id: 'main', match: pool(...ids), filters: { availability: { mode: 'now' as const }, capacity: true }, whenUnavailable });

  it('records one reason per excluded candidate, with human text', () => {
    const d = decideAssignment({ lead: lead('L'), routing: routing({ steps: [step('queue')] }), reps, now: NOW, excludeRepIds: ['had'] });
    expect(d.steps[0]?.exclusions.map((e) => [e.repId, e.code, e.text])).toEqual([
      ['off', 'inactive', 'off is inactive.'],
      ['away', 'out_of_office', 'away is out of office until 2025-06-13T00:00:00Z (conference).'],
      ['late', 'outside_working_hours', 'late is outside working hours (Wed 17:30 in Europe/Paris).'],
      ['full', 'at_capacity', 'full is at capacity (3 open of 3).'],
      ['had', 'already_had_lead', 'had already had this lead in this round.'],
    ]);
    // Temporary reasons (hours, time off, capacity) make the lead wait for these candidates.
    expect(d.outcome).toEqual({ kind: 'queued', stepId: 'main', reason: 'unavailable', candidateRepIds: ['away', 'late', 'full'], retryAt: '2025-06-13T00:00:00.000Z' });
  });

  it('continues to the next step, then falls back to the hopper or the default queue', () => {
    const hopper = decideAssignment({ lead: lead('L'), routing: routing({ steps: [step('continue')] }), reps, now: NOW, excludeRepIds: ['had'] });
    expect(hopper.outcome).toEqual({ kind: 'hopper', reason: 'No step produced an eligible candidate (main: all excluded).' });
    const queue = decideAssignment({ lead: lead('L'), routing: routing({ steps: [step('continue')], fallback: { kind: 'queue', teamId: 'triage' } }), reps, now: NOW, excludeRepIds: ['had'] });
    expect(queue.outcome).toMatchObject({ kind: 'default_queue', teamId: 'triage' });
    expect(queue.summary).toMatch(/^Sent to default queue triage\./);
    const empty = decideAssignment({ lead: lead('L'), routing: routing({ steps: [] }), reps, now: NOW });
    expect(empty.outcome).toEqual({ kind: 'hopper', reason: 'No routing steps.' });
  });
});

describe('reassignment: next candidate', () => {
  const reps = ['a', 'b', 'c'].map((id, i) => rep({ id, lastAssignedAt: `2025-06-11T0${i}:00:00Z`, openLeadCount: 1 }));
  const config = routing({ steps: [{ id: 'rr', match: pool('a', 'b', 'c') }] });

  it('skips everyone who already had the lead and releases it from the previous holder in the same changes', () => {
    const d = nextCandidate({ lead: lead('L'), routing: config, reps, now: NOW, alreadyHad: ['a'], releasedBy: reps[0] });
    expect(winner(d)).toBe('b');
    expect(d.stateChanges.map((c) => c.kind)).toEqual(['rep_released', 'rep_assigned']);
    expect(d.stateChanges[0]).toEqual({ kind: 'rep_released', repId: 'a', openLeadCount: { from: 1, to: 0 } });
    expect(d.steps[0]?.exclusions).toEqual([expect.objectContaining({ repId: 'a', code: 'already_had_lead' })]);
    const last = nextCandidate({ lead: lead('L'), routing: config, reps, now: NOW, alreadyHad: ['a', 'b', 'c'] });
    expect(last.outcome).toMatchObject({ kind: 'hopper' });
  });
});

describe('decision record', () => {
  it('is plain JSON that the schema reads back unchanged', () => {
    const d = decideAssignment({ lead: lead('L'), routing: routing({ steps: [{ id: 'rr', match: pool('a', 'b') }] }), reps: [rep({ id: 'a' }), rep({ id: 'b' })], now: NOW });
    const json = JSON.parse(JSON.stringify(d)) as unknown;
    expect(decisionSchema.parse(json)).toEqual(d);
    expect(d.lockSet).toEqual({ repIds: ['a', 'b'], poolIds: [] });
  });

  it('routing configurations validate step ids and attribute names', () => {
    expect(routingConfigSchema.safeParse({ id: 'r', name: 'r', steps: [{ id: 's', match: { kind: 'team', teamId: 't' } }, { id: 's', match: { kind: 'team', teamId: 't' } }] }).success).toBe(false);
    expect(routingConfigSchema.safeParse({ id: 'r', name: 'r', steps: [{ id: 's', match: { kind: 'territory', mappings: [{ kind: 'attribute', leadAttribute: 'nope', territoryAttribute: 'x' }] } }] }).success).toBe(false);
    expect(routingConfigSchema.safeParse({ id: 'r', name: 'r', steps: [{ id: 's', match: { kind: 'territory', mappings: [{ kind: 'attribute', leadAttribute: 'partnerId', territoryAttribute: 'x' }] } }] }).success).toBe(true);
  });
});
