// Lead request/response schemas (built from the attribute model in rules/lead-attributes.ts).
import { z } from 'zod';
import { leadAttributesSchema, leadCaptureSchema } from '../../rules/lead-attributes.js';
import { ACCEPTANCE_STATUSES, ASSIGNMENT_STATUSES, LEAD_SOURCES, LEAD_STATUSES } from '../../rules/lookups.js';
import { isoDateTime } from './common.js';

export const captureLeadBody = leadCaptureSchema;

const attributeColumns = Object.fromEntries(
  Object.entries(leadAttributesSchema.shape).map(([key, schema]) => [key, (schema as z.ZodOptional<z.ZodType>).unwrap().nullable()]),
) as Record<string, z.ZodType>;

export const liveStateSchema = z.object({
  leadId: z.uuid(),
  captured: z.boolean(),
  status: z.enum(LEAD_STATUSES),
  assignmentStatus: z.enum(ASSIGNMENT_STATUSES),
  ownerId: z.string().nullable(),
  rank: z.string().nullable(),
  score: z.number().nullable(),
  lastActivityAt: z.string(),
  eventCount: z.number().int(),
}).passthrough();

export const leadSchema = z.object({
  id: z.uuid(),
  workflowId: z.string(),
  source: z.enum(LEAD_SOURCES),
  origSystemReference: z.string().nullable(),
  ...attributeColumns,
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  status: z.enum(LEAD_STATUSES),
  qualified: z.boolean(),
  score: z.number().int().nullable(),
  rank: z.string().nullable(),
  /** Which version of each rule set produced the derived values. */
  ruleVersions: z.record(z.string(), z.object({ ruleSetId: z.string(), version: z.number().int() })).nullable(),
  assignmentStatus: z.enum(ASSIGNMENT_STATUSES),
  acceptance: z.enum(ACCEPTANCE_STATUSES).nullable(),
  ownerId: z.uuid().nullable(),
  offeredToId: z.uuid().nullable(),
  offerDeadline: isoDateTime.nullable(),
  attempts: z.number().int(),
  retireReason: z.string().nullable(),
  duplicateOfId: z.uuid().nullable(),
  /** The customer account and contact capture matched or created (DQM). */
  accountId: z.uuid().nullable(),
  contactId: z.uuid().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lastActivityAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
});

export const leadWithLiveSchema = leadSchema.extend({
  /** The workflow's live state (query); null when the workflow could not be asked. */
  live: liveStateSchema.nullable(),
});

export const captureResponseSchema = leadWithLiveSchema.extend({
  created: z.boolean().describe('True only for the request that created a new, open lead'),
  outcome: z.enum(['created', 'existing', 'duplicate']).describe(
    'created (201): a new lead, routed by its workflow; existing (200): this source + Original System Reference was captured before — the same lead; '
      + 'duplicate (200): the same person as an open lead (see the duplicate rule in /settings/lifecycle) — stored, retired as "Duplicate lead" and linked: duplicateOfId names the open lead, which counts this as activity',
  ),
});
