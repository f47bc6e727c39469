// Processing criteria: seed operator names, the `unassigned` pseudo-attribute, errors naming the
// criterion's index, and the SQL (parameters in placeholder order).
import { criteriaSql, numbered, validateCriteria } from '../../../db/processing-criteria.js';
import { criteriaSchema, criterionSchema } from '../../../rules/processing/criteria.js';

const NOW = new Date('2025-06-30T12:00:00Z');

describe('operators', () => {
  it.each([
    ['Equal to', 'eq'], ['Greater than', 'gt'], ['Greater than or equal to', 'gte'], ['Less than', 'lt'], ['Less than or equal to', 'lte'],
    ['greater_or_equal', 'gte'], ['in', 'in'], ['between', 'between'],
  ])('%s -> %s', (op, canonical) => {
    expect(criterionSchema.parse({ attr: 'score', op, value: 1 }).op).toBe(canonical);
  });

  it('refuses an unknown operator naming it', () => {
    const r = criteriaSchema.safeParse([{ attr: 'score', op: 'gte', value: 1 }, { attr: 'score', op: 'about', value: 1 }]);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message.slice(0, 26)])).toEqual([['1.op', "unknown operator 'about' ("]]);
  });
});

describe('validateCriteria', () => {
  it('names the index of each bad criterion, unassigned ones included', () => {
    const errors = validateCriteria([
      { attr: 'unassigned', op: 'eq', value: true },
      { attr: 'leadAgeDays', op: 'gt', value: 'old' },
      { attr: 'unassigned', op: 'in', value: [true] },
      { attr: 'nope', op: 'eq', value: 1 },
      { attr: 'rank', op: 'in', value: ['A', 'B'] },
    ]);
    expect(errors.map((e) => [e.path.join('.'), e.code])).toEqual([
      ['1.value', 'invalid_value'], ['2.op', 'operator_not_allowed'], ['2.value', 'invalid_value'], ['3.attr', 'unknown_attribute'],
    ]);
  });

  it('accepts the lifecycle fields', () => {
    expect(validateCriteria([
      { attr: 'assignmentStatus', op: 'in', value: ['Unassigned', 'Hopper'] }, { attr: 'ownerId', op: 'is_empty' }, { attr: 'status', op: 'eq', value: 'Qualified' },
      { attr: 'score', op: 'between', value: [10, 50] }, { attr: 'createdAt', op: 'lt', value: '2025-01-01' }, { attr: 'leadAgeDays', op: 'gte', value: 30 },
    ])).toEqual([]);
  });
});

describe('criteriaSql', () => {
  it('ANDs the conditions with the engine semantics and unassigned as status-or-owner', () => {
    const sql = criteriaSql([{ attr: 'country', op: 'eq', value: 'US' }, { attr: 'unassigned', op: 'eq', value: true }, { attr: 'score', op: 'gte', value: 40 }], NOW);
    expect(sql.sql).toBe(`(lower("country"::text) = lower(?)) and ("score"::numeric >= ?) and ("assignment_status" in ('Unassigned', 'Queued', 'Hopper') or "owner_id" is null)`);
    expect(sql.params).toEqual(['US', 40]);
    expect(criteriaSql([{ attr: 'unassigned', op: 'eq', value: false }], NOW).sql).toBe(`not ("assignment_status" in ('Unassigned', 'Queued', 'Hopper') or "owner_id" is null)`);
    expect(criteriaSql([], NOW)).toEqual({ sql: 'true', params: [] });
  });

  it('numbers placeholders for native binding', () => {
    expect(numbered('a = ? and b in (?, ?)', 3)).toBe('a = $3 and b in ($4, $5)');
  });
});
