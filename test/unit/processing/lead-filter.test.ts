// Filter conditions: validated like rule conditions (paths relative to the list), translated to
// parameterized SQL (values never in the SQL text).
import { leadFilterSql, validateLeadFilter } from '../../../db/lead-filter.js';

const NOW = new Date('2025-06-30T12:00:00Z');

describe('validateLeadFilter', () => {
  it('reports attribute, operator and value errors with paths into the list', () => {
    expect(validateLeadFilter([
      { attr: 'country', op: 'eq', value: 'US' },
      { attr: 'purchaseAmount', op: 'contains', value: '5' },
      { attr: 'candidate.languages', op: 'contains', value: 'de' },
      { attr: 'budgetStatus', op: 'in', value: ['Approved', 'Perhaps'] },
    ]).map((e) => [e.path, e.code])).toEqual([
      [[1, 'op'], 'operator_not_allowed'], [[2, 'attr'], 'attribute_not_available'], [[3, 'value', 1], 'enum_value'],
    ]);
    expect(validateLeadFilter([])).toEqual([]);
  });
});

describe('leadFilterSql', () => {
  it('keeps values out of the SQL text, in parameter order', () => {
    const sql = leadFilterSql([
      { attr: 'companyName', op: 'eq', value: "O'Brien; drop table lead" },
      { attr: 'purchaseAmount', op: 'between', value: [10, 20] },
      { attr: 'custom.tier', op: 'in', value: ['gold', 'silver'] },
      { attr: 'leadAgeDays', op: 'gt', value: 3 },
    ], NOW);
    expect(sql.sql).not.toContain("O'Brien");
    expect(sql.sql.split('?').length - 1).toBe(sql.params.length);
    expect(sql.params).toEqual(["O'Brien; drop table lead", 10, 20, 'tier', 'tier', 'gold', 'silver', NOW.toISOString(), 3]);
    expect(leadFilterSql([], NOW)).toEqual({ sql: 'true', params: [] });
  });
});
