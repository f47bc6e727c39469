// Processing criteria -> validation errors and a parameterized WHERE clause, with the semantics of
// db/lead-filter.ts (the engine's) plus the `unassigned` pseudo-attribute.
import type { ValidationError } from '../rules/index.js';
import { isUnassignedCriterion, UNASSIGNED_STATUSES, type Criterion } from '../rules/processing/criteria.js';
import { leadFilterSql, validateLeadFilter } from './lead-filter.js';

interface Sql { sql: string; params: unknown[] }

/** Errors with paths relative to the list (e.g. [2, 'op']); empty when valid. */
export function validateCriteria(criteria: readonly Criterion[]): ValidationError[] {
  const errors: ValidationError[] = [];
  const regular: { index: number; c: Criterion }[] = [];
  criteria.forEach((c, index) => {
    if (!isUnassignedCriterion(c)) return void regular.push({ index, c });
    if (c.op !== 'eq') errors.push({ path: [index, 'op'], code: 'operator_not_allowed', message: 'unassigned takes only eq (true or false)' });
    if (typeof c.value !== 'boolean') errors.push({ path: [index, 'value'], code: 'invalid_value', message: 'expected true or false' });
  });
  for (const e of validateLeadFilter(regular.map((r) => r.c))) {
    const [i, ...rest] = e.path;
    errors.push({ ...e, path: [regular[i as number]!.index, ...rest] });
  }
  return errors.sort((a, b) => (a.path[0] as number) - (b.path[0] as number));
}

const UNASSIGNED_SQL = `("assignment_status" in (${UNASSIGNED_STATUSES.map((s) => `'${s}'`).join(', ')}) or "owner_id" is null)`;

/** The WHERE clause for validated criteria (`true` when there are none), `?` placeholders in order. */
export function criteriaSql(criteria: readonly Criterion[], now: Date): Sql {
  const parts: Sql[] = [];
  const regular = criteria.filter((c) => !isUnassignedCriterion(c));
  if (regular.length > 0) parts.push(leadFilterSql(regular, now));
  for (const c of criteria.filter(isUnassignedCriterion)) parts.push({ sql: c.value === true ? UNASSIGNED_SQL : `not ${UNASSIGNED_SQL}`, params: [] });
  if (parts.length === 0) return { sql: 'true', params: [] };
  return { sql: parts.map((p) => p.sql).join(' and '), params: parts.flatMap((p) => p.params) };
}

/** Rewrites `?` placeholders as `$n` (from `first`) for drivers that bind natively. */
export function numbered(sql: string, first = 1): string {
  let n = first;
  return sql.replace(/\?/g, () => `$${n++}`);
}
