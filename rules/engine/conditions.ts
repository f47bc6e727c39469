// The condition tree: leaves compare one attribute with a literal `value` or with another attribute
// (`valueFrom`); `all` / `any` / `not` nest. JSON-storable; the zod schema checks the shape and the
// validator checks attributes, operators and values against the catalogs.
import { z } from 'zod';
import { OPERATORS, type Operator } from './operators.js';

export type Scalar = string | number | boolean;
export type ConditionValue = Scalar | readonly Scalar[];

export interface LeafCondition {
  /** `purchaseAmount`, `custom.<key>`, `candidate.<key>`, `territory.<key>`. */
  attr: string;
  op: Operator;
  value?: ConditionValue;
  /** Compare with another attribute instead of a literal, e.g. `candidate.languages`. */
  valueFrom?: string;
}
export interface AllCondition { all: readonly Condition[] }
export interface AnyCondition { any: readonly Condition[] }
export interface NotCondition { not: Condition }
export type Condition = LeafCondition | AllCondition | AnyCondition | NotCondition;

const scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);
export const conditionValueSchema = z.union([scalar, z.array(scalar).max(1000)]);

export const leafConditionSchema = z.strictObject({
  attr: z.string().min(1).max(200),
  op: z.enum(OPERATORS),
  value: conditionValueSchema.optional(),
  valueFrom: z.string().min(1).max(200).optional(),
});

/** Order matters: the validator picks the branch to report from by the keys present (attr, all, any, not). */
export const conditionSchema: z.ZodType<Condition, Condition> = z.lazy(() =>
  z.union([
    leafConditionSchema,
    z.strictObject({ all: z.array(conditionSchema).min(1).max(200) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(200) }),
    z.strictObject({ not: conditionSchema }),
  ]),
);
export const CONDITION_BRANCH_KEYS = ['attr', 'all', 'any', 'not'] as const;

export function isLeaf(c: Condition): c is LeafCondition {
  return 'attr' in c;
}
