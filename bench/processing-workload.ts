// The processing benchmark's scoring set (20 rules over lead columns, no guards) and the same
// scores as ONE set-based SQL expression (each rule's condition translated by db/lead-filter.ts,
// the engine's semantics), the floor a batch run is compared with.
import { leadFilterSql, type LeadFilterCondition } from '../db/lead-filter.js';
import type { RuleSetInput } from '../rules/index.js';

const eq = (attr: string, value: string | number | boolean) => ({ attr, op: 'eq', value }) as const;

export const scoring20 = {
  id: 'bench-scoring-20', version: 1, name: 'Lead score (20 rules)', type: 'scoring', scoreRange: { min: 0, max: 100 },
  rules: [
    { name: 'executive', when: { attr: 'jobTitle', op: 'contains', value: 'Chief' }, then: { points: 30 } },
    { name: 'operations manager', when: eq('jobTitle', 'Operations Manager'), then: { points: 15 } },
    { name: 'vp', when: { attr: 'jobTitle', op: 'starts_with', value: 'VP' }, then: { points: 12 } },
    { name: 'reachable', when: { attr: 'phone', op: 'is_not_empty' }, then: { points: 5 } },
    { name: 'unreachable', when: { attr: 'phone', op: 'is_empty' }, then: { points: -5 } },
    { name: 'buying soon', when: { attr: 'purchaseTimeframe', op: 'in', value: ['Within 1 month', '1-3 months'] }, then: { points: 20 } },
    { name: 'no timeframe', when: { attr: 'purchaseTimeframe', op: 'is_empty' }, then: { points: -10 } },
    { name: 'large deal', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 20 } },
    { name: 'mid deal', when: { attr: 'purchaseAmount', op: 'between', value: [25_000, 99_999] }, then: { points: 10 } },
    { name: 'small deal', when: { attr: 'purchaseAmount', op: 'lt', value: 1_000 }, then: { points: -5 } },
    { name: 'budget approved', when: eq('budgetStatus', 'Approved'), then: { points: 15 } },
    { name: 'budget unknown', when: { attr: 'budgetStatus', op: 'neq', value: 'Approved' }, then: { points: -3 } },
    { name: 'decision maker', when: eq('decisionMakerIdentified', true), then: { points: 10 } },
    { name: 'big company', when: { attr: 'employeeCount', op: 'gte', value: 1000 }, then: { points: 10 } },
    { name: 'tiny company', when: { attr: 'employeeCount', op: 'lte', value: 50 }, then: { points: -5 } },
    { name: 'stale', when: { attr: 'leadAgeDays', op: 'gt', value: 60 }, then: { points: -15 } },
    { name: 'fresh', when: { attr: 'leadAgeDays', op: 'lte', value: 7 }, then: { points: 8 } },
    { name: 'target industry', when: { attr: 'industry', op: 'in', value: ['High Tech', 'Manufacturing'] }, then: { points: 5 } },
    { name: 'outside north america', when: { attr: 'country', op: 'not_in', value: ['US', 'CA'] }, then: { points: -5 } },
    { name: 'web and monitors', when: { all: [eq('leadChannel', 'Web'), eq('productCategory', 'Monitors')] }, then: { points: 7 } },
  ],
} satisfies RuleSetInput;

/** `update lead set score = <clamped sum>` with `?` placeholders, computing scoring20's scores at `asOf`. */
export function floorUpdateSql(asOf: Date): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const terms = scoring20.rules.map((r) => {
    const conditions = ('all' in r.when ? r.when.all : [r.when]) as unknown as LeadFilterCondition[];
    const where = leadFilterSql(conditions, asOf);
    params.push(...where.params);
    return `(case when ${where.sql} then ${r.then.points} else 0 end)`;
  });
  const { min, max } = scoring20.scoreRange;
  return { sql: `update "lead" set "score" = least(${max}, greatest(${min}, ${terms.join(' + ')}))`, params };
}
