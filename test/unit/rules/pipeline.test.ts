// runPipeline: stage order, what each stage sees, pass-through when a stage has no rule set.
import { compileRuleSet, expectRuleSetType, runPipeline, type PipelineSets } from '../../../rules/index.js';
import { NOW } from './fixtures.js';

const base = { version: 1, name: 'p' } as const;
const scoring = expectRuleSetType(compileRuleSet({
  ...base, id: 'sc', type: 'scoring', rules: [{ name: 'amount', when: { attr: 'purchaseAmount', op: 'gte', value: 1000 }, then: { points: 70 } }],
}), 'scoring');
const qualification = expectRuleSetType(compileRuleSet({ ...base, id: 'q', type: 'qualification', scoreThreshold: 50 }), 'qualification');
const rating = expectRuleSetType(compileRuleSet({
  ...base, id: 'r', type: 'rating', rules: [{ name: 'scored', when: { attr: 'score', op: 'gte', value: 60 }, then: { rank: 'A' } }],
}), 'rating');
const channel = expectRuleSetType(compileRuleSet({
  ...base, id: 'c', type: 'channel',
  rules: [
    { name: 'A leads', when: { all: [{ attr: 'qualified', op: 'eq', value: true }, { attr: 'rank', op: 'eq', value: 'A' }, { attr: 'status', op: 'eq', value: 'Qualified' }] }, then: { salesChannel: 'Direct' } },
    { name: 'the rest', when: { attr: 'qualified', op: 'eq', value: false }, then: { salesChannel: 'Nurture' } },
  ],
}), 'channel');

describe('runPipeline', () => {
  it('runs scoring, qualification, rating, then channel, each seeing the previous values', () => {
    const r = runPipeline({ scoring, qualification, rating, channel }, { purchaseAmount: 5000 }, NOW, { explain: true });
    expect(r).toMatchObject({ score: 70, qualified: true, status: 'Qualified', rank: 'A', salesChannel: 'Direct' });
    expect(r.traces.map((t) => t.ruleSet.id)).toEqual(['sc', 'q', 'r', 'c']);
    expect(r.matchedRules).toEqual({ scoring: ['amount'], qualification: ['$score >= 50'], rating: ['scored'], channel: ['A leads'] });
  });

  it('an unqualified lead skips rating and gets rank null even if it had one', () => {
    const r = runPipeline({ scoring, qualification, rating, channel }, { purchaseAmount: 10, rank: 'B' }, NOW, { explain: true });
    expect(r).toMatchObject({ score: 0, qualified: false, status: 'Unqualified', rank: null, salesChannel: 'Nurture' });
    expect(r.ruleSetVersions.rating).toBeUndefined();
  });

  it('without explain there are no traces', () => {
    expect(runPipeline({ scoring, qualification }, { purchaseAmount: 5000 }, NOW).traces).toEqual([]);
  });

  it('stages without a set pass the lead values through', () => {
    const sets: PipelineSets = { channel };
    expect(runPipeline(sets, { qualified: true, rank: 'A', status: 'Qualified', score: 12 }, NOW)).toMatchObject({ qualified: true, rank: 'A', score: 12, salesChannel: 'Direct' });
    expect(runPipeline({}, { status: 'Qualified', salesChannel: 'Partner' }, NOW)).toMatchObject({ qualified: true, rank: null, score: null, salesChannel: 'Partner' });
  });

  it('keeps a caller-supplied sales channel when no channel rule matches', () => {
    expect(runPipeline({ qualification, channel }, { score: 90, salesChannel: 'Partner' }, NOW).salesChannel).toBe('Partner');
  });

  it('does not modify the lead it is given', () => {
    const lead = Object.freeze({ purchaseAmount: 5000 });
    runPipeline({ scoring, qualification, rating, channel }, lead, NOW);
    expect(lead).toEqual({ purchaseAmount: 5000 });
  });
});
