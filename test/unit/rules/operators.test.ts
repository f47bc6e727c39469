// Operator semantics: typed comparisons, case-insensitive strings, missing attributes, dates,
// lists, untyped custom attributes and valueFrom. Conditions are compiled directly (the validator
// has its own tests) so run-time values of the wrong type can be exercised.
import { compileCondition } from '../../../rules/engine/compile-condition.js';
import type { AttributeCatalogs, Condition, Facts } from '../../../rules/index.js';
import { NOW } from './fixtures.js';

const catalogs: AttributeCatalogs = {
  candidate: { languages: { type: 'list', description: 'Languages spoken' }, language: { type: 'string', description: 'Main language' }, maxDeal: { type: 'number', description: 'Largest deal' } },
};

function holds(c: Condition, lead: Record<string, unknown>, extra: Partial<Facts> = {}): boolean {
  return compileCondition(c, [], catalogs).test({ lead, now: NOW, ...extra });
}

describe('numbers', () => {
  const lead = { purchaseAmount: 50_000 };
  it.each([
    ['eq', 50_000, true], ['eq', 50_001, false], ['neq', 1, true], ['neq', 50_000, false],
    ['gt', 49_999, true], ['gt', 50_000, false], ['gte', 50_000, true], ['gte', 50_001, false],
    ['lt', 50_001, true], ['lt', 50_000, false], ['lte', 50_000, true], ['lte', 49_999, false],
  ] as const)('%s %p is %p', (op, value, expected) => {
    expect(holds({ attr: 'purchaseAmount', op, value }, lead)).toBe(expected);
  });
  it('between is inclusive at both ends', () => {
    expect(holds({ attr: 'purchaseAmount', op: 'between', value: [50_000, 60_000] }, lead)).toBe(true);
    expect(holds({ attr: 'purchaseAmount', op: 'between', value: [40_000, 50_000] }, lead)).toBe(true);
    expect(holds({ attr: 'purchaseAmount', op: 'between', value: [50_001, 60_000] }, lead)).toBe(false);
  });
  it('in / not_in', () => {
    expect(holds({ attr: 'employeeCount', op: 'in', value: [10, 20] }, { employeeCount: 20 })).toBe(true);
    expect(holds({ attr: 'employeeCount', op: 'not_in', value: [10, 20] }, { employeeCount: 20 })).toBe(false);
    expect(holds({ attr: 'employeeCount', op: 'not_in', value: [10, 20] }, { employeeCount: 30 })).toBe(true);
  });
  it('a numeric string is not a number (typed comparison)', () => {
    expect(holds({ attr: 'purchaseAmount', op: 'gt', value: 1 }, { purchaseAmount: '50000' })).toBe(false);
  });
});

describe('strings and enums compare case-insensitively', () => {
  it.each([
    [{ attr: 'industry', op: 'eq', value: 'high tech' }, { industry: 'High Tech' }, true],
    [{ attr: 'industry', op: 'neq', value: 'high tech' }, { industry: 'HIGH TECH' }, false],
    [{ attr: 'industry', op: 'neq', value: 'retail' }, { industry: 'High Tech' }, true],
    [{ attr: 'jobTitle', op: 'contains', value: 'CHIEF' }, { jobTitle: 'Chief Financial Officer' }, true],
    [{ attr: 'jobTitle', op: 'contains', value: 'vp' }, { jobTitle: 'Chief Financial Officer' }, false],
    [{ attr: 'postalCode', op: 'starts_with', value: '94' }, { postalCode: '94105' }, true],
    [{ attr: 'postalCode', op: 'starts_with', value: '95' }, { postalCode: '94105' }, false],
    [{ attr: 'productCategory', op: 'in', value: ['Monitors', 'Laptops'] }, { productCategory: 'LAPTOPS' }, true],
    [{ attr: 'productCategory', op: 'not_in', value: ['Monitors', 'Laptops'] }, { productCategory: 'Printers' }, true],
    [{ attr: 'budgetStatus', op: 'eq', value: 'approved' }, { budgetStatus: 'Approved' }, true],
    [{ attr: 'purchaseTimeframe', op: 'in', value: ['within 1 month', '1-3 months'] }, { purchaseTimeframe: 'Within 1 month' }, true],
  ] as const)('%j on %j is %p', (c, lead, expected) => {
    expect(holds(c as Condition, lead)).toBe(expected);
  });
  it('a number is not a string', () => {
    expect(holds({ attr: 'postalCode', op: 'eq', value: '94105' }, { postalCode: 94105 })).toBe(false);
  });
});

