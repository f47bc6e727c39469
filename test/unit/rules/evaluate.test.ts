// Evaluation per set type: guards, first/all match, clamping, ranking by rules and score ranges,
// qualification thresholds, explain on/off.
import { compileRuleSet, describeTrace, evaluate, expectRuleSetType, replayTrace, type RuleSetInput } from '../../../rules/index.js';
import { fusionRanking, NOW } from './fixtures.js';

const facts = (lead: Record<string, unknown>) => ({ lead, now: NOW });
const us = { attr: 'country', op: 'eq', value: 'US' } as const;

describe('guards', () => {
  const set = expectRuleSetType(compileRuleSet({
    id: 's', version: 1, name: 'US scoring', type: 'scoring', guards: us,
    rules: [{ name: 'any lead', when: { attr: 'country', op: 'is_not_empty' }, then: { points: 10 } }],
  }), 'scoring');
  it('a lead outside the guards is not processed and the result says so', () => {
    const r = evaluate(set, facts({ country: 'FR' }));
    expect(r).toMatchObject({ processed: false, score: null, matchedRules: [], ruleSet: { id: 's', version: 1, type: 'scoring' } });
  });
  it('a lead inside the guards is processed', () => {
    expect(evaluate(set, facts({ country: 'US' }))).toMatchObject({ processed: true, score: 10, rawScore: 10, matchedRules: ['any lead'] });
  });
  it('a missing guard attribute excludes the lead', () => {
    expect(evaluate(set, facts({})).processed).toBe(false);
  });
});

describe('scoring', () => {
  const scoring = (mode?: 'first_match' | 'all_match', scoreRange?: { min: number; max: number }): RuleSetInput => ({
    id: 'sc', version: 1, name: 'score', type: 'scoring', ...(mode ? { mode } : {}), ...(scoreRange ? { scoreRange } : {}),
    rules: [
      { name: 'big', when: { attr: 'purchaseAmount', op: 'gte', value: 100 }, then: { points: 60 } },
      { name: 'bigger', when: { attr: 'purchaseAmount', op: 'gte', value: 1000 }, then: { points: 70 } },
      { name: 'no budget', when: { attr: 'budgetStatus', op: 'eq', value: 'Unknown' }, then: { points: -200 } },
    ],
  });
  it('aggregates over all matching rules by default and clamps to 0..100', () => {
    const set = compileRuleSet(scoring());
    expect(evaluate(set, facts({ purchaseAmount: 150 }))).toMatchObject({ score: 60, matchedRules: ['big'] });
    expect(evaluate(set, facts({ purchaseAmount: 5000 }))).toMatchObject({ score: 100, rawScore: 130, matchedRules: ['big', 'bigger'] });
    expect(evaluate(set, facts({ purchaseAmount: 5000, budgetStatus: 'Unknown' }))).toMatchObject({ score: 0, rawScore: -70 });
    expect(evaluate(set, facts({}))).toMatchObject({ score: 0, rawScore: 0, matchedRules: [] });
  });
  it('clamps to a configured range', () => {
    const set = compileRuleSet(scoring('all_match', { min: 10, max: 1000 }));
    expect(evaluate(set, facts({ purchaseAmount: 5000 }))).toMatchObject({ score: 130 });
    expect(evaluate(set, facts({}))).toMatchObject({ score: 10 });
  });
  it('first_match takes the first matching rule only', () => {
    const set = compileRuleSet(scoring('first_match'));
    expect(evaluate(set, facts({ purchaseAmount: 5000 }))).toMatchObject({ score: 60, matchedRules: ['big'] });
  });
});

