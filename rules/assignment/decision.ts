// The decision record: what was tried, who was considered and excluded (with reasons), how the
// winner was chosen, and the state changes the caller must persist atomically. JSON-storable; the
// same shape backs GET /leads/:id/routing and POST /assignment/simulate.
import { z } from 'zod';
import { EXCLUSION_CODES } from './exclusion-codes.js';
import { idSchema, instantSchema } from './model/common.js';
import { rampLoadSchema } from './model/rep.js';
import { STRATEGIES } from './routing-config.js';

export const ruleOutcomeSchema = z.object({
  ruleSetId: idSchema,
  matched: z.boolean(),
  explanation: z.string(),
  trace: z.unknown().optional(),
});
export type RuleOutcome = z.infer<typeof ruleOutcomeSchema>;

export const exclusionSchema = z.object({
  repId: idSchema,
  code: z.enum(EXCLUSION_CODES),
  text: z.string().min(1),
  /** Structured detail: rule outcome, capacity numbers, next availability... */
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type Exclusion = z.infer<typeof exclusionSchema>;

export const tierSchema = z.object({ label: z.string(), repIds: z.array(idSchema) });
export type Tier = z.infer<typeof tierSchema>;

export const nonMatchSchema = z.object({ id: idSchema, kind: z.enum(['rep', 'territory', 'account']), reason: z.string() });
export type NonMatch = z.infer<typeof nonMatchSchema>;

export const territoryTraceSchema = z.object({
  id: idSchema,
  name: z.string(),
  type: z.string(),
  matched: z.boolean(),
  reason: z.string(),
  rule: ruleOutcomeSchema.optional(),
});
export type TerritoryTrace = z.infer<typeof territoryTraceSchema>;

export const matchingTraceSchema = z.object({
  kind: z.string(),
  explanation: z.string(),
  tiers: z.array(tierSchema),
  nonMatches: z.array(nonMatchSchema).default([]),
  territories: z.array(territoryTraceSchema).optional(),
});
export type MatchingTrace = z.output<typeof matchingTraceSchema>;

export const bucketSchema = z.object({ bucket: z.number().int().min(0).max(5), label: z.string(), repIds: z.array(idSchema) });
export type BucketTrace = z.infer<typeof bucketSchema>;

export const rankingEntrySchema = z.object({
  repId: idSchema,
  position: z.number().int().min(1),
  /** The values the strategy sorted on, in order (e.g. freeCapacity, lastAssignedAt). */
  keys: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
});
export type RankingEntry = z.infer<typeof rankingEntrySchema>;

export const distributionTraceSchema = z.object({
  configured: z.enum(STRATEGIES),
  used: z.enum(STRATEGIES),
  reason: z.string(),
  poolId: idSchema.optional(),
  tier: z.string(),
  ranking: z.array(rankingEntrySchema),
});
export type DistributionTrace = z.infer<typeof distributionTraceSchema>;

export const STEP_STATUSES = ['skipped', 'no_candidates', 'all_excluded', 'assigned', 'queued'] as const;
export const stepTraceSchema = z.object({
  stepId: idSchema,
  name: z.string().optional(),
  status: z.enum(STEP_STATUSES),
  gate: ruleOutcomeSchema.optional(),
  matching: matchingTraceSchema.optional(),
  considered: z.array(idSchema).default([]),
  exclusions: z.array(exclusionSchema).default([]),
  buckets: z.array(bucketSchema).optional(),
  distribution: distributionTraceSchema.optional(),
  winnerRepId: idSchema.optional(),
  explanation: z.string(),
});
export type StepTrace = z.output<typeof stepTraceSchema>;

const change = <T extends z.ZodType>(t: T) => z.object({ from: t, to: t });

export const stateChangeSchema = z.discriminatedUnion('kind', [
  /** Winner of a decision: open count +1, back of the round-robin line, ramp load (after leave) worked off a little. */
  z.object({
    kind: z.literal('rep_assigned'),
    repId: idSchema,
    openLeadCount: change(z.number().int()),
    lastAssignedAt: change(instantSchema.nullable()),
    lastAssignedSeq: change(z.number().int()),
    rampLoad: change(rampLoadSchema.nullable()),
  }),
  /** Weighted pool advanced: virtual time and the winner's finish tag. */
  z.object({ kind: z.literal('pool_advanced'), poolId: idSchema, repId: idSchema, virtualTime: change(z.number().int()), finishTag: change(z.number().int()) }),
  /** A lead left a rep (rejected, reassigned, closed): open count -1. */
  z.object({ kind: z.literal('rep_released'), repId: idSchema, openLeadCount: change(z.number().int()) }),
  /** Back from leave: a ramp load puts the rep at the pool's load level. */
  z.object({ kind: z.literal('rep_rejoined'), repId: idSchema, returnedFromLeaveAt: instantSchema, rampLoad: change(rampLoadSchema.nullable()) }),
  /** Back from leave: weighted finish tag raised to the pool's virtual time. */
  z.object({ kind: z.literal('pool_member_leveled'), poolId: idSchema, repId: idSchema, finishTag: change(z.number().int()) }),
]);
export type StateChange = z.infer<typeof stateChangeSchema>;

export const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assigned'), repId: idSchema, stepId: idSchema }),
  /** Matched candidates exist but none can take it now: wait for this step's pool (re-decide on capacity change or at retryAt). */
  z.object({ kind: z.literal('queued'), stepId: idSchema, reason: z.enum(['at_capacity', 'unavailable']), candidateRepIds: z.array(idSchema), retryAt: instantSchema.nullable() }),
  /** No step produced a candidate: hopper (claimable) or the default queue. */
  z.object({ kind: z.literal('hopper'), reason: z.string() }),
  z.object({ kind: z.literal('default_queue'), teamId: idSchema, reason: z.string() }),
]);
export type Outcome = z.infer<typeof outcomeSchema>;

export const leadTeamMemberSchema = z.object({
  repId: idSchema,
  access: z.literal('Full'),
  via: z.enum(['territory_owner', 'territory_member', 'ancestor_territory_owner']),
  territoryId: idSchema,
});

export const decisionSchema = z.object({
  leadId: idSchema,
  routingId: idSchema,
  routingVersion: z.number().int(),
  decidedAt: instantSchema,
  seed: z.string(),
  outcome: outcomeSchema,
  steps: z.array(stepTraceSchema),
  /** Territories matched for the lead's territory team, with who gets Full access through them. */
  leadTeam: z.object({ territoryIds: z.array(idSchema), members: z.array(leadTeamMemberSchema) }),
  stateChanges: z.array(stateChangeSchema),
  /** Rows the decision read: lock them (pools, then reps, each in id order) and re-decide on fresh state. */
  lockSet: z.object({ repIds: z.array(idSchema), poolIds: z.array(idSchema) }),
  summary: z.string(),
});
export type Decision = z.output<typeof decisionSchema>;
export type LeadTeam = Decision['leadTeam'];
