// Simulations: a rule set (stored version or draft) or the whole pipeline, against inline leads
// or stored leads chosen by a filter; results, traces and summaries; nothing changes.
import { LEAD_ATTRIBUTE_CATALOG } from '../../rules/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { activate, createRuleSet, seeds, snapshot, storeLead, visionCapture } from '../support/rule-fixtures.js';

let h: Harness;
const stored: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  stored.a = await storeLead(h, visionCapture({ custom: { tier: 'Gold', seats: 40, partner: true } }));
  stored.b = await storeLead(h, visionCapture({ productCategory: 'Monitors', purchaseTimeframe: '1-3 months', purchaseAmount: 120_000, custom: { tier: 'silver', seats: 5 } }));
  stored.c = await storeLead(h, visionCapture({ purchaseTimeframe: '1-3 months', purchaseAmount: 30_000, jobTitle: 'Chief Buyer', custom: { tier: '' } }));
  stored.d = await storeLead(h, visionCapture({ country: 'FR', budgetStatus: 'Pending', phone: '+33 1 23 45 67 89' }));
  stored.e = await storeLead(h, { source: 'web_form', lastName: 'Minimal' });
});
afterAll(async () => { await h?.close(); });

const qualifyWhen = (when: unknown) => ({ name: 'probe', type: 'qualification', rules: [{ name: 'match', when, then: { qualified: true } }] });
const ids = (results: { leadId?: string }[]) => results.map((r) => r.leadId!).sort();