describe('rating and ranking', () => {
  const rating = (mode: 'first_match' | 'all_match') => ({
    id: 'r', version: 1, name: 'temperature', type: 'rating' as const, mode, labels: ['Hot', 'Warm', 'Cool'],
    rules: [
      { name: 'some interest', when: { attr: 'purchaseTimeframe', op: 'is_not_empty' }, then: { rank: 'Cool' } },
      { name: 'decision maker and timeframe', when: { all: [{ attr: 'decisionMakerIdentified', op: 'eq', value: true }, { attr: 'purchaseTimeframe', op: 'is_not_empty' }] }, then: { rank: 'Hot' } },
    ],
  });
  const lead = { decisionMakerIdentified: true, purchaseTimeframe: '1-3 months' };
  it('first_match: the first matching rule decides', () => {
    expect(evaluate(compileRuleSet(rating('first_match')), facts(lead))).toMatchObject({ rank: 'Cool', matchedRules: ['some interest'] });
  });
  it('all_match: the best label among the matches', () => {
    expect(evaluate(compileRuleSet(rating('all_match')), facts(lead))).toMatchObject({ rank: 'Hot', matchedRules: ['some interest', 'decision maker and timeframe'] });
  });
  it('no match: rank null', () => {
    expect(evaluate(expectRuleSetType(compileRuleSet(rating('first_match')), 'rating'), facts({})).rank).toBeNull();
  });
  it('ranks by score ranges (Fusion 0-39 low, 40-60 medium)', () => {
    const set = compileRuleSet(fusionRanking);
    const rankOf = (score: unknown) => evaluate(set, facts({ score })).rank;
    expect([0, 39, 40, 60, 61, 100].map(rankOf)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
    expect(rankOf(undefined)).toBeNull();
    expect(rankOf(101)).toBeNull();
    expect(evaluate(set, facts({ score: 45 })).matchedRules).toEqual(['$score 40-60']);
  });
  it('rules before score ranges', () => {
    const set = expectRuleSetType(compileRuleSet({ ...fusionRanking, rules: [{ name: 'named account', when: { attr: 'accountName', op: 'is_not_empty' }, then: { rank: 'high' } }] }), 'ranking');
    expect(evaluate(set, facts({ score: 10, accountName: 'Acme' })).rank).toBe('high');
    expect(evaluate(set, facts({ score: 10 })).rank).toBe('low');
  });
});

describe('qualification', () => {
  const base = { id: 'q', version: 1, name: 'q', type: 'qualification' } as const;
  it('qualifies when the score reaches a threshold', () => {
    const set = compileRuleSet({ ...base, scoreThreshold: 60 });
    expect(evaluate(set, facts({ score: 60 }))).toMatchObject({ qualified: true, status: 'Qualified', matchedRules: ['$score >= 60'] });
    expect(evaluate(set, facts({ score: 59 }))).toMatchObject({ qualified: false, status: 'Unqualified' });
  });
  it('all_match: a disqualifying rule wins', () => {
    const set = compileRuleSet({
      ...base, mode: 'all_match',
      rules: [
        { name: 'budget', when: { attr: 'budgetStatus', op: 'eq', value: 'Approved' }, then: { qualified: true } },
        { name: 'competitor', when: { attr: 'custom.competitor', op: 'eq', value: true }, then: { qualified: false } },
      ],
    });
    expect(evaluate(set, facts({ budgetStatus: 'Approved' })).qualified).toBe(true);
    expect(evaluate(set, facts({ budgetStatus: 'Approved', custom: { competitor: true } })).qualified).toBe(false);
  });
});

describe('channel', () => {
  const set = compileRuleSet({
    id: 'c', version: 1, name: 'c', type: 'channel', mode: 'all_match',
    rules: [
      { name: 'big', when: { attr: 'purchaseAmount', op: 'gt', value: 100 }, then: { salesChannel: 'Direct' } },
      { name: 'any', when: { attr: 'purchaseAmount', op: 'gte', value: 0 }, then: { salesChannel: 'Indirect' } },
    ],
  });
  it('all_match lists every channel, the first wins', () => {
    expect(evaluate(set, facts({ purchaseAmount: 500 }))).toMatchObject({ salesChannel: 'Direct', channels: ['Direct', 'Indirect'] });
    expect(evaluate(set, facts({}))).toMatchObject({ salesChannel: null, channels: [] });
  });
});

describe('explain', () => {
  const set = compileRuleSet(fusionRanking);
  it('is off by default: no trace', () => {
    expect(evaluate(set, facts({ score: 50 })).trace).toBeUndefined();
  });
  it('records each rule, the condition it failed on and the value seen', () => {
    const r = evaluate(set, facts({ score: 50 }), { explain: true });
    const rules = r.trace?.rules ?? [];
    expect(rules.map((x) => [x.name, x.matched])).toEqual([['$score 0-39', false], ['$score 40-60', true]]);
    expect(rules[0]).toMatchObject({ failedOn: ['scoreRanges', 0], condition: { kind: 'leaf', attr: 'score', op: 'between', value: [0, 39], actual: 50, result: false } });
    expect(replayTrace(set, r.trace!)).toEqual({ ok: true, result: { ...r, trace: undefined } });
  });
  it('describes a trace in words', () => {
    const q = compileRuleSet({ id: 'q', version: 2, name: 'q', type: 'qualification', guards: us, rules: [{ name: 'Big', when: { all: [us, { attr: 'purchaseAmount', op: 'gte', value: 50_000 }] }, then: { qualified: true } }] });
    expect(describeTrace(evaluate(q, facts({ country: 'US', purchaseAmount: 20_000 }), { explain: true }).trace!)).toEqual([
      'qualification rule set q v2 (first_match)', '  guards passed', '  rule "Big" failed on purchaseAmount gte 50000, actual 20000', '  no rule matched',
    ]);
    expect(describeTrace(evaluate(q, facts({ country: 'FR' }), { explain: true }).trace!)[1]).toBe('  outside the guards: country eq "US", actual "FR"; not processed');
  });
});
