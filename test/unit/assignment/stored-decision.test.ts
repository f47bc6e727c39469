// Stored decisions: the compact encoding of matching traces is lossless (expand(compact(d)) is
// the decision as decided, through JSON as Postgres stores it) and much smaller.
import { compactDecision, expandDecision } from '../../../db/assignment/explain.js';
import { evaluateRuleWith } from '../../../db/assignment/rule-sets.js';
import { compileRuleSet } from '../../../rules/index.js';
import { assignmentLeadSchema, decideAssignment, repSchema, routingConfigSchema, teamSchema, territorySchema } from '../../../rules/assignment/index.js';
import type { Decision } from '../../../rules/assignment/index.js';
import { BENCH_RULE_SETS, benchLeadAttributes, benchReps, benchRouting, benchTeams, benchTerritories, territoryId } from '../../../bench/assign-workload.js';

const reps = benchReps().map((r) => repSchema.parse(r));
const teams = benchTeams().map((t) => teamSchema.parse(t));
const territories = benchTerritories().map((t) => territorySchema.parse(t));
const sets = new Map([...BENCH_RULE_SETS, {
  id: 'keep-partner', version: 1, name: 'Partners only', type: 'territory_filter' as const,
  rules: [{ name: 'Partner', when: { attr: 'territory.type', op: 'eq' as const, value: 'Partner' }, then: { keep: true } }],
}].map((s) => [s.id, compileRuleSet(s)]));
const NOW = '2025-06-11T10:00:00.000Z';
const evaluateRule = evaluateRuleWith(sets, NOW, { explain: true });
const base = routingConfigSchema.parse(benchRouting());
const filtered = routingConfigSchema.parse({
  ...benchRouting(),
  steps: [{ id: 'filtered', match: { kind: 'territory', mappings: [{ kind: 'dimension', dimension: 'geography' }], ruleFilter: { ruleSetId: 'keep-partner' }, ancestorOwners: true } }, ...benchRouting().steps],
});

const decide = (i: number, routing = base): Decision =>
  decideAssignment({ lead: assignmentLeadSchema.parse({ id: `L${i}`, attributes: benchLeadAttributes(i) }), routing, reps, teams, territories, now: NOW, evaluateRule });
const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('stored decisions', () => {
  it('round-trips every decision exactly (territory traces with rule outcomes, rep non-matches, exclusions)', () => {
    const decisions = [...Array.from({ length: 12 }, (_, i) => decide(i)), ...Array.from({ length: 6 }, (_, i) => decide(i, filtered))];
    expect(decisions.some((d) => d.steps.some((s) => s.matching?.territories?.some((t) => t.rule)))).toBe(true);
    expect(decisions.some((d) => d.steps.some((s) => s.matching?.territories?.some((t) => t.matched)))).toBe(true);
    for (const d of decisions) expect(expandDecision(viaJson(compactDecision(d)))).toEqual(viaJson(d));
  });

  it('stores a walk through all 20 steps in under a third of the size', () => {
    const d = decide(1);
    expect(d.steps).toHaveLength(20);
    const full = JSON.stringify(d).length;
    const stored = JSON.stringify(compactDecision(d)).length;
    expect(stored / full).toBeLessThan(1 / 3);
    expect(d.steps.find((s) => s.stepId === 's04-territory-postal')?.matching?.territories?.find((t) => t.id === territoryId(5))).toBeDefined();
  });

  it('passes decisions without matching traces through unchanged', () => {
    const plain = { ...decide(1), steps: [] };
    expect(compactDecision(plain)).toBe(plain);
    expect(expandDecision(plain)).toBe(plain);
  });
});
