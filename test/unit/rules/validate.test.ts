// validateRuleSet: every error with its JSON path and code.
import { compileRuleSet, RuleSetValidationError, validateRuleSet, type AttributeCatalogs } from '../../../rules/index.js';
import { acmeTerritoryFilter, fusionRanking, visionChannel, visionQualification, visionRating } from './fixtures.js';

const base = { id: 'set-1', version: 1, name: 'test' };
const leaf = (attr: string, op: string, value?: unknown, valueFrom?: string) => ({ attr, op, ...(value !== undefined ? { value } : {}), ...(valueFrom ? { valueFrom } : {}) });
const scoring = (...conditions: object[]) => ({ ...base, type: 'scoring', rules: conditions.map((when, i) => ({ name: `r${i}`, when, then: { points: 1 } })) });

function errorsOf(input: unknown, catalogs?: AttributeCatalogs) {
  const r = validateRuleSet(input, catalogs);
  if (r.ok) throw new Error('expected validation errors');
  return r.errors.map(({ path, code }) => ({ path, code }));
}

describe('validateRuleSet', () => {
  it('accepts the seed rule sets and applies defaults', () => {
    for (const set of [visionQualification, visionRating, visionChannel, fusionRanking, acmeTerritoryFilter]) {
      expect(validateRuleSet(set)).toMatchObject({ ok: true });
    }
    const r = validateRuleSet(scoring(leaf('country', 'eq', 'US')));
    expect(r.ok && r.value).toMatchObject({ mode: 'all_match', scoreRange: { min: 0, max: 100 } });
    const q = validateRuleSet(visionQualification);
    expect(q.ok && q.value.mode).toBe('first_match');
  });

  it('names the path of an operator that does not fit the attribute type', () => {
    expect(errorsOf(scoring({ all: [leaf('country', 'eq', 'US'), leaf('decisionMakerIdentified', 'gt', true)] }))).toEqual([
      { path: ['rules', 0, 'when', 'all', 1, 'op'], code: 'operator_not_allowed' },
    ]);
    expect(errorsOf(scoring(leaf('purchaseAmount', 'starts_with', '1')))).toEqual([{ path: ['rules', 0, 'when', 'op'], code: 'operator_not_allowed' }]);
    expect(errorsOf(scoring(leaf('budgetStatus', 'contains', 'App')))).toEqual([{ path: ['rules', 0, 'when', 'op'], code: 'operator_not_allowed' }]);
  });

  it('reports unknown attributes (catalog, custom.*, candidate/territory catalogs)', () => {
    expect(errorsOf(scoring(leaf('dealSize', 'gt', 1)))).toEqual([{ path: ['rules', 0, 'when', 'attr'], code: 'unknown_attribute' }]);
    expect(validateRuleSet(scoring(leaf('custom.anything', 'eq', 'x'))).ok).toBe(true);
    expect(errorsOf(scoring(leaf('custom.bad key', 'eq', 'x')))).toEqual([{ path: ['rules', 0, 'when', 'attr'], code: 'unknown_attribute' }]);
    const assignment = { ...base, type: 'assignment', rules: [{ name: 'lang', when: leaf('candidate.languages', 'contains', undefined, 'language'), then: {} }] };
    expect(validateRuleSet(assignment).ok).toBe(true);
    const catalogs = { candidate: { skills: { type: 'list', description: 'skills' } } } as const;
    expect(errorsOf(assignment, catalogs)).toEqual([{ path: ['rules', 0, 'when', 'attr'], code: 'unknown_attribute' }]);
  });

  it('candidate.* only in assignment sets, territory.* only in territory filters', () => {
    expect(errorsOf(scoring(leaf('candidate.language', 'eq', 'en')))).toEqual([{ path: ['rules', 0, 'when', 'attr'], code: 'attribute_not_available' }]);
    expect(errorsOf({ ...base, type: 'assignment', rules: [{ name: 'x', when: leaf('territory.type', 'eq', 'Prime'), then: {} }] })).toEqual([
      { path: ['rules', 0, 'when', 'attr'], code: 'attribute_not_available' },
    ]);
  });

  it('checks values against the attribute type', () => {
    expect(errorsOf(scoring(
      leaf('budgetStatus', 'in', ['Approved', 'Maybe']),
      leaf('purchaseAmount', 'gt', '100'),
      leaf('createdAt', 'gt', 'last week'),
      leaf('purchaseAmount', 'between', [10, 1]),
      leaf('purchaseAmount', 'in', []),
      leaf('decisionMakerIdentified', 'eq', 'yes'),
    ))).toEqual([
      { path: ['rules', 0, 'when', 'value', 1], code: 'enum_value' },
      { path: ['rules', 1, 'when', 'value'], code: 'invalid_value' },
      { path: ['rules', 2, 'when', 'value'], code: 'invalid_date' },
      { path: ['rules', 3, 'when', 'value'], code: 'invalid_range' },
      { path: ['rules', 4, 'when', 'value'], code: 'invalid_value' },
      { path: ['rules', 5, 'when', 'value'], code: 'invalid_value' },
    ]);
  });

  it('checks value / valueFrom presence and compatibility', () => {
    expect(errorsOf(scoring(
      leaf('country', 'eq'),
      leaf('phone', 'is_empty', 'x'),
      leaf('country', 'eq', 'US', 'region'),
      leaf('purchaseAmount', 'gt', undefined, 'country'),
      leaf('purchaseAmount', 'between', undefined, 'employeeCount'),
      leaf('purchaseAmount', 'gt', undefined, 'nope'),
    ))).toEqual([
      { path: ['rules', 0, 'when', 'value'], code: 'value_required' },
      { path: ['rules', 1, 'when', 'value'], code: 'unexpected_value' },
      { path: ['rules', 2, 'when', 'valueFrom'], code: 'value_conflict' },
      { path: ['rules', 3, 'when', 'valueFrom'], code: 'incompatible_types' },
      { path: ['rules', 4, 'when', 'valueFrom'], code: 'invalid_value_from' },
      { path: ['rules', 5, 'when', 'valueFrom'], code: 'unknown_attribute' },
    ]);
  });

  it('points into malformed condition trees', () => {
    expect(errorsOf(scoring(
      { all: [leaf('country', 'eq', 'US'), leaf('country', 'equals', 'US')] },
      { any: [] },
      { not: { attrib: 'x' } },
      { all: [leaf('country', 'eq', 'US')], extra: 1 },
      leaf('country', 'eq', { nested: true }),
    ))).toEqual([
      { path: ['rules', 0, 'when', 'all', 1, 'op'], code: 'invalid_value' },
      { path: ['rules', 1, 'when', 'any'], code: 'too_small' },
      { path: ['rules', 2, 'when', 'not'], code: 'invalid_condition' },
      { path: ['rules', 3, 'when', 'extra'], code: 'unrecognized_keys' },
      { path: ['rules', 4, 'when', 'value'], code: 'invalid_value' },
    ]);
  });

  it('rejects empty rule lists, duplicate rule names and reserved names', () => {
    expect(errorsOf({ ...base, type: 'channel', rules: [] })).toEqual([{ path: ['rules'], code: 'empty_rules' }]);
    expect(errorsOf({ ...base, type: 'qualification' })).toEqual([{ path: ['rules'], code: 'empty_rules' }]);
    expect(validateRuleSet({ ...base, type: 'qualification', scoreThreshold: 70 }).ok).toBe(true);
    const dup = scoring(leaf('country', 'eq', 'US'), leaf('country', 'eq', 'CA'));
    dup.rules[1]!.name = ' R0 ';
    expect(errorsOf(dup)).toEqual([{ path: ['rules', 1, 'name'], code: 'duplicate_rule_name' }]);
    const reserved = scoring(leaf('country', 'eq', 'US'));
    reserved.rules[0]!.name = '$score >= 1';
    expect(errorsOf(reserved)).toEqual([{ path: ['rules', 0, 'name'], code: 'invalid_format' }]);
  });

  it('rejects an action of another set type, and unknown labels and channels', () => {
    expect(errorsOf({ ...visionRating, rules: [{ name: 'x', when: leaf('country', 'eq', 'US'), then: { qualified: true } }] })).toEqual([
      { path: ['rules', 0, 'then'], code: 'wrong_action' },
    ]);
    expect(errorsOf({ ...visionRating, rules: [{ name: 'x', when: leaf('country', 'eq', 'US'), then: { rank: 'Hot' } }] })).toEqual([
      { path: ['rules', 0, 'then', 'rank'], code: 'unknown_rank_label' },
    ]);
    expect(errorsOf({ ...visionChannel, rules: [{ name: 'x', when: leaf('country', 'eq', 'US'), then: { salesChannel: 'Telesales' } }] })).toEqual([
      { path: ['rules', 0, 'then', 'salesChannel'], code: 'unknown_channel' },
    ]);
    expect(errorsOf({ ...base, type: 'assignment', rules: [{ name: 'x', when: leaf('country', 'eq', 'US'), then: { effect: 'exclude', team: 't' } }] })).toEqual([
      { path: ['rules', 0, 'then'], code: 'invalid_action' },
    ]);
  });

  it('rejects overlapping, gapped or outside score ranges', () => {
    const ranking = (scoreRanges: object[]) => ({ ...fusionRanking, scoreRanges });
    expect(errorsOf(ranking([{ min: 0, max: 39, rank: 'low' }, { min: 39, max: 100, rank: 'high' }]))).toEqual([{ path: ['scoreRanges', 1, 'min'], code: 'score_range_overlap' }]);
    expect(errorsOf(ranking([{ min: 0, max: 39, rank: 'low' }, { min: 41, max: 100, rank: 'high' }]))).toEqual([{ path: ['scoreRanges', 1, 'min'], code: 'score_range_gap' }]);
    expect(errorsOf(ranking([{ min: 40, max: 100, rank: 'high' }, { min: 1, max: 39, rank: 'low' }]))).toEqual([{ path: ['scoreRanges', 1, 'min'], code: 'score_range_gap' }]);
    expect(errorsOf(ranking([{ min: 0, max: 39, rank: 'low' }, { min: 40, max: 99, rank: 'high' }]))).toEqual([{ path: ['scoreRanges', 1, 'max'], code: 'score_range_gap' }]);
    expect(errorsOf(ranking([{ min: 0, max: 39, rank: 'low' }, { min: 40, max: 120, rank: 'high' }]))).toEqual([
      { path: ['scoreRanges', 0, 'max'], code: 'score_range_gap' }, { path: ['scoreRanges', 1], code: 'score_range_outside' },
    ]);
    expect(errorsOf(ranking([{ min: 0, max: 100, rank: 'top' }]))).toEqual([{ path: ['scoreRanges', 0, 'rank'], code: 'unknown_rank_label' }]);
  });

  it('reports shape errors of the set itself', () => {
    expect(errorsOf({ ...base, type: 'bogus', rules: [] })).toEqual([{ path: ['type'], code: 'invalid_union' }]);
    expect(errorsOf({ ...scoring(leaf('country', 'eq', 'US')), version: 0, mode: 'some' })).toEqual([
      { path: ['mode'], code: 'invalid_value' }, { path: ['version'], code: 'too_small' },
    ]);
    expect(errorsOf({ ...scoring(leaf('country', 'eq', 'US')), scoreRange: { min: 10, max: 10 } })).toEqual([{ path: ['scoreRange'], code: 'invalid_range' }]);
    expect(errorsOf('nope')).toHaveLength(1);
  });

  it('compileRuleSet throws every error', () => {
    const invalid = scoring(leaf('nope', 'eq', 1), leaf('country', 'gt', 1));
    const thrown = ((): unknown => {
      try {
        return compileRuleSet(invalid);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(RuleSetValidationError);
    expect((thrown as RuleSetValidationError).errors.map((x) => x.path.join('.'))).toEqual(['rules.0.when.attr', 'rules.1.when.op']);
  });
});
