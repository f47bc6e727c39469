// The benchmark workload: a realistic lead processing configuration (guards + 24 rules across
// scoring, qualification, rating and channel selection) and leads from a seeded PRNG.
import { BUDGET_STATUSES, LEAD_CHANNELS, PURCHASE_TIMEFRAMES, type RuleSetInput } from '../rules/index.js';

export const NOW = new Date('2025-06-30T12:00:00Z');
const DAY = 86_400_000;

export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateLeads(count: number, seed: number): Record<string, unknown>[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const leads: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const lead: Record<string, unknown> = {
      country: pick(['US', 'US', 'US', 'US', 'CA', 'FR', 'DE']),
      productCategory: pick(['Monitors', 'Laptops', 'Computers', 'Printers', 'Software']),
      budgetStatus: pick(BUDGET_STATUSES),
      decisionMakerIdentified: rand() < 0.5,
      jobTitle: pick(['Chief Executive Officer', 'Chief Financial Officer', 'Operations Manager', 'Analyst', 'Engineer', 'VP Sales']),
      industry: pick(['High Tech', 'Manufacturing', 'Retail', 'Finance']),
      employeeCount: Math.floor(rand() * 5000),
      leadChannel: pick(LEAD_CHANNELS.slice(0, 6)),
      createdAt: new Date(NOW.getTime() - Math.floor(rand() * 120 * DAY)).toISOString(),
    };
    if (rand() < 0.9) lead['purchaseTimeframe'] = pick(PURCHASE_TIMEFRAMES);
    if (rand() < 0.9) lead['purchaseAmount'] = rand() < 0.05 ? 50_000 : Math.round(Math.exp(rand() * Math.log(2_000_000)));
    if (rand() < 0.6) lead['phone'] = '+1-555-0100';
    leads.push(lead);
  }
  return leads;
}

const eq = (attr: string, value: string | number | boolean) => ({ attr, op: 'eq', value }) as const;
const vision = { all: [eq('country', 'US'), { attr: 'productCategory', op: 'in', value: ['Monitors', 'Laptops', 'Computers'] }] } as const;

export const scoring = {
  id: 'bench-scoring', version: 1, name: 'Lead score', type: 'scoring',
  rules: [
    { name: 'executive', when: { attr: 'jobTitle', op: 'contains', value: 'Chief' }, then: { points: 30 } },
    { name: 'operations manager', when: eq('jobTitle', 'Operations Manager'), then: { points: 15 } },
    { name: 'reachable', when: { attr: 'phone', op: 'is_not_empty' }, then: { points: 5 } },
    { name: 'buying soon', when: { attr: 'purchaseTimeframe', op: 'in', value: ['Within 1 month', '1-3 months'] }, then: { points: 20 } },
    { name: 'large deal', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 20 } },
    { name: 'mid deal', when: { attr: 'purchaseAmount', op: 'between', value: [25_000, 99_999] }, then: { points: 10 } },
    { name: 'budget approved', when: eq('budgetStatus', 'Approved'), then: { points: 15 } },
    { name: 'decision maker', when: eq('decisionMakerIdentified', true), then: { points: 10 } },
    { name: 'big company', when: { attr: 'employeeCount', op: 'gte', value: 1000 }, then: { points: 10 } },
    { name: 'stale', when: { attr: 'leadAgeDays', op: 'gt', value: 60 }, then: { points: -15 } },
    { name: 'target industry', when: { attr: 'industry', op: 'in', value: ['High Tech', 'Manufacturing'] }, then: { points: 5 } },
  ],
} satisfies RuleSetInput;

export const qualification = {
  id: 'bench-qualification', version: 1, name: 'Vision qualification', type: 'qualification', guards: vision,
  rules: [
    { name: 'soon and big', when: { all: [{ attr: 'purchaseTimeframe', op: 'in', value: ['Within 1 month', '1-3 months', '3-6 months'] }, { attr: 'purchaseAmount', op: 'gte', value: 50_000 }] }, then: { qualified: true } },
    { name: 'later and small', when: { all: [eq('purchaseTimeframe', 'More than 1 year'), { attr: 'purchaseAmount', op: 'lt', value: 50_000 }] }, then: { qualified: true } },
    { name: 'high score', when: { all: [{ attr: 'score', op: 'gte', value: 70 }, { not: eq('budgetStatus', 'Unknown') }] }, then: { qualified: true } },
  ],
} satisfies RuleSetInput;

const grade = (name: string, timeframe: string, budget: string, rank: string) =>
  ({ name, when: { all: [eq('purchaseTimeframe', timeframe), eq('budgetStatus', budget)] }, then: { rank } }) as const;
export const rating = {
  id: 'bench-rating', version: 1, name: 'Vision rating', type: 'rating', labels: ['A', 'B', 'C', 'D'], guards: vision,
  rules: [
    grade('A', 'Within 1 month', 'Approved', 'A'),
    grade('B', '1-3 months', 'Approved', 'B'),
    grade('C', '3-6 months', 'Approved', 'C'),
    grade('D', '3-6 months', 'Pending', 'D'),
    { name: 'engaged decision maker', when: { all: [eq('decisionMakerIdentified', true), { attr: 'score', op: 'gte', value: 60 }] }, then: { rank: 'B' } },
  ],
} satisfies RuleSetInput;

export const channel = {
  id: 'bench-channel', version: 1, name: 'Channel selection', type: 'channel', guards: eq('country', 'US'),
  rules: [
    { name: 'direct', when: { all: [eq('qualified', true), { attr: 'purchaseAmount', op: 'gt', value: 50_000 }] }, then: { salesChannel: 'Direct' } },
    { name: 'indirect A', when: { all: [eq('qualified', true), { attr: 'purchaseAmount', op: 'lt', value: 50_000 }, eq('rank', 'A')] }, then: { salesChannel: 'Indirect Channel A' } },
    { name: 'indirect B', when: { all: [eq('qualified', true), { attr: 'purchaseAmount', op: 'lt', value: 50_000 }, { attr: 'rank', op: 'neq', value: 'A' }] }, then: { salesChannel: 'Indirect Channel B' } },
    { name: 'inside sales', when: { all: [eq('qualified', true), { any: [eq('leadChannel', 'Web'), eq('leadChannel', 'E-Mail')] }] }, then: { salesChannel: 'Inside Sales' } },
    { name: 'telesales', when: { all: [eq('qualified', false), { attr: 'purchaseAmount', op: 'gte', value: 250_000 }] }, then: { salesChannel: 'Telesales' } },
  ],
} satisfies RuleSetInput;
