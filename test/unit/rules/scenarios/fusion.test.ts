// Seed 001 (Oracle Fusion): scoring adds points over every matching rule ("executive +100,
// operations manager +50"), rank by score ranges ("0-39 low, 40-60 medium"), qualify at a score
// threshold, and territory-based assignment with rule-based filtering (Acme, Inc.).
import { compileRuleSet, evaluate, expectRuleSetType, filterTerritories, runPipeline } from '../../../../rules/index.js';
import { acmeTerritoryFilter, fusionRanking, fusionScoring, NOW } from '../fixtures.js';

const scoring = expectRuleSetType(compileRuleSet(fusionScoring), 'scoring');
const ranking = expectRuleSetType(compileRuleSet(fusionRanking), 'ranking');
const qualification = expectRuleSetType(compileRuleSet({ id: 'fq', version: 1, name: 'Score threshold', type: 'qualification', scoreThreshold: 40 }), 'qualification');

describe('Fusion scoring and ranking', () => {
  it('an executive with a phone scores 100 (clamped from 110); an operations manager with a timeframe 70', () => {
    expect(evaluate(scoring, { lead: { jobTitle: 'Chief Executive Officer', phone: '555-0100' }, now: NOW })).toMatchObject({ score: 100, rawScore: 110 });
    expect(evaluate(scoring, { lead: { jobTitle: 'operations manager', purchaseTimeframe: '1-3 months' }, now: NOW })).toMatchObject({ score: 70 });
  });

  it('scores, qualifies at the threshold, then ranks by score range', () => {
    const sets = { scoring, qualification, rating: ranking };
    const lead = (jobTitle: string, phone?: string) => ({ jobTitle, ...(phone ? { phone } : {}) });
    expect(runPipeline(sets, lead('Operations Manager'), NOW)).toMatchObject({ score: 50, qualified: true, rank: 'medium' });
    expect(runPipeline(sets, lead('Analyst', '555'), NOW)).toMatchObject({ score: 10, qualified: false, rank: null });
    expect(runPipeline(sets, lead('Chief Revenue Officer'), NOW)).toMatchObject({ score: 100, qualified: true, rank: 'high' });
  });

  it('scheduled ranking runs on its own over stored scores', () => {
    expect([12, 39, 40, 55, 60, 61].map((score) => evaluate(ranking, { lead: { score }, now: NOW }).rank)).toEqual(['low', 'low', 'medium', 'medium', 'medium', 'high']);
  });
});

describe('Acme territory filtering', () => {
  const filter = expectRuleSetType(compileRuleSet(acmeTerritoryFilter), 'territory_filter');
  const territories = [
    { id: 't1', type: 'Partner' }, { id: 't2', type: 'Sales Channel Manager' }, { id: 't3', type: 'Prime' }, { id: 't4', type: 'Overlay' },
  ];
  const kept = (lead: Record<string, unknown>) => filterTerritories(filter, lead, territories, NOW).kept.map((t) => t.id);

  it('no sales channel and a deal under 1,000,000: partner and channel manager territories', () => {
    expect(kept({ purchaseAmount: 250_000 })).toEqual(['t1', 't2']);
  });
  it('no sales channel and a deal over 1,000,000: prime territories', () => {
    expect(kept({ purchaseAmount: 2_500_000 })).toEqual(['t3']);
  });
  it('a known sales channel keeps every territory', () => {
    expect(kept({ purchaseAmount: 250_000, salesChannel: 'Direct' })).toEqual(['t1', 't2', 't3', 't4']);
  });
});