describe('booleans', () => {
  it('eq / neq need a boolean', () => {
    expect(holds({ attr: 'decisionMakerIdentified', op: 'eq', value: true }, { decisionMakerIdentified: true })).toBe(true);
    expect(holds({ attr: 'decisionMakerIdentified', op: 'neq', value: true }, { decisionMakerIdentified: false })).toBe(true);
    expect(holds({ attr: 'decisionMakerIdentified', op: 'eq', value: true }, { decisionMakerIdentified: 'true' })).toBe(false);
  });
});

describe('missing attributes', () => {
  const ops = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'between'] as const;
  it.each(ops)('%s on a missing number is false, never an exception', (op) => {
    const value = op === 'between' ? [1, 2] : op === 'in' || op === 'not_in' ? [1] : 1;
    for (const lead of [{}, { purchaseAmount: null }, { purchaseAmount: undefined }]) {
      expect(holds({ attr: 'purchaseAmount', op, value }, lead)).toBe(false);
    }
  });
  it('is_empty is true for missing, null, blank strings and empty lists; is_not_empty the opposite', () => {
    for (const v of [undefined, null, '', '   ']) {
      expect(holds({ attr: 'phone', op: 'is_empty' }, { phone: v })).toBe(true);
      expect(holds({ attr: 'phone', op: 'is_not_empty' }, { phone: v })).toBe(false);
    }
    expect(holds({ attr: 'phone', op: 'is_empty' }, { phone: '555' })).toBe(false);
    expect(holds({ attr: 'candidate.languages', op: 'is_empty' }, {}, { candidate: { languages: [] } })).toBe(true);
  });
  it('neq and not_in on a blank string are false; not(eq) is true', () => {
    expect(holds({ attr: 'industry', op: 'neq', value: 'retail' }, { industry: ' ' })).toBe(false);
    expect(holds({ attr: 'industry', op: 'not_in', value: ['retail'] }, {})).toBe(false);
    expect(holds({ not: { attr: 'industry', op: 'eq', value: 'retail' } }, {})).toBe(true);
  });
  it('candidate attributes without a candidate are missing', () => {
    expect(holds({ attr: 'candidate.language', op: 'eq', value: 'en' }, {})).toBe(false);
  });
});

describe('dates', () => {
  const lead = { createdAt: new Date('2025-06-01T09:00:00Z') };
  it('compares Date values and ISO strings with ISO literals', () => {
    expect(holds({ attr: 'createdAt', op: 'gt', value: '2025-05-31' }, lead)).toBe(true);
    expect(holds({ attr: 'createdAt', op: 'lt', value: '2025-05-31' }, lead)).toBe(false);
    expect(holds({ attr: 'createdAt', op: 'between', value: ['2025-06-01', '2025-06-02'] }, { createdAt: '2025-06-01T09:00:00Z' })).toBe(true);
    expect(holds({ attr: 'createdAt', op: 'eq', value: '2025-06-01T09:00:00.000Z' }, lead)).toBe(true);
  });
  it('an unparseable date is missing', () => {
    expect(holds({ attr: 'createdAt', op: 'lt', value: '2030-01-01' }, { createdAt: 'yesterday' })).toBe(false);
  });
  it('leadAgeDays is derived from createdAt and now (whole days)', () => {
    expect(holds({ attr: 'leadAgeDays', op: 'eq', value: 29 }, lead)).toBe(true);
    expect(holds({ attr: 'leadAgeDays', op: 'gt', value: 30 }, lead)).toBe(false);
    expect(holds({ attr: 'leadAgeDays', op: 'gt', value: 30 }, lead, { now: new Date('2025-07-02T10:00:00Z') })).toBe(true);
    expect(holds({ attr: 'leadAgeDays', op: 'gte', value: 0 }, {})).toBe(false);
  });
});

describe('lists', () => {
  const candidate = { languages: ['en', 'FR'] };
  it('contains, in and not_in compare elements case-insensitively', () => {
    expect(holds({ attr: 'candidate.languages', op: 'contains', value: 'fr' }, {}, { candidate })).toBe(true);
    expect(holds({ attr: 'candidate.languages', op: 'contains', value: 'de' }, {}, { candidate })).toBe(false);
    expect(holds({ attr: 'candidate.languages', op: 'in', value: ['de', 'EN'] }, {}, { candidate })).toBe(true);
    expect(holds({ attr: 'candidate.languages', op: 'not_in', value: ['de', 'es'] }, {}, { candidate })).toBe(true);
    expect(holds({ attr: 'candidate.languages', op: 'not_in', value: ['fr'] }, {}, { candidate })).toBe(false);
  });
  it('a scalar where a list is expected is false', () => {
    expect(holds({ attr: 'candidate.languages', op: 'contains', value: 'en' }, {}, { candidate: { languages: 'en' } })).toBe(false);
  });
});

