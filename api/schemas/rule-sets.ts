// Rule-set request/response schemas. A request body is a definition without `id` and `version`
// (the server assigns both); the shape is checked here (400), the semantics by validateRuleSet (422).
import { z } from 'zod';
import { RULE_SET_TYPES, ruleSetSchema } from '../../rules/index.js';
import { PIPELINE_STAGES } from '../../db/rule-set-store.js';
import { isoDateTime } from './common.js';

const server = { id: true, version: true } as const;
const [qualification, rating, scoring, ranking, channel, assignment, territoryFilter] = ruleSetSchema.options;

/** A rule-set definition as sent by callers: every type's schema without `id` / `version`. */
export const ruleSetBodySchema = z.discriminatedUnion('type', [
  qualification.omit(server), rating.omit(server), scoring.omit(server), ranking.omit(server),
  channel.omit(server), assignment.omit(server), territoryFilter.omit(server),
]);
export type RuleSetBody = z.output<typeof ruleSetBodySchema>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const positiveInt = z.coerce.number().int().min(1);

export const ruleSetIdParam = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }) });
export const ruleSetVersionParams = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }), version: positiveInt.max(1_000_000) });

export const listRuleSetsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(1000).optional().describe('nextCursor of the previous page'),
  type: z.enum(RULE_SET_TYPES).optional(),
  active: flag.optional().describe('only sets with (true) or without (false) an active version'),
  archived: flag.default(false).describe('archived sets instead of current ones'),
  sort: z.enum(['name', 'updatedAt']).default('name').describe('name: A-Z; updatedAt: most recently changed first'),
});

export const updateRuleSetQuery = z.strictObject({
  expectedVersion: positiveInt.optional().describe('the latest version the change is based on (like If-Match); 409 when stale'),
});

export const activateBody = z.strictObject({ version: z.int().min(1).optional().describe('defaults to the latest version') });

const definitionSchema = z.record(z.string(), z.unknown()).describe('the definition as validated (defaults applied), with id and version');

export const activeInfoSchema = z.object({
  stage: z.enum(PIPELINE_STAGES),
  version: z.number().int(),
  activatedAt: isoDateTime,
  activatedBy: z.string(),
});

export const ruleSetSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(RULE_SET_TYPES),
  description: z.string().nullable(),
  latestVersion: z.number().int(),
  /** The stage this set can be activated for (null: assignment and territory filters, referenced by routing). */
  stage: z.enum(PIPELINE_STAGES).nullable(),
  active: activeInfoSchema.nullable(),
  archived: z.boolean(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  archivedAt: isoDateTime.nullable(),
});

export const ruleSetVersionSchema = z.object({
  ruleSetId: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: isoDateTime,
  definition: definitionSchema,
});

export const ruleSetDetailSchema = ruleSetSummarySchema.extend({
  version: z.number().int().describe('the latest version (shown)'),
  definition: definitionSchema,
});

export const ruleSetWriteResponseSchema = ruleSetDetailSchema.extend({
  /** false: the definition equals the latest version's; no new version was created. */
  changed: z.boolean(),
});

export const ruleSetPageSchema = z.object({ items: z.array(ruleSetSummarySchema), nextCursor: z.string().nullable() });
export const ruleSetVersionListSchema = z.object({
  ruleSetId: z.uuid(),
  items: z.array(ruleSetVersionSchema.omit({ definition: true })),
});

export const activeEntrySchema = z.object({
  stage: z.enum(PIPELINE_STAGES),
  ruleSetId: z.uuid(),
  type: z.enum(RULE_SET_TYPES),
  name: z.string(),
  version: z.number().int(),
  activatedAt: isoDateTime,
  activatedBy: z.string(),
  definition: definitionSchema,
});
export const activeSetsSchema = z.object({
  scoring: activeEntrySchema.nullable(),
  qualification: activeEntrySchema.nullable(),
  rating: activeEntrySchema.nullable().describe('a rating or a ranking set (they share the stage)'),
  channel: activeEntrySchema.nullable(),
});

export const activationResponseSchema = z.object({
  stage: z.enum(PIPELINE_STAGES),
  ruleSetId: z.uuid(),
  version: z.number().int(),
  activatedAt: isoDateTime,
  activatedBy: z.string(),
  /** The version that was active for the stage before (null: none, or the same). */
  replaced: z.object({ ruleSetId: z.uuid(), version: z.number().int() }).nullable(),
});
