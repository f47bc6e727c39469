// Comparisons for untyped attributes (custom.* without a catalog, candidate.* / territory.* without
// one): the kinds of the two values decide. Numbers with numbers, strings with strings
// (case-insensitive), dates (Date or ISO-8601 strings) with dates, booleans with booleans, lists by
// element. Values of different kinds never compare (false), like missing values.
import type { Check } from './checks.js';
import type { Operator } from './operators.js';
import { isEmptyValue, isIsoDate, isNumber, toMs } from './values.js';

function dateMs(v: unknown): number | undefined {
  if (v instanceof Date) return toMs(v);
  return isIsoDate(v) ? toMs(v) : undefined;
}

function looseEq(a: unknown, e: unknown): boolean {
  if (typeof a === 'string' && typeof e === 'string') return a.toLowerCase() === e.toLowerCase();
  if (a instanceof Date || e instanceof Date) {
    const am = dateMs(a);
    return am !== undefined && am === dateMs(e);
  }
  return a === e && !isEmptyValue(a);
}

function comparable(a: unknown, e: unknown): boolean {
  if (a instanceof Date || e instanceof Date) return dateMs(a) !== undefined && dateMs(e) !== undefined;
  return typeof a === typeof e;
}

/** Negative, zero or positive; NaN when the values do not order (then every comparison is false). */
function order(a: unknown, e: unknown): number {
  if (isNumber(a) && isNumber(e)) return a - e;
  const am = dateMs(a);
  const em = dateMs(e);
  return am !== undefined && em !== undefined ? am - em : NaN;
}

const scalar = (a: unknown): boolean => !isEmptyValue(a) && !Array.isArray(a);
const inList = (a: unknown, e: unknown[]): boolean =>
  Array.isArray(a) ? a.some((x) => e.some((y) => looseEq(x, y))) : e.some((y) => looseEq(a, y));

export const dynamicChecks: Partial<Record<Operator, Check>> = {
  eq: (a, e) => scalar(a) && looseEq(a, e),
  neq: (a, e) => scalar(a) && comparable(a, e) && !looseEq(a, e),
  gt: (a, e) => order(a, e) > 0,
  gte: (a, e) => order(a, e) >= 0,
  lt: (a, e) => order(a, e) < 0,
  lte: (a, e) => order(a, e) <= 0,
  between: (a, e) => order(a, (e as unknown[])[0]) >= 0 && order(a, (e as unknown[])[1]) <= 0,
  in: (a, e) => !isEmptyValue(a) && inList(a, e as unknown[]),
  not_in: (a, e) => {
    if (isEmptyValue(a)) return false;
    const list = e as unknown[];
    const probe = Array.isArray(a) ? a[0] : a;
    return list.some((y) => comparable(probe, y)) && !inList(a, list);
  },
  contains: (a, e) => {
    if (typeof a === 'string') return typeof e === 'string' && a.toLowerCase().includes(e.toLowerCase());
    return Array.isArray(a) && a.some((x) => looseEq(x, e));
  },
  starts_with: (a, e) => typeof a === 'string' && typeof e === 'string' && a.toLowerCase().startsWith(e.toLowerCase()),
};
