// Validation errors: every error names the JSON path of the offending part of the input.
import type { z } from 'zod';

export type ErrorPath = (string | number)[];

/** Codes of the checks leadflow adds on top of the schema (zod's own issue codes are passed through). */
export type SemanticErrorCode =
  | 'unknown_attribute' | 'attribute_not_available' | 'operator_not_allowed' | 'enum_value' | 'invalid_value'
  | 'invalid_date' | 'invalid_range' | 'value_required' | 'value_conflict' | 'unexpected_value' | 'invalid_value_from'
  | 'incompatible_types' | 'invalid_condition' | 'empty_rules' | 'duplicate_rule_name' | 'wrong_action' | 'invalid_action'
  | 'unknown_rank_label' | 'duplicate_label' | 'unknown_channel' | 'score_range_overlap' | 'score_range_gap'
  | 'score_range_outside';
export type ZodIssueCode = z.core.$ZodIssue['code'];
export type RuleSetErrorCode = SemanticErrorCode | ZodIssueCode;

export interface ValidationError<C extends string = string> {
  path: ErrorPath;
  message: string;
  code: C;
}
export type RuleSetError = ValidationError<RuleSetErrorCode>;

export type ValidationResult<T, E = RuleSetError> = { ok: true; value: T } | { ok: false; errors: E[] };

export function isPrefix(prefix: readonly (string | number)[], path: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** Orders errors as they appear in the document (stable for equal paths). */
export function byPath(a: { path: ErrorPath }, b: { path: ErrorPath }): number {
  const n = Math.min(a.path.length, b.path.length);
  for (let i = 0; i < n; i++) {
    const x = a.path[i]!;
    const y = b.path[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.path.length - b.path.length;
}
