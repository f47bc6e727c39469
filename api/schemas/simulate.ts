// Simulation request/response schemas: leads inline (attributes plus optional derived values,
// and candidate / territory attributes for assignment and territory-filter sets) or stored leads
// chosen by a filter (conditions ANDed, bounded).
import { z } from 'zod';
import { PIPELINE_STAGES } from '../../db/rule-set-store.js';
import { leafConditionSchema, leadAttributesSchema } from '../../rules/index.js';
import { ASSIGNMENT_STATUSES, LEAD_SOURCES, LEAD_STATUSES } from '../../rules/lookups.js';
import { isoDateTime } from './common.js';
import { ruleSetBodySchema } from './rule-sets.js';

export const MAX_SIMULATED_LEADS = 1000;

const attributes = z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/), z.unknown());

export const simulatedLeadSchema = leadAttributesSchema.extend({
  ref: z.string().min(1).max(200).optional().describe('your label for this lead, echoed in its result'),
  source: z.enum(LEAD_SOURCES).optional(),
  origSystemReference: z.string().max(200).optional(),
  // Derived values, as if stored (a stage without a set passes them through).
  status: z.enum(LEAD_STATUSES).optional(),
  qualified: z.boolean().optional(),
  score: z.number().optional(),
  rank: z.string().min(1).max(50).optional(),
  createdAt: isoDateTime.optional().describe('capture time (leadAgeDays is computed from it and now)'),
  leadAgeDays: z.int().min(0).optional(),
  assignmentStatus: z.enum(ASSIGNMENT_STATUSES).optional(),
  ownerId: z.string().max(100).optional(),
  candidate: attributes.optional().describe('candidate.* attributes (assignment sets)'),
  territory: attributes.optional().describe('territory.* attributes (territory-filter sets)'),
});

export const leadFilterSchema = z.strictObject({
  conditions: z.array(leafConditionSchema.omit({ valueFrom: true })).max(50).default([]).describe('ANDed; empty: every lead'),
  limit: z.int().min(1).max(MAX_SIMULATED_LEADS).default(100).describe('newest leads first'),
});

const subjects = {
  leads: z.array(simulatedLeadSchema).min(1).max(MAX_SIMULATED_LEADS).optional(),
  filter: leadFilterSchema.optional(),
  now: isoDateTime.optional().describe('evaluation time (default: now)'),
};

function oneSource(body: { leads?: unknown; filter?: unknown }, ctx: z.RefinementCtx): void {
  if ((body.leads === undefined) === (body.filter === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['leads'], message: 'give either leads (inline) or filter (stored leads), not both or neither' });
  }
}

export const simulateStoredBody = z.strictObject({
  version: z.int().min(1).optional().describe('defaults to the latest version'),
  ...subjects,
}).superRefine(oneSource);

export const simulateDraftBody = z.strictObject({ definition: ruleSetBodySchema, ...subjects }).superRefine(oneSource);

const stageRef = z.strictObject({ ruleSetId: z.uuid(), version: z.int().min(1).optional().describe('defaults to the latest') });
export const simulatePipelineBody = z.strictObject({
  ruleSets: z.strictObject(Object.fromEntries(PIPELINE_STAGES.map((s) => [s, stageRef.nullable().optional()])) as Record<(typeof PIPELINE_STAGES)[number], z.ZodOptional<z.ZodNullable<typeof stageRef>>>)
    .optional()
    .describe('per stage: another set/version than the active one, or null to leave the stage out'),
  ...subjects,
}).superRefine(oneSource);

const who = {
  index: z.number().int(),
  ref: z.string().optional(),
  leadId: z.uuid().optional(),
};
const traceSchema = z.record(z.string(), z.unknown());

export const ruleSetSimulationSchema = z.object({
  ruleSet: z.object({ id: z.string(), version: z.number().int(), type: z.string(), name: z.string() }),
  now: isoDateTime,
  source: z.enum(['inline', 'filter']),
  results: z.array(z.object({
    ...who,
    outcome: z.string(),
    result: z.record(z.string(), z.unknown()),
    explanation: z.array(z.string()),
    trace: traceSchema.nullable(),
  })),
  summary: z.object({
    total: z.number().int(),
    processed: z.number().int(),
    outcomes: z.record(z.string(), z.number().int()),
    score: z.object({ min: z.number(), max: z.number(), mean: z.number() }).nullable().optional(),
  }),
});

export const pipelineSimulationSchema = z.object({
  ruleSets: z.record(z.string(), z.object({ ruleSetId: z.uuid(), version: z.number().int(), type: z.string() })),
  now: isoDateTime,
  source: z.enum(['inline', 'filter']),
  results: z.array(z.object({
    ...who,
    status: z.enum(['Qualified', 'Unqualified']),
    qualified: z.boolean(),
    rank: z.string().nullable(),
    score: z.number().nullable(),
    salesChannel: z.string().nullable(),
    ruleSetVersions: z.record(z.string(), z.unknown()),
    matchedRules: z.record(z.string(), z.array(z.string())),
    explanation: z.array(z.string()),
    traces: z.array(traceSchema),
  })),
  summary: z.object({
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    byRank: z.record(z.string(), z.number().int()),
    bySalesChannel: z.record(z.string(), z.number().int()),
  }),
});
