// fast-check generators: valid condition trees over a handful of typed attributes, leads drawn from
// the same small value pools (so conditions match often), and rule sets of every lead-only type.
import fc from 'fast-check';
import { OPERATOR_ARITY, OPERATORS_BY_TYPE, type Condition, type Operator, type RuleSetInput, type ValueType } from '../../../rules/index.js';

const POOLS = {
  number: [0, 10, 999, 1000, 50_000, 100_000],
  country: ['US', 'us', 'FR', 'CA'],
  industry: ['High Tech', 'retail', 'Retail'],
  budgetStatus: ['Approved', 'Pending', 'Unknown'],
  date: ['2025-01-01', '2025-06-01T09:00:00Z', '2025-06-30'],
  tier: ['Gold', 'silver', 7],
} as const;

const ATTRIBUTES: { attr: string; type: ValueType; pool: readonly (string | number)[] }[] = [
  { attr: 'purchaseAmount', type: 'number', pool: POOLS.number },
  { attr: 'leadAgeDays', type: 'number', pool: [0, 29, 30, 200] },
  { attr: 'country', type: 'string', pool: POOLS.country },
  { attr: 'industry', type: 'string', pool: POOLS.industry },
  { attr: 'budgetStatus', type: 'enum', pool: POOLS.budgetStatus },
  { attr: 'createdAt', type: 'date', pool: POOLS.date },
  { attr: 'custom.tier', type: 'any', pool: POOLS.tier },
];

const boolLeaf = fc.record({ attr: fc.constant('decisionMakerIdentified'), op: fc.constantFrom<Operator>('eq', 'neq', 'is_empty', 'is_not_empty'), value: fc.boolean() })
  .map(({ attr, op, value }): Condition => (OPERATOR_ARITY[op] === 'none' ? { attr, op } : { attr, op, value }));

const typedLeaf = fc.constantFrom(...ATTRIBUTES).chain(({ attr, type, pool }) => {
  const ops = OPERATORS_BY_TYPE[type].filter((op) => type !== 'any' || !['contains', 'starts_with', 'gt', 'gte', 'lt', 'lte', 'between'].includes(op) || typeof pool[0] === 'string');
  const one = fc.constantFrom(...pool);
  return fc.constantFrom(...ops).chain((op): fc.Arbitrary<Condition> => {
    switch (OPERATOR_ARITY[op]) {
      case 'none': return fc.constant({ attr, op });
      case 'scalar': return one.map((value) => ({ attr, op, value }));
      case 'list': return fc.uniqueArray(one, { minLength: 1, maxLength: 3 }).map((value) => ({ attr, op, value }));
      case 'pair': return fc.tuple(one, one).map(([a, b]) => ({ attr, op, value: (a as number) <= (b as number) ? [a, b] : [b, a] }));
    }
  });
});

export const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    typedLeaf, boolLeaf,
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('node').map((not) => ({ not })),
  ),
})).node;

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

export const leadArb = fc.record({
  purchaseAmount: maybe(fc.oneof(fc.constantFrom(...POOLS.number), fc.integer({ min: -5, max: 200_000 }), fc.constant('50000'))),
  country: maybe(fc.constantFrom(...POOLS.country, '', 3)),
  industry: maybe(fc.constantFrom(...POOLS.industry)),
  budgetStatus: maybe(fc.constantFrom(...POOLS.budgetStatus, 'approved')),
  createdAt: maybe(fc.constantFrom(...POOLS.date, 'not a date')),
  decisionMakerIdentified: maybe(fc.oneof(fc.boolean(), fc.constant(null))),
  score: maybe(fc.integer({ min: -10, max: 110 })),
  custom: maybe(fc.record({ tier: maybe(fc.constantFrom(...POOLS.tier)) })),
}, { requiredKeys: [] });

const ruleName = (i: number) => `rule ${i}`;
const mode = fc.constantFrom<'first_match' | 'all_match' | undefined>('first_match', 'all_match', undefined);
const rules = <A>(action: fc.Arbitrary<A>) =>
  fc.array(fc.tuple(conditionArb, action), { minLength: 1, maxLength: 6 }).map((rs) => rs.map(([when, then], i) => ({ name: ruleName(i), when, then })));
const common = fc.record({ guards: maybe(conditionArb), mode }).map(({ guards, mode: m }) => ({ id: 'prop', version: 1, name: 'generated', ...(guards ? { guards } : {}), ...(m ? { mode: m } : {}) }));

export const scoringSetArb = fc.tuple(common, rules(fc.integer({ min: -80, max: 80 })), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 150 }))
  .map(([c, rs, min, span]): RuleSetInput => ({ ...c, type: 'scoring', scoreRange: { min, max: min + span }, rules: rs.map((r) => ({ ...r, then: { points: r.then } })) }));

/** Contiguous integer ranges over [0, 100] with labels. */
export const scoreRangesArb = fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { maxLength: 4 }).map((cuts) => {
  const starts = [0, ...[...cuts].sort((a, b) => a - b)];
  return starts.map((min, i) => ({ min, max: (starts[i + 1] ?? 101) - 1, rank: ['A', 'B', 'C', 'D', 'E'][i]! }));
});

export const ruleSetArb: fc.Arbitrary<RuleSetInput> = fc.oneof(
  scoringSetArb,
  fc.tuple(common, rules(fc.boolean()), maybe(fc.integer({ min: 0, max: 100 }))).map(([c, rs, scoreThreshold]): RuleSetInput => ({
    ...c, type: 'qualification', ...(scoreThreshold !== undefined ? { scoreThreshold } : {}), rules: rs.map((r) => ({ ...r, then: { qualified: r.then } })),
  })),
  fc.tuple(common, rules(fc.constantFrom('A', 'B', 'C', 'D'))).map(([c, rs]): RuleSetInput => ({ ...c, type: 'rating', rules: rs.map((r) => ({ ...r, then: { rank: r.then } })) })),
  fc.tuple(common, rules(fc.constantFrom('A', 'B', 'C', 'D', 'E')), scoreRangesArb).map(([c, rs, scoreRanges]): RuleSetInput => ({
    ...c, type: 'ranking', labels: ['A', 'B', 'C', 'D', 'E'], scoreRanges, rules: rs.map((r) => ({ ...r, then: { rank: r.then } })),
  })),
  fc.tuple(common, rules(fc.constantFrom('Direct', 'Indirect', 'Partner'))).map(([c, rs]): RuleSetInput => ({ ...c, type: 'channel', rules: rs.map((r) => ({ ...r, then: { salesChannel: r.then } })) })),
  fc.tuple(common, rules(fc.boolean()), fc.constantFrom<'keep' | 'drop'>('keep', 'drop')).map(([c, rs, unmatched]): RuleSetInput => ({
    ...c, type: 'territory_filter', unmatched, rules: rs.map((r) => ({ ...r, then: { keep: r.then } })),
  })),
);
