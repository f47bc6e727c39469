// Seed 002: Vision Enterprises' Vision Hardware road show, processed by the qualification, rating
// and channel selection engines in order.
import { compileRuleSet, evaluate, expectRuleSetType, runPipeline, type PipelineSets } from '../../../../rules/index.js';
import { NOW, visionChannel, visionLead, visionQualification, visionRating } from '../fixtures.js';

const sets: PipelineSets = {
  qualification: expectRuleSetType(compileRuleSet(visionQualification), 'qualification'),
  rating: expectRuleSetType(compileRuleSet(visionRating), 'rating', 'ranking'),
  channel: expectRuleSetType(compileRuleSet(visionChannel), 'channel'),
};
const run = (overrides: Record<string, unknown>) => runPipeline(sets, visionLead(overrides), NOW);

describe('Vision Enterprises lead processing', () => {
  it.each([
    ['laptops within 1 month, 75,000, budget approved', {}, { qualified: true, rank: 'A', salesChannel: 'Direct' }],
    ['monitors in 1-3 months, 120,000, approved', { productCategory: 'Monitors', purchaseTimeframe: '1-3 months', purchaseAmount: 120_000 }, { qualified: true, rank: 'B', salesChannel: 'Direct' }],
    ['computers in 3-6 months, 60,000, approved', { productCategory: 'Computers', purchaseTimeframe: '3-6 months', purchaseAmount: 60_000 }, { qualified: true, rank: 'C', salesChannel: 'Direct' }],
    ['laptops in 3-6 months, 90,000, budget pending', { purchaseTimeframe: '3-6 months', budgetStatus: 'Pending', purchaseAmount: 90_000 }, { qualified: true, rank: 'D', salesChannel: 'Direct' }],
    ['within 1 month but budget unknown: qualified, no grade', { budgetStatus: 'Unknown' }, { qualified: true, rank: null, salesChannel: 'Direct' }],
  ])('%s', (_label, overrides, expected) => {
    expect(run(overrides)).toMatchObject({ ...expected, status: 'Qualified' });
  });

  it('rule 2 qualifies small long-term deals; with no grade, "rating not equals A" does not hold and no channel is chosen', () => {
    const r = run({ purchaseTimeframe: 'More than 1 year', purchaseAmount: 20_000 });
    expect(r).toMatchObject({ qualified: true, rank: null, salesChannel: null, matchedRules: { qualification: ['Rule 2'], rating: [], channel: [] } });
  });

  it('an unqualified lead gets no grade and goes straight to channel selection', () => {
    const r = runPipeline(sets, visionLead({ purchaseTimeframe: '1-3 months', purchaseAmount: 30_000 }), NOW, { explain: true });
    expect(r).toMatchObject({ qualified: false, status: 'Unqualified', rank: null, salesChannel: null });
    expect(r.traces.map((t) => t.ruleSet.type)).toEqual(['qualification', 'channel']);
    expect(Object.keys(r.ruleSetVersions)).toEqual(['qualification', 'channel']);
  });

  it('leads outside the guards (not US, or not monitors/laptops/computers) are not processed', () => {
    const fr = runPipeline(sets, visionLead({ country: 'FR' }), NOW, { explain: true });
    expect(fr).toMatchObject({ qualified: false, rank: null, salesChannel: null });
    expect(fr.traces.map((t) => [t.ruleSet.type, t.processed])).toEqual([['qualification', false], ['channel', false]]);
    expect(run({ productCategory: 'Printers' })).toMatchObject({ qualified: false, rank: null });
  });

  it('the seed values match case-insensitively', () => {
    expect(run({ country: 'us', productCategory: 'LAPTOPS', purchaseTimeframe: 'within 1 month', budgetStatus: 'approved' })).toMatchObject({ qualified: true, rank: 'A' });
  });

  it('channel rules 2 and 3 route small qualified deals by rating (channel engine alone)', () => {
    const channel = sets.channel!;
    const route = (rank: string) => evaluate(channel, { lead: { country: 'US', qualified: true, purchaseAmount: 30_000, rank }, now: NOW }).salesChannel;
    expect(route('A')).toBe('Indirect Channel A');
    expect(route('B')).toBe('Indirect Channel B');
    expect(route('D')).toBe('Indirect Channel B');
  });

  it('exactly 50,000 meets qualification rule 1 (>=) but neither channel rule (> and <)', () => {
    expect(run({ purchaseAmount: 50_000 })).toMatchObject({ qualified: true, rank: 'A', salesChannel: null });
  });

  it('names the rule set versions that decided', () => {
    expect(run({}).ruleSetVersions).toEqual({
      qualification: { id: 'vision-qualification', version: 3, type: 'qualification' },
      rating: { id: 'vision-rating', version: 1, type: 'rating' },
      channel: { id: 'vision-channel', version: 2, type: 'channel' },
    });
  });
});