describe('valueFrom compares two attributes', () => {
  it('candidate.languages contains the lead language', () => {
    const c: Condition = { attr: 'candidate.languages', op: 'contains', valueFrom: 'language' };
    expect(holds(c, { language: 'fr' }, { candidate: { languages: ['en', 'fr'] } })).toBe(true);
    expect(holds(c, { language: 'de' }, { candidate: { languages: ['en', 'fr'] } })).toBe(false);
    expect(holds(c, {}, { candidate: { languages: ['en', 'fr'] } })).toBe(false);
  });
  it('lead language in candidate.languages; lead amount lte candidate.maxDeal', () => {
    expect(holds({ attr: 'language', op: 'in', valueFrom: 'candidate.languages' }, { language: 'EN' }, { candidate: { languages: ['en'] } })).toBe(true);
    expect(holds({ attr: 'purchaseAmount', op: 'lte', valueFrom: 'candidate.maxDeal' }, { purchaseAmount: 10 }, { candidate: { maxDeal: 10 } })).toBe(true);
    expect(holds({ attr: 'purchaseAmount', op: 'lte', valueFrom: 'candidate.maxDeal' }, { purchaseAmount: 11 }, { candidate: { maxDeal: 10 } })).toBe(false);
    expect(holds({ attr: 'purchaseAmount', op: 'lte', valueFrom: 'candidate.maxDeal' }, { purchaseAmount: 11 }, { candidate: { maxDeal: 'ten' } })).toBe(false);
  });
});

describe('untyped custom attributes are typed at run time', () => {
  const lead = { custom: { tier: 'Gold', seats: 40, renewal: '2025-09-01', partner: true, tags: ['Beta', 'vip'] } };
  it.each([
    [{ attr: 'custom.tier', op: 'eq', value: 'gold' }, true],
    [{ attr: 'custom.seats', op: 'gte', value: 40 }, true],
    [{ attr: 'custom.seats', op: 'eq', value: '40' }, false],
    [{ attr: 'custom.seats', op: 'neq', value: 'forty' }, false],
    [{ attr: 'custom.renewal', op: 'lt', value: '2025-12-31' }, true],
    [{ attr: 'custom.tier', op: 'gt', value: 'A' }, false],
    [{ attr: 'custom.partner', op: 'eq', value: true }, true],
    [{ attr: 'custom.tags', op: 'contains', value: 'beta' }, true],
    [{ attr: 'custom.tags', op: 'in', value: ['VIP', 'x'] }, true],
    [{ attr: 'custom.tier', op: 'not_in', value: ['Silver'] }, true],
    [{ attr: 'custom.seats', op: 'between', value: [10, 40] }, true],
    [{ attr: 'custom.tier', op: 'starts_with', value: 'go' }, true],
    [{ attr: 'custom.missing', op: 'is_empty' }, true],
    [{ attr: 'custom.missing', op: 'neq', value: 'x' }, false],
  ] as const)('%j is %p', (c, expected) => {
    expect(holds(c as Condition, lead)).toBe(expected);
  });
  it('a lead without a custom bag has no custom attributes', () => {
    expect(holds({ attr: 'custom.tier', op: 'is_empty' }, { custom: 'oops' })).toBe(true);
  });
});

describe('groups', () => {
  const lead = { country: 'US', purchaseAmount: 10 };
  it('all / any / not nest', () => {
    const c: Condition = { all: [{ attr: 'country', op: 'eq', value: 'us' }, { any: [{ attr: 'purchaseAmount', op: 'gt', value: 100 }, { not: { attr: 'phone', op: 'is_not_empty' } }] }] };
    expect(holds(c, lead)).toBe(true);
    expect(holds(c, { ...lead, phone: '555' })).toBe(false);
    expect(holds({ any: [{ attr: 'country', op: 'eq', value: 'CA' }, { attr: 'country', op: 'eq', value: 'MX' }, { attr: 'country', op: 'eq', value: 'US' }] }, lead)).toBe(true);
    expect(holds({ all: [{ attr: 'country', op: 'eq', value: 'US' }, { attr: 'purchaseAmount', op: 'gt', value: 1 }, { attr: 'purchaseAmount', op: 'lt', value: 5 }] }, lead)).toBe(false);
  });
});
