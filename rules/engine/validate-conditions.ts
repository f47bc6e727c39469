// Checks a condition tree (raw input, so it also runs when the shape has other errors): attributes
// exist and are available to this set type, operators fit the attribute type, values fit the type
// (enum values, dates, [low, high]), valueFrom names a compatible attribute.
import type { AttributeSpec } from '../lead-attributes.js';
import { resolveAttribute, type AttributeCatalogs, type Namespace } from './attributes.js';
import type { ErrorPath, RuleSetError } from './errors.js';
import { OPERATOR_ARITY, OPERATORS, OPERATORS_BY_TYPE, type Operator, type ValueType } from './operators.js';
import { isNumber, isRecord, toMs } from './values.js';

export interface ConditionContext {
  catalogs: AttributeCatalogs;
  /** Namespaces this set type may read: candidate.* only in assignment sets, territory.* only in territory filters. */
  namespaces: readonly Namespace[];
  errors: RuleSetError[];
}

const textual = (t: ValueType): boolean => t === 'string' || t === 'enum';

function scalarProblem(type: ValueType, spec: AttributeSpec | undefined, v: unknown): Omit<RuleSetError, 'path'> | null {
  const bad = (message: string): Omit<RuleSetError, 'path'> => ({ code: 'invalid_value', message });
  switch (type) {
    case 'number': return isNumber(v) && Number.isFinite(v) ? null : bad('expected a number');
    case 'boolean': return typeof v === 'boolean' ? null : bad('expected true or false');
    case 'date': return typeof v === 'string' && toMs(v) !== undefined ? null : { code: 'invalid_date', message: 'expected an ISO-8601 date, e.g. 2025-01-31 or 2025-01-31T12:00:00Z' };
    case 'list': return (typeof v === 'string' && v.trim() !== '') || isNumber(v) ? null : bad('expected a list element (string)');
    case 'any': return typeof v === 'string' || isNumber(v) || typeof v === 'boolean' ? null : bad('expected a string, number or boolean');
    case 'string':
    case 'enum': {
      if (typeof v !== 'string' || v.trim() === '') return bad('expected a non-empty string');
      const allowed = type === 'enum' ? spec?.values : undefined;
      if (allowed && !allowed.some((a) => a.toLowerCase() === v.toLowerCase())) {
        return { code: 'enum_value', message: `"${v}" is not one of: ${allowed.join(', ')}` };
      }
      return null;
    }
  }
}

function checkValue(op: Operator, type: ValueType, spec: AttributeSpec | undefined, value: unknown, path: ErrorPath, ctx: ConditionContext): void {
  const arity = OPERATOR_ARITY[op];
  const push = (p: ErrorPath, problem: Omit<RuleSetError, 'path'> | null): void => {
    if (problem) ctx.errors.push({ path: p, ...problem });
  };
  if (arity === 'scalar') return push(path, scalarProblem(type, spec, value));
  const wanted = arity === 'pair' ? 'a [low, high] pair' : 'a non-empty list';
  if (!Array.isArray(value) || value.length === 0 || (arity === 'pair' && value.length !== 2)) {
    return push(path, { code: 'invalid_value', message: `${op} expects ${wanted}` });
  }
  const before = ctx.errors.length;
  value.forEach((v, i) => push([...path, i], scalarProblem(type, spec, v)));
  if (arity === 'pair' && ctx.errors.length === before) {
    const [lo, hi] = type === 'date' ? value.map((v) => toMs(v)) : value;
    if (typeof lo === typeof hi && (lo as number) > (hi as number)) push(path, { code: 'invalid_range', message: 'low is greater than high' });
  }
}

function compatible(attr: ValueType, from: ValueType, op: Operator): boolean {
  if (attr === 'any' || from === 'any') return true;
  if (OPERATOR_ARITY[op] === 'list') return from === 'list';
  if (attr === 'list') return textual(from);
  return textual(attr) ? textual(from) : attr === from;
}

function resolveIn(name: string, path: ErrorPath, ctx: ConditionContext) {
  const r = resolveAttribute(name, ctx.catalogs);
  if (!r.ok) {
    ctx.errors.push({ path, code: 'unknown_attribute', message: r.message });
    return undefined;
  }
  if (!ctx.namespaces.includes(r.ref.namespace)) {
    const where = r.ref.namespace === 'candidate' ? 'assignment' : 'territory_filter';
    ctx.errors.push({ path, code: 'attribute_not_available', message: `${r.ref.namespace}.* attributes are only available in ${where} rule sets` });
    return undefined;
  }
  return r.ref;
}

function checkLeaf(node: Record<string, unknown>, path: ErrorPath, ctx: ConditionContext): void {
  const ref = typeof node['attr'] === 'string' ? resolveIn(node['attr'], [...path, 'attr'], ctx) : undefined;
  const op = node['op'];
  if (!ref || typeof op !== 'string' || !(OPERATORS as readonly string[]).includes(op)) return;
  const operator = op as Operator;
  if (!OPERATORS_BY_TYPE[ref.type].includes(operator)) {
    ctx.errors.push({
      path: [...path, 'op'], code: 'operator_not_allowed',
      message: `${operator} does not apply to ${ref.type} attribute ${ref.name} (use ${OPERATORS_BY_TYPE[ref.type].join(', ')})`,
    });
    return;
  }
  const { value, valueFrom } = node;
  if (OPERATOR_ARITY[operator] === 'none') {
    if (value !== undefined || valueFrom !== undefined) ctx.errors.push({ path: [...path, value !== undefined ? 'value' : 'valueFrom'], code: 'unexpected_value', message: `${operator} takes no value` });
    return;
  }
  if (value !== undefined && valueFrom !== undefined) {
    ctx.errors.push({ path: [...path, 'valueFrom'], code: 'value_conflict', message: 'give either value or valueFrom, not both' });
  } else if (value === undefined && valueFrom === undefined) {
    ctx.errors.push({ path: [...path, 'value'], code: 'value_required', message: `${operator} needs a value (or valueFrom)` });
  } else if (value !== undefined) {
    checkValue(operator, ref.type, ref.spec, value, [...path, 'value'], ctx);
  } else if (typeof valueFrom === 'string') {
    if (OPERATOR_ARITY[operator] === 'pair') {
      ctx.errors.push({ path: [...path, 'valueFrom'], code: 'invalid_value_from', message: 'between takes a literal [low, high]' });
      return;
    }
    const from = resolveIn(valueFrom, [...path, 'valueFrom'], ctx);
    if (from && !compatible(ref.type, from.type, operator)) {
      ctx.errors.push({ path: [...path, 'valueFrom'], code: 'incompatible_types', message: `cannot compare ${ref.type} ${ref.name} ${operator} ${from.type} ${from.name}` });
    }
  }
}

export function checkCondition(node: unknown, path: ErrorPath, ctx: ConditionContext): void {
  if (!isRecord(node)) return;
  for (const key of ['all', 'any'] as const) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((child, i) => checkCondition(child, [...path, key, i], ctx));
  }
  if ('not' in node) checkCondition(node['not'], [...path, 'not'], ctx);
  if ('attr' in node) checkLeaf(node, path, ctx);
}