describe('POST /rule-sets/:id/simulate', () => {
  it('evaluates a stored version against inline leads: per-lead results, traces, explanations and a summary', async () => {
    const id = await createRuleSet(h, seeds.visionQualification);
    const res = await h.api('post', `/rule-sets/${id}/simulate`, {
      now: '2025-06-30T12:00:00Z',
      leads: [
        { ref: 'hot', country: 'US', productCategory: 'Laptops', purchaseTimeframe: 'Within 1 month', purchaseAmount: 75_000 },
        { ref: 'small', country: 'US', productCategory: 'Laptops', purchaseTimeframe: '1-3 months', purchaseAmount: 30_000 },
        { ref: 'abroad', country: 'FR', productCategory: 'Laptops' },
      ],
    }, { role: 'ops' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ruleSet: { id, version: 1, type: 'qualification' }, now: '2025-06-30T12:00:00.000Z', source: 'inline' });
    expect(res.body.results.map((r: { ref: string; outcome: string }) => [r.ref, r.outcome])).toEqual([['hot', 'Qualified'], ['small', 'Unqualified'], ['abroad', 'not_processed']]);
    expect(res.body.summary).toEqual({ total: 3, processed: 2, outcomes: { Qualified: 1, Unqualified: 1, not_processed: 1 } });
    const [hot, small, abroad] = res.body.results;
    expect(hot.result).toMatchObject({ qualified: true, matchedRules: ['Rule 1'], ruleSet: { id, version: 1 } });
    expect(hot.trace).toMatchObject({ ruleSet: { id, version: 1 }, processed: true, rules: [{ name: 'Rule 1', matched: true }] });
    expect(hot.explanation).toEqual([`qualification rule set ${id} v1 (first_match)`, '  guards passed', '  rule "Rule 1" matched']);
    expect(small.explanation).toContain('  rule "Rule 1" failed on purchaseAmount gte 50000, actual 30000');
    expect(abroad.explanation[1]).toBe('  outside the guards: country eq "US", actual "FR"; not processed');
  });

  it('evaluates an older version on request and reports which one ran', async () => {
    const id = await createRuleSet(h, seeds.fusionScoring);
    await h.api('put', `/rule-sets/${id}`, { ...seeds.fusionScoring, rules: [{ name: 'Everyone', when: { attr: 'lastName', op: 'is_not_empty' }, then: { points: 1 } }] });
    const lead = { ref: 'x', jobTitle: 'Chief Buyer', phone: '1', purchaseTimeframe: '1-3 months', lastName: 'L' };
    const v1 = await h.api('post', `/rule-sets/${id}/simulate`, { version: 1, leads: [lead] });
    const v2 = await h.api('post', `/rule-sets/${id}/simulate`, { leads: [lead] });
    expect([v1.body.ruleSet.version, v1.body.results[0].result.score]).toEqual([1, 100]);
    expect(v1.body.summary.score).toEqual({ min: 100, max: 100, mean: 100 });
    expect([v2.body.ruleSet.version, v2.body.results[0].result.score]).toEqual([2, 1]);
    const missing = await h.api('post', `/rule-sets/${id}/simulate`, { version: 9, leads: [lead] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].field).toBe('body.version');
  });

  it('selects stored leads with a filter (ANDed, case-insensitive, newest first, bounded) and names them by id', async () => {
    const id = await createRuleSet(h, seeds.visionQualification);
    const res = await h.api('post', `/rule-sets/${id}/simulate`, {
      filter: { conditions: [{ attr: 'country', op: 'eq', value: 'us' }, { attr: 'purchaseAmount', op: 'gte', value: 50_000 }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.source).toBe('filter');
    expect(ids(res.body.results)).toEqual([stored.a, stored.b].sort());
    expect(res.body.results.map((r: { index: number }) => r.index)).toEqual([0, 1]);
    expect(res.body.results[0].leadId).toBe(stored.b); // newest first
    const limited = await h.api('post', `/rule-sets/${id}/simulate`, { filter: { limit: 2 } });
    expect(limited.body.summary.total).toBe(2);
    const tooMany = await h.api('post', `/rule-sets/${id}/simulate`, { filter: { limit: 1001 } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].field).toBe('body.filter.limit');
  });

  it('422 naming the failing filter condition; 400 for leads and filter together or neither; 404 for an unknown set', async () => {
    const id = await createRuleSet(h, seeds.visionQualification);
    const bad = await h.api('post', `/rule-sets/${id}/simulate`, {
      filter: { conditions: [{ attr: 'purchaseAmount', op: 'contains', value: '5' }, { attr: 'shoeSize', op: 'eq', value: 42 }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid_filter');
    expect(bad.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['body.filter.conditions.0.op', 'operator_not_allowed'], ['body.filter.conditions.1.attr', 'unknown_attribute'],
    ]);
    const both = await h.api('post', `/rule-sets/${id}/simulate`, { leads: [{ country: 'US' }], filter: {} });
    expect(both.status).toBe(400);
    expect(both.body.errors[0].field).toBe('body.leads');
    expect((await h.api('post', `/rule-sets/${id}/simulate`, {})).status).toBe(400);
    const badLead = await h.api('post', `/rule-sets/${id}/simulate`, { leads: [{ country: 'usa' }] });
    expect(badLead.body.errors[0].field).toBe('body.leads.0.country');
    expect((await h.api('post', '/rule-sets/00000000-0000-4000-8000-000000000000/simulate', { leads: [{}] })).status).toBe(404);
  });

  it('is for admin, manager and ops', async () => {
    const id = await createRuleSet(h, seeds.visionQualification);
    for (const role of ['admin', 'manager', 'ops'] as const) expect((await h.api('post', `/rule-sets/${id}/simulate`, { leads: [{}] }, { role })).status).toBe(200);
    for (const role of ['rep', 'integration'] as const) expect((await h.api('post', `/rule-sets/${id}/simulate`, { leads: [{}] }, { role })).status).toBe(403);
  });
});

describe('the lead filter means what the rules engine means', () => {
  const conditions: unknown[] = [
    { attr: 'productCategory', op: 'eq', value: 'laptops' },
    { attr: 'productCategory', op: 'neq', value: 'Laptops' },
    { attr: 'purchaseTimeframe', op: 'in', value: ['1-3 months', 'within 1 month'] },
    { attr: 'budgetStatus', op: 'not_in', value: ['Approved'] },
    { attr: 'jobTitle', op: 'contains', value: 'BUY' },
    { attr: 'jobTitle', op: 'starts_with', value: 'chief' },
    { attr: 'phone', op: 'is_empty' },
    { attr: 'phone', op: 'is_not_empty' },
    { attr: 'purchaseAmount', op: 'between', value: [30_000, 75_000] },
    { attr: 'purchaseAmount', op: 'neq', value: 75_000 },
    { attr: 'purchaseAmount', op: 'not_in', value: [30_000, 120_000] },
    { attr: 'purchaseAmount', op: 'is_empty' },
    { attr: 'createdAt', op: 'gt', value: '2000-01-01' },
    { attr: 'leadAgeDays', op: 'lte', value: 1 },
    { attr: 'qualified', op: 'eq', value: false },
    { attr: 'status', op: 'eq', value: 'unqualified' },
    { attr: 'custom.tier', op: 'eq', value: 'GOLD' },
    { attr: 'custom.tier', op: 'is_empty' },
    { attr: 'custom.tier', op: 'neq', value: 'gold' },
    { attr: 'custom.seats', op: 'gt', value: 10 },
    { attr: 'custom.seats', op: 'in', value: [5, 6] },
    { attr: 'custom.partner', op: 'eq', value: true },
  ];
  it.each(conditions.map((c) => [JSON.stringify(c), c]))('%s', async (_label, condition) => {
    const byFilter = await h.api('post', '/rule-sets/simulate', { definition: qualifyWhen({ attr: 'lastName', op: 'is_not_empty' }), filter: { conditions: [condition] } });
    const byEngine = await h.api('post', '/rule-sets/simulate', { definition: qualifyWhen(condition), filter: {} });
    expect(byFilter.status).toBe(200);
    expect(byEngine.body.summary.total).toBe(5);
    const engineMatches = byEngine.body.results.filter((r: { outcome: string }) => r.outcome === 'Qualified');
    expect(ids(byFilter.body.results)).toEqual(ids(engineMatches));
  });

  it('every lead attribute of the catalog can be filtered on', async () => {
    for (const attr of Object.keys(LEAD_ATTRIBUTE_CATALOG)) {
      const res = await h.api('post', '/rule-sets/simulate', { definition: qualifyWhen({ attr: 'lastName', op: 'is_not_empty' }), filter: { conditions: [{ attr, op: 'is_not_empty' }] } });
      expect([attr, res.status]).toEqual([attr, 200]);
    }
  });
});

describe('POST /rule-sets/simulate (a draft definition)', () => {
  it('evaluates a draft, e.g. an assignment set against candidates given with each lead', async () => {
    const definition = {
      name: 'Enterprise desk', type: 'assignment', rules: [
        { name: 'Speaks the language', when: { attr: 'candidate.languages', op: 'contains', valueFrom: 'language' }, then: { points: 10 } },
        { name: 'On leave', when: { attr: 'candidate.onLeave', op: 'eq', value: true }, then: { effect: 'exclude', reason: 'on leave' } },
      ],
    };
    const res = await h.api('post', '/rule-sets/simulate', {
      definition,
      leads: [
        { ref: 'de-1', language: 'de', candidate: { languages: ['de', 'en'], onLeave: false } },
        { ref: 'de-2', language: 'de', candidate: { languages: ['de'], onLeave: true } },
        { ref: 'fr', language: 'fr', candidate: { languages: ['de'], onLeave: false } },
      ],
    }, { role: 'manager' });
    expect(res.status).toBe(200);
    expect(res.body.ruleSet).toMatchObject({ id: 'draft', version: 1, type: 'assignment', name: 'Enterprise desk' });
    expect(res.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['selected', 'excluded', 'unmatched']);
    expect(res.body.results[1].result.exclusionReasons).toEqual(['on leave']);
  });

  it('422 names body.definition.<path>; 400 for a malformed definition', async () => {
    const res = await h.api('post', '/rule-sets/simulate', { definition: qualifyWhen({ attr: 'purchaseAmount', op: 'eq', value: 'lots' }), leads: [{}] });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.definition.rules.0.when.value', path: ['body', 'definition', 'rules', 0, 'when', 'value'], code: 'invalid_value' })]);
    const malformed = await h.api('post', '/rule-sets/simulate', { definition: { type: 'qualification' }, leads: [{}] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('body.definition.name');
  });
});

describe('POST /leads/pipeline/simulate', () => {
  it('runs the active pipeline (or the versions given per stage) on inline leads; Vision Enterprises outcomes', async () => {
    const qualification = await createRuleSet(h, seeds.visionQualification);
    const rating = await createRuleSet(h, seeds.visionRating);
    const channel = await createRuleSet(h, seeds.visionChannel);
    for (const id of [qualification, rating, channel]) await activate(h, id);
    const leads = [
      { ref: 'A', country: 'US', productCategory: 'Laptops', purchaseTimeframe: 'Within 1 month', purchaseAmount: 75_000, budgetStatus: 'Approved' },
      { ref: 'B', country: 'US', productCategory: 'Monitors', purchaseTimeframe: '1-3 months', purchaseAmount: 120_000, budgetStatus: 'Approved' },
      { ref: 'D', country: 'US', productCategory: 'Laptops', purchaseTimeframe: '3-6 months', purchaseAmount: 90_000, budgetStatus: 'Pending' },
      { ref: 'unqualified', country: 'US', productCategory: 'Laptops', purchaseTimeframe: '1-3 months', purchaseAmount: 30_000, budgetStatus: 'Approved' },
    ];
    const res = await h.api('post', '/leads/pipeline/simulate', { leads }, { role: 'ops' });
    expect(res.status).toBe(200);
    expect(res.body.ruleSets).toEqual({
      qualification: { ruleSetId: qualification, version: 1, type: 'qualification' },
      rating: { ruleSetId: rating, version: 1, type: 'rating' },
      channel: { ruleSetId: channel, version: 1, type: 'channel' },
    });
    expect(res.body.results.map((r: Record<string, unknown>) => [r.ref, r.status, r.rank, r.salesChannel])).toEqual([
      ['A', 'Qualified', 'A', 'Direct'], ['B', 'Qualified', 'B', 'Direct'], ['D', 'Qualified', 'D', 'Direct'], ['unqualified', 'Unqualified', null, null],
    ]);
    expect(res.body.results[0].ruleSetVersions.rating).toEqual({ id: rating, version: 1, type: 'rating' });
    expect(res.body.results[3].explanation).toContain('  rule "Rule 1" failed on purchaseAmount gte 50000, actual 30000');
    expect(res.body.summary).toEqual({ total: 4, byStatus: { Qualified: 3, Unqualified: 1 }, byRank: { A: 1, B: 1, D: 1, none: 1 }, bySalesChannel: { Direct: 3, none: 1 } });

    const withoutChannel = await h.api('post', '/leads/pipeline/simulate', { leads: leads.slice(0, 1), ruleSets: { channel: null } });
    expect(withoutChannel.body.results[0]).toMatchObject({ rank: 'A', salesChannel: null });
    expect(Object.keys(withoutChannel.body.ruleSets)).toEqual(['qualification', 'rating']);

    const ranking = await createRuleSet(h, seeds.fusionRanking);
    const scoring = await createRuleSet(h, seeds.fusionScoring);
    const byScore = await h.api('post', '/leads/pipeline/simulate', { leads: [{ ...leads[0], jobTitle: 'Operations Manager' }], ruleSets: { rating: { ruleSetId: ranking }, scoring: { ruleSetId: scoring, version: 1 } } });
    expect(byScore.body.results[0]).toMatchObject({ score: 70, rank: 'high' });

    const stored = await h.api('post', '/leads/pipeline/simulate', { filter: { conditions: [{ attr: 'country', op: 'eq', value: 'US' }] } });
    expect(stored.body.source).toBe('filter');
    expect(stored.body.summary.total).toBe(3);
  });

  it('422 for an unknown set or a set of another stage, naming body.ruleSets.<stage>', async () => {
    const channel = await createRuleSet(h, seeds.visionChannel);
    const res = await h.api('post', '/leads/pipeline/simulate', { leads: [{}], ruleSets: { rating: { ruleSetId: channel }, scoring: { ruleSetId: '00000000-0000-4000-8000-000000000000' } } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['body.ruleSets.scoring.ruleSetId', 'unknown_rule_set'], ['body.ruleSets.rating.ruleSetId', 'wrong_stage'],
    ]);
    expect((await h.api('post', '/leads/pipeline/simulate', { leads: [{}] }, { role: 'rep' })).status).toBe(403);
  });
});

describe('simulations change nothing', () => {
  it('leaves leads, audit events and rule set tables exactly as they were', async () => {
    const id = await createRuleSet(h, seeds.visionQualification);
    await activate(h, id);
    const before = await snapshot(h);
    const calls = [
      h.api('post', `/rule-sets/${id}/simulate`, { filter: {} }),
      h.api('post', `/rule-sets/${id}/simulate`, { leads: [{ country: 'US' }] }),
      h.api('post', '/rule-sets/simulate', { definition: seeds.visionRating, filter: { conditions: [{ attr: 'country', op: 'eq', value: 'US' }] } }),
      h.api('post', '/leads/pipeline/simulate', { filter: { limit: 1000 } }),
      h.api('post', '/leads/pipeline/simulate', { leads: [{ country: 'US', status: 'Converted' }] }),
    ];
    expect((await Promise.all(calls)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await snapshot(h)).toEqual(before);
  });
});
