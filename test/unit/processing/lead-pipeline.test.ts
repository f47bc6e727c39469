// The pure lead-pipeline helper: stored lead -> facts -> derived values and what changed.
import { changedValues, deriveLeadValues, deriveLeadValuesMany, planLeadPipeline } from '../../../activities/lead-pipeline.js';
import { leadAgeDays, leadFacts, type LeadFactsRow } from '../../../db/lead-facts.js';
import { CompiledRuleSetCache, stageOf, type ActiveStage } from '../../../db/rule-set-store.js';
import { validateRuleSet, type RuleSet } from '../../../rules/index.js';
import { NOW, fusionScoring, visionChannel, visionQualification, visionRating } from '../rules/fixtures.js';

const stage = (def: unknown, ruleSetId: string, version = 1): ActiveStage => {
  const r = validateRuleSet(def);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const definition: RuleSet = r.value;
  return { stage: stageOf(definition.type)!, type: definition.type, ruleSetId, version, name: definition.name, definition, activatedBy: 'test', activatedAt: NOW };
};
const vision = [stage(visionQualification, 'q', 3), stage(visionRating, 'r'), stage(visionChannel, 'c', 2)];

const row = (overrides: Partial<LeadFactsRow> = {}): LeadFactsRow => ({
  id: 'lead-1', createdAt: new Date('2025-06-01T09:00:00Z'), source: 'campaign', country: 'US', productCategory: 'Laptops',
  purchaseTimeframe: 'Within 1 month', purchaseAmount: 75_000, budgetStatus: 'Approved', custom: {}, status: 'Unqualified',
  qualified: false, score: null, rank: null, salesChannel: null, ruleVersions: null, email: null, ...overrides,
});

describe('leadFacts', () => {
  it('copies catalog attributes (nulls left out), custom, createdAt and leadAgeDays at now', () => {
    const facts = leadFacts(row({ purchaseAmount: '75000.50' as unknown as number, custom: { tier: 'gold' } }), NOW);
    expect(facts).toMatchObject({ id: 'lead-1', country: 'US', purchaseAmount: 75000.5, custom: { tier: 'gold' }, leadAgeDays: 29, status: 'Unqualified', qualified: false });
    expect(facts['createdAt']).toEqual(new Date('2025-06-01T09:00:00Z'));
    expect('email' in facts).toBe(false);
    expect('score' in facts).toBe(false);
    expect(leadAgeDays(new Date('2025-06-30T12:00:01Z'), NOW)).toBe(0);
  });
});

describe('deriveLeadValues', () => {
  const plan = planLeadPipeline(vision);

  it('runs the stages and lists the changed fields with the versions that decided', () => {
    const d = deriveLeadValues(plan, row(), NOW, { explain: true });
    expect(d.skipped).toBeNull();
    expect(d.after).toEqual({
      status: 'Qualified', qualified: true, rank: 'A', score: null, salesChannel: 'Direct',
      ruleVersions: { qualification: { ruleSetId: 'q', version: 3 }, rating: { ruleSetId: 'r', version: 1 }, channel: { ruleSetId: 'c', version: 2 } },
    });
    expect(d.changed).toEqual(['status', 'qualified', 'rank', 'salesChannel', 'ruleVersions']);
    expect(changedValues(d)).toEqual({ status: 'Qualified', qualified: true, rank: 'A', salesChannel: 'Direct', ruleVersions: d.after.ruleVersions });
    expect(d.result!.traces).toHaveLength(3);
  });

  it('changes nothing when run again on its own result (ruleVersions compared whatever the key order)', () => {
    const first = deriveLeadValues(plan, row(), NOW).after;
    const reordered = Object.fromEntries(Object.entries(first.ruleVersions).reverse());
    expect(deriveLeadValues(plan, row({ ...first, ruleVersions: reordered }), NOW).changed).toEqual([]);
  });

  it('skips Converted and Retired leads and an empty plan', () => {
    for (const status of ['Converted', 'Retired']) {
      const d = deriveLeadValues(plan, row({ status, rank: 'Z' }), NOW);
      expect(d).toMatchObject({ skipped: 'closed', changed: [], result: null });
      expect(d.after).toEqual(d.before);
    }
    expect(deriveLeadValues(planLeadPipeline([]), row(), NOW)).toMatchObject({ skipped: 'no_rule_sets', changed: [] });
  });

  it('keeps the stored sales channel unless the channel stage chose one; drops the rank of an unqualified lead', () => {
    const d = deriveLeadValues(plan, row({ purchaseAmount: 30_000, purchaseTimeframe: '1-3 months', salesChannel: 'Partner desk', rank: 'B', status: 'Qualified', qualified: true }), NOW);
    expect(d.after).toMatchObject({ status: 'Unqualified', qualified: false, rank: null, salesChannel: 'Partner desk' });
    expect(d.changed).toEqual(['status', 'qualified', 'rank', 'ruleVersions']);
  });

  it('compiles once and evaluates many', () => {
    const cache = new CompiledRuleSetCache();
    const scoringPlan = planLeadPipeline([stage(fusionScoring, 's')], cache);
    expect(cache.size).toBe(1);
    expect(planLeadPipeline([stage(fusionScoring, 's')], cache).sets.scoring).toBe(scoringPlan.sets.scoring);
    // timeframe 20 + chief 100 (clamped to 100); timeframe 20 + phone 10; closed: skipped
    const rows = [row({ id: 'a', jobTitle: 'Chief of Staff' }), row({ id: 'b', phone: '1' }), row({ id: 'c', status: 'Converted' })];
    expect(deriveLeadValuesMany(scoringPlan, rows, NOW).map((d) => [d.leadId, d.after.score, d.skipped])).toEqual([['a', 100, null], ['b', 30, null], ['c', null, 'closed']]);
  });
});

describe('CompiledRuleSetCache', () => {
  it('keeps at most max sets, evicting the oldest', () => {
    const cache = new CompiledRuleSetCache(2);
    const def = stage(fusionScoring, 'x').definition;
    const a = cache.compile({ ruleSetId: 'a', version: 1, definition: def });
    cache.compile({ ruleSetId: 'b', version: 1, definition: def });
    cache.compile({ ruleSetId: 'c', version: 1, definition: def });
    expect(cache.size).toBe(2);
    expect(cache.compile({ ruleSetId: 'a', version: 1, definition: def })).not.toBe(a);
    expect(cache.compile({ ruleSetId: 'c', version: 1, definition: def }).ref).toEqual({ id: 'c', version: 1, type: 'scoring' });
  });
});
