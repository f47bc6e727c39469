// Cross-field checks per rule set (raw input): rules present, names unique, actions that fit the
// set type, rank labels and channels configured, score ranges contiguous over the score bounds.
import { DEFAULT_RANK_LABELS } from '../lookups.js';
import type { Namespace } from './attributes.js';
import type { ErrorPath, RuleSetError } from './errors.js';
import { RULE_SET_TYPES, type RuleSetType } from './schema.js';
import { isRecord } from './values.js';

/** The keys of each set type's rule action (to name a wrong action precisely). */
export const ACTION_KEYS: Readonly<Record<RuleSetType, readonly string[]>> = {
  qualification: ['qualified'], rating: ['rank'], ranking: ['rank'], scoring: ['points'],
  channel: ['salesChannel'], assignment: ['effect', 'team', 'points', 'reason'], territory_filter: ['keep'],
};
const ACTION_SHAPE: Readonly<Record<RuleSetType, string>> = {
  qualification: '{ qualified: boolean }', rating: '{ rank: label }', ranking: '{ rank: label }', scoring: '{ points: integer }',
  channel: '{ salesChannel: string }', assignment: '{ effect?: select|exclude, team?, points?, reason? }', territory_filter: '{ keep: boolean }',
};

export function namespacesFor(type: RuleSetType): Namespace[] {
  if (type === 'assignment') return ['lead', 'custom', 'candidate'];
  if (type === 'territory_filter') return ['lead', 'custom', 'territory'];
  return ['lead', 'custom'];
}

export function checkAction(type: RuleSetType, then: unknown, path: ErrorPath, errors: RuleSetError[]): void {
  if (!isRecord(then)) return;
  const keys = Object.keys(then);
  const foreign = keys.filter((k) => !ACTION_KEYS[type].includes(k));
  const owners = RULE_SET_TYPES.filter((t) => t !== type && foreign.some((k) => ACTION_KEYS[t].includes(k)));
  if (foreign.length > 0 && owners.length > 0) {
    errors.push({ path, code: 'wrong_action', message: `a ${type} rule's action is ${ACTION_SHAPE[type]}; { ${foreign.join(', ')} } belongs to ${owners.join('/')} rule sets` });
  }
  if (type === 'assignment' && then['effect'] === 'exclude' && (then['team'] !== undefined || then['points'] !== undefined)) {
    errors.push({ path, code: 'invalid_action', message: 'an exclude rule takes a reason, not a team or points' });
  }
}

export function checkRuleNames(rules: unknown[], errors: RuleSetError[]): void {
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const name = isRecord(rule) && typeof rule['name'] === 'string' ? rule['name'].trim().toLowerCase() : undefined;
    if (name === undefined) return;
    const first = seen.get(name);
    if (first !== undefined) errors.push({ path: ['rules', i, 'name'], code: 'duplicate_rule_name', message: `rule name "${String((rule as Record<string, unknown>)['name'])}" is already used by rules[${first}]` });
    else seen.set(name, i);
  });
}

export function labelsOf(set: Record<string, unknown>, errors: RuleSetError[]): string[] {
  const raw = set['labels'];
  const labels = Array.isArray(raw) ? raw.filter((l): l is string => typeof l === 'string') : [...DEFAULT_RANK_LABELS];
  labels.forEach((l, i) => {
    if (labels.indexOf(l) !== i) errors.push({ path: ['labels', i], code: 'duplicate_label', message: `label "${l}" is listed twice` });
  });
  return labels;
}

export function checkLabel(label: unknown, labels: readonly string[], path: ErrorPath, errors: RuleSetError[]): void {
  if (typeof label === 'string' && !labels.includes(label)) {
    errors.push({ path, code: 'unknown_rank_label', message: `"${label}" is not a configured rank label (${labels.join(', ')})` });
  }
}

interface Range { min: number; max: number; index: number }
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** Score ranges must cover [bounds.min, bounds.max] exactly: no overlap, no gap, nothing outside. */
export function checkScoreRanges(raw: unknown[], bounds: { min: number; max: number }, errors: RuleSetError[]): void {
  const ranges: Range[] = [];
  raw.forEach((r, index) => {
    if (!isRecord(r) || !isInt(r['min']) || !isInt(r['max'])) return;
    const range = { min: r['min'], max: r['max'], index };
    if (range.min > range.max) errors.push({ path: ['scoreRanges', index], code: 'invalid_range', message: `min ${range.min} is greater than max ${range.max}` });
    else if (range.min < bounds.min || range.max > bounds.max) errors.push({ path: ['scoreRanges', index], code: 'score_range_outside', message: `${range.min}-${range.max} is outside the score range ${bounds.min}-${bounds.max}` });
    else ranges.push(range);
  });
  if (ranges.length === 0) return;
  ranges.sort((a, b) => a.min - b.min || a.max - b.max);
  let covered = bounds.min - 1;
  let lastIndex = -1;
  for (const r of ranges) {
    if (r.min <= covered) {
      errors.push({ path: ['scoreRanges', r.index, 'min'], code: 'score_range_overlap', message: `${r.min}-${r.max} overlaps scoreRanges[${lastIndex}] (covered up to ${covered})` });
    } else if (r.min > covered + 1) {
      errors.push({ path: ['scoreRanges', r.index, 'min'], code: 'score_range_gap', message: `scores ${covered + 1}-${r.min - 1} have no range` });
    }
    if (r.max > covered) {
      covered = r.max;
      lastIndex = r.index;
    }
  }
  if (covered < bounds.max) {
    errors.push({ path: ['scoreRanges', lastIndex, 'max'], code: 'score_range_gap', message: `scores ${covered + 1}-${bounds.max} have no range` });
  }
}
