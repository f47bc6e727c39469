// Lead selection criteria of a processing activity: conditions ANDed, with the attributes,
// operators and values of rule conditions (rules/engine), the seeds' operator names accepted as
// aliases (Lead Process Scheduling Operators), and `unassigned` (seeds: "process leads that are
// unassigned"). Pure: the SQL translation is db/processing-criteria.ts.
import { z } from 'zod';
import { conditionValueSchema, type LeafCondition } from '../engine/conditions.js';
import { OPERATORS, type Operator } from '../engine/operators.js';

/** The seeds' operator names and short forms, mapped to the engine's operators. */
export const OPERATOR_ALIASES: Readonly<Record<string, Operator>> = {
  'Equal to': 'eq', equal: 'eq', equals: 'eq',
  'Greater than': 'gt', greater: 'gt',
  'Greater than or equal to': 'gte', greater_or_equal: 'gte',
  'Less than': 'lt', less: 'lt',
  'Less than or equal to': 'lte', less_or_equal: 'lte',
};

/**
 * `unassigned` = true: leads nobody owns yet (assignment status Unassigned, Queued or Hopper, or
 * no owner); false: the others. Only `eq` applies.
 */
export const UNASSIGNED_ATTR = 'unassigned';
export const UNASSIGNED_STATUSES = ['Unassigned', 'Queued', 'Hopper'] as const;

const operator = z
  .string()
  .min(1)
  .max(40)
  .transform((op, ctx) => {
    const canonical = (OPERATORS as readonly string[]).includes(op) ? (op as Operator) : OPERATOR_ALIASES[op];
    if (!canonical) {
      ctx.addIssue({ code: 'custom', message: `unknown operator '${op}' (one of ${OPERATORS.join(', ')}, or ${Object.keys(OPERATOR_ALIASES).map((a) => `'${a}'`).join(', ')})` });
      return z.NEVER;
    }
    return canonical;
  })
  .describe('an operator (eq, gt, gte, lt, lte, in, between, ...) or a seed name such as "Greater than or equal to"');

export const criterionSchema = z.strictObject({
  attr: z.string().min(1).max(200).describe('a lead attribute (status, rank, score, leadAgeDays, assignmentStatus, ownerId, custom.<key>...) or "unassigned"'),
  op: operator,
  value: conditionValueSchema.optional(),
});
export type Criterion = Omit<LeafCondition, 'valueFrom'>;

export const criteriaSchema = z.array(criterionSchema).max(50).default([]).describe('ANDed; empty: every lead');

export const isUnassignedCriterion = (c: { attr: string }): boolean => c.attr === UNASSIGNED_ATTR;
