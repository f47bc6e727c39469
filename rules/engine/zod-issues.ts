// Maps zod issues to precise errors. Unions of condition shapes are resolved by the keys present
// (attr / all / any / not) so the error points inside the condition, not at the whole union.
import type { z } from 'zod';
import { CONDITION_BRANCH_KEYS } from './conditions.js';
import type { ErrorPath, ValidationError, ZodIssueCode } from './errors.js';
import { isRecord } from './values.js';

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (typeof key === 'symbol' || v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

const CONDITION_HELP = 'expected a condition: { attr, op, value | valueFrom }, { all: [...] }, { any: [...] } or { not: {...} }';

export type ShapeError = ValidationError<ZodIssueCode | 'invalid_value' | 'invalid_condition'>;

export function flattenIssues(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: ErrorPath = []): ShapeError[] {
  const out: ShapeError[] = [];
  for (const issue of issues) {
    const path: ErrorPath = [...prefix, ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
    if (issue.code === 'invalid_union') {
      const last = path[path.length - 1];
      if (last === 'value') {
        out.push({ path, code: 'invalid_value', message: 'expected a string, number, boolean or a list of them' });
        continue;
      }
      const node = valueAt(input, path);
      const branch = isRecord(node) ? CONDITION_BRANCH_KEYS.findIndex((k) => k in node || (k === 'attr' && 'op' in node)) : -1;
      const chosen = branch >= 0 && issue.errors.length === CONDITION_BRANCH_KEYS.length ? issue.errors[branch] : undefined;
      if (chosen) out.push(...flattenIssues(chosen, input, path));
      else if (path.length === 0 || last === 'type') out.push({ path: ['type'], code: 'invalid_union', message: issue.message });
      else out.push({ path, code: 'invalid_condition', message: CONDITION_HELP });
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], code: issue.code, message: `unknown key "${key}"` });
      continue;
    }
    out.push({ path, code: issue.code, message: issue.message });
  }
  return out;
}
