// Rule sets from the seeds (002: Vision Enterprises qualification, rating and channel selection;
// 001: Fusion ranking by score ranges, territory filtering) used by several tests.
import type { RuleSetInput } from '../../../rules/index.js';

export const NOW = new Date('2025-06-30T12:00:00Z');

const visionGuards = {
  all: [
    { attr: 'country', op: 'eq', value: 'US' },
    { attr: 'productCategory', op: 'in', value: ['Monitors', 'Laptops', 'Computers'] },
  ],
} as const;

export const visionQualification = {
  id: 'vision-qualification', version: 3, name: 'Vision Hardware qualification', type: 'qualification',
  guards: visionGuards,
  rules: [
    {
      name: 'Rule 1',
      when: { all: [
        { attr: 'purchaseTimeframe', op: 'in', value: ['Within 1 month', '1-3 months', '3-6 months'] },
        { attr: 'purchaseAmount', op: 'gte', value: 50_000 },
      ] },
      then: { qualified: true },
    },
    {
      name: 'Rule 2',
      when: { all: [
        { attr: 'purchaseTimeframe', op: 'eq', value: 'More than 1 year' },
        { attr: 'purchaseAmount', op: 'lt', value: 50_000 },
      ] },
      then: { qualified: true },
    },
  ],
} satisfies RuleSetInput;

const grade = (name: string, timeframe: string, budget: string, rank: string) => ({
  name, then: { rank },
  when: { all: [{ attr: 'purchaseTimeframe', op: 'eq', value: timeframe }, { attr: 'budgetStatus', op: 'eq', value: budget }] },
}) as const;

export const visionRating = {
  id: 'vision-rating', version: 1, name: 'Vision Hardware rating', type: 'rating', labels: ['A', 'B', 'C', 'D'],
  guards: visionGuards,
  rules: [
    grade('Rule 1', 'Within 1 month', 'Approved', 'A'),
    grade('Rule 2', '1-3 months', 'Approved', 'B'),
    grade('Rule 3', '3-6 months', 'Approved', 'C'),
    grade('Rule 4', '3-6 months', 'Pending', 'D'),
  ],
} satisfies RuleSetInput;

export const visionChannel = {
  id: 'vision-channel', version: 2, name: 'Vision channel selection', type: 'channel',
  channels: ['Direct', 'Indirect Channel A', 'Indirect Channel B'],
  guards: { attr: 'country', op: 'eq', value: 'US' },
  rules: [
    { name: 'Rule 1', when: { all: [{ attr: 'qualified', op: 'eq', value: true }, { attr: 'purchaseAmount', op: 'gt', value: 50_000 }] }, then: { salesChannel: 'Direct' } },
    { name: 'Rule 2', when: { all: [{ attr: 'qualified', op: 'eq', value: true }, { attr: 'purchaseAmount', op: 'lt', value: 50_000 }, { attr: 'rank', op: 'eq', value: 'A' }] }, then: { salesChannel: 'Indirect Channel A' } },
    { name: 'Rule 3', when: { all: [{ attr: 'qualified', op: 'eq', value: true }, { attr: 'purchaseAmount', op: 'lt', value: 50_000 }, { attr: 'rank', op: 'neq', value: 'A' }] }, then: { salesChannel: 'Indirect Channel B' } },
  ],
} satisfies RuleSetInput;

/** Fusion: "score between 0 and 39 → low priority, 40 to 60 → medium" (completed to 100). */
export const fusionRanking = {
  id: 'fusion-ranking', version: 1, name: 'Rank by score', type: 'ranking', labels: ['high', 'medium', 'low'],
  scoreRanges: [
    { min: 0, max: 39, rank: 'low' },
    { min: 40, max: 60, rank: 'medium' },
    { min: 61, max: 100, rank: 'high' },
  ],
} satisfies RuleSetInput;

export const fusionScoring = {
  id: 'fusion-scoring', version: 1, name: 'Job title and data completeness', type: 'scoring',
  rules: [
    { name: 'Executive', when: { attr: 'jobTitle', op: 'contains', value: 'chief' }, then: { points: 100 } },
    { name: 'Operations manager', when: { attr: 'jobTitle', op: 'eq', value: 'Operations Manager' }, then: { points: 50 } },
    { name: 'Has phone', when: { attr: 'phone', op: 'is_not_empty' }, then: { points: 10 } },
    { name: 'Has timeframe', when: { attr: 'purchaseTimeframe', op: 'is_not_empty' }, then: { points: 20 } },
  ],
} satisfies RuleSetInput;

/** Fusion territory-based assignment with rule-based filtering (Acme, Inc.). */
export const acmeTerritoryFilter = {
  id: 'acme-territories', version: 1, name: 'Partner or internal', type: 'territory_filter',
  rules: [
    { name: 'Sales channel known', when: { attr: 'salesChannel', op: 'is_not_empty' }, then: { keep: true } },
    { name: 'Assign partner', when: { all: [{ attr: 'salesChannel', op: 'is_empty' }, { attr: 'purchaseAmount', op: 'lt', value: 1_000_000 }, { attr: 'territory.type', op: 'eq', value: 'Partner' }] }, then: { keep: true } },
    { name: 'Assign channel manager', when: { all: [{ attr: 'salesChannel', op: 'is_empty' }, { attr: 'purchaseAmount', op: 'lt', value: 1_000_000 }, { attr: 'territory.type', op: 'eq', value: 'Sales Channel Manager' }] }, then: { keep: true } },
    { name: 'Assign prime', when: { all: [{ attr: 'salesChannel', op: 'is_empty' }, { attr: 'purchaseAmount', op: 'gt', value: 1_000_000 }, { attr: 'territory.type', op: 'eq', value: 'Prime' }] }, then: { keep: true } },
  ],
} satisfies RuleSetInput;

export function visionLead(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    country: 'US', productCategory: 'Laptops', purchaseTimeframe: 'Within 1 month', purchaseAmount: 75_000,
    budgetStatus: 'Approved', createdAt: '2025-06-01T09:00:00Z', ...overrides,
  };
}
