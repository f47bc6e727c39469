// Typed comparisons: one small function per (type, operator), called with the actual value and a
// comparison value prepared once (lower-cased strings, dates as epoch ms). Missing or wrongly typed
// actual values make every operator false except is_empty. Strings compare case-insensitively.
import { dynamicChecks } from './dynamic-checks.js';
import { OPERATOR_ARITY, type Operator, type ValueType } from './operators.js';
import { equalsLower, INVALID, isEmptyValue, isNumber, norm, toMs, type Invalid } from './values.js';

export type Check = (actual: unknown, expected: unknown) => boolean;
type Checks = Partial<Record<Operator, Check>>;

const isEmpty: Check = (a) => isEmptyValue(a);
const isNotEmpty: Check = (a) => !isEmptyValue(a);
const filled = (a: string): boolean => a.length > 0 && (a.charCodeAt(0) > 32 || a.trim() !== '');
function inLower(a: string, list: readonly string[]): boolean {
  for (let i = 0; i < list.length; i++) if (equalsLower(a, list[i]!)) return true;
  return false;
}

const numberChecks: Checks = {
  eq: (a, e) => isNumber(a) && a === e,
  neq: (a, e) => isNumber(a) && a !== e,
  gt: (a, e) => isNumber(a) && a > (e as number),
  gte: (a, e) => isNumber(a) && a >= (e as number),
  lt: (a, e) => isNumber(a) && a < (e as number),
  lte: (a, e) => isNumber(a) && a <= (e as number),
  between: (a, e) => isNumber(a) && a >= (e as number[])[0]! && a <= (e as number[])[1]!,
  in: (a, e) => isNumber(a) && (e as unknown[]).includes(a),
  not_in: (a, e) => isNumber(a) && !(e as unknown[]).includes(a),
};

const stringChecks: Checks = {
  eq: (a, e) => typeof a === 'string' && equalsLower(a, e as string),
  neq: (a, e) => typeof a === 'string' && filled(a) && !equalsLower(a, e as string),
  in: (a, e) => typeof a === 'string' && filled(a) && inLower(a, e as string[]),
  not_in: (a, e) => typeof a === 'string' && filled(a) && !inLower(a, e as string[]),
  contains: (a, e) => typeof a === 'string' && a.toLowerCase().includes(e as string),
  starts_with: (a, e) => typeof a === 'string' && a.toLowerCase().startsWith(e as string),
};

const booleanChecks: Checks = {
  eq: (a, e) => typeof a === 'boolean' && a === e,
  neq: (a, e) => typeof a === 'boolean' && a !== e,
};

const dateCheck = (cmp: (ms: number, e: unknown) => boolean): Check => (a, e) => {
  const ms = toMs(a);
  return ms !== undefined && cmp(ms, e);
};
const dateChecks: Checks = {
  eq: dateCheck((m, e) => m === e),
  neq: dateCheck((m, e) => m !== e),
  gt: dateCheck((m, e) => m > (e as number)),
  gte: dateCheck((m, e) => m >= (e as number)),
  lt: dateCheck((m, e) => m < (e as number)),
  lte: dateCheck((m, e) => m <= (e as number)),
  between: dateCheck((m, e) => m >= (e as number[])[0]! && m <= (e as number[])[1]!),
};

const anyIn = (list: unknown[], e: unknown[]): boolean => list.some((x) => e.includes(norm(x)));
const listChecks: Checks = {
  contains: (a, e) => Array.isArray(a) && a.some((x) => norm(x) === e),
  in: (a, e) => Array.isArray(a) && anyIn(a, e as unknown[]),
  not_in: (a, e) => Array.isArray(a) && a.length > 0 && !anyIn(a, e as unknown[]),
};

const BY_TYPE: Readonly<Record<ValueType, Checks>> = {
  number: numberChecks, string: stringChecks, enum: stringChecks, boolean: booleanChecks,
  date: dateChecks, list: listChecks, any: dynamicChecks,
};

const never: Check = () => false;

/** The comparison for a type and operator (an operator that does not apply is always false). */
export function checkFor(type: ValueType, op: Operator): Check {
  if (op === 'is_empty') return isEmpty;
  if (op === 'is_not_empty') return isNotEmpty;
  return BY_TYPE[type][op] ?? never;
}

function prepareScalar(type: ValueType, raw: unknown): unknown {
  switch (type) {
    case 'number': return isNumber(raw) ? raw : INVALID;
    case 'string': case 'enum': return typeof raw === 'string' && filled(raw) ? raw.toLowerCase() : INVALID;
    case 'boolean': return typeof raw === 'boolean' ? raw : INVALID;
    case 'date': return toMs(raw) ?? INVALID;
    case 'list': return typeof raw === 'string' || isNumber(raw) ? norm(raw) : INVALID;
    case 'any': return typeof raw === 'string' || isNumber(raw) || typeof raw === 'boolean' || raw instanceof Date ? raw : INVALID;
  }
}

/** Turns a literal (or a valueFrom value seen at run time) into the form the check expects. */
export function prepareExpected(type: ValueType, op: Operator, raw: unknown): unknown {
  const arity = OPERATOR_ARITY[op];
  if (arity === 'none') return undefined;
  if (arity === 'scalar') return prepareScalar(type, raw);
  if (!Array.isArray(raw) || raw.length === 0) return INVALID;
  const out = raw.map((x: unknown) => prepareScalar(type, x));
  if (out.some((x) => x === INVALID)) return INVALID;
  if (arity === 'pair') {
    if (out.length !== 2) return INVALID;
    if (type !== 'any' && (out[0] as number) > (out[1] as number)) return INVALID;
  }
  return out;
}

export function isInvalid(v: unknown): v is Invalid {
  return v === INVALID;
}
