// Operator names, what comparison value each takes, and which attribute types each applies to.
import type { AttributeType } from '../lead-attributes.js';

export const OPERATORS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'contains', 'starts_with', 'is_empty', 'is_not_empty',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** `any` is an untyped attribute (custom or candidate/territory attribute without a catalog): typed at run time. */
export type ValueType = AttributeType | 'any';

/** none: no value; scalar: one value; pair: [low, high]; list: a non-empty array. */
export type Arity = 'none' | 'scalar' | 'pair' | 'list';

export const OPERATOR_ARITY: Readonly<Record<Operator, Arity>> = {
  eq: 'scalar', neq: 'scalar', gt: 'scalar', gte: 'scalar', lt: 'scalar', lte: 'scalar',
  between: 'pair', in: 'list', not_in: 'list', contains: 'scalar', starts_with: 'scalar',
  is_empty: 'none', is_not_empty: 'none',
};

const EMPTINESS = ['is_empty', 'is_not_empty'] as const;
const ORDERED = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'] as const;

export const OPERATORS_BY_TYPE: Readonly<Record<ValueType, readonly Operator[]>> = {
  number: [...ORDERED, 'in', 'not_in', ...EMPTINESS],
  date: [...ORDERED, ...EMPTINESS],
  string: ['eq', 'neq', 'in', 'not_in', 'contains', 'starts_with', ...EMPTINESS],
  enum: ['eq', 'neq', 'in', 'not_in', ...EMPTINESS],
  boolean: ['eq', 'neq', ...EMPTINESS],
  list: ['contains', 'in', 'not_in', ...EMPTINESS],
  any: OPERATORS,
};

export function operatorApplies(type: ValueType, op: Operator): boolean {
  return OPERATORS_BY_TYPE[type].includes(op);
}
