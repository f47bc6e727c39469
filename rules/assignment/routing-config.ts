// A routing configuration: ordered steps (match -> filter -> distribute) and a fallback, so every
// lead ends up assigned, queued for a pool, or in the hopper/default queue. JSON-storable.
import { z } from 'zod';
import { LEAD_ATTRIBUTE_CATALOG } from '../lead-attributes.js';
import { idSchema } from './model/common.js';
import { TERRITORY_DIMENSIONS } from './model/territory.js';

const leadAttributeName = z
  .string()
  .refine((n) => n in LEAD_ATTRIBUTE_CATALOG || n === 'accountId' || /^custom\.[A-Za-z][A-Za-z0-9_]{0,62}$/.test(n), {
    message: 'not a lead attribute (catalog name, accountId or custom.<key>)',
  });
const ruleRef = z.object({ ruleSetId: idSchema });
export type RuleRef = z.infer<typeof ruleRef>;

/** Where rep candidates come from: members of these teams plus these reps; both empty = every rep. */
export const repPoolSchema = z.object({ teamIds: z.array(idSchema).default([]), repIds: z.array(idSchema).default([]) });

export const territoryMappingSchema = z.discriminatedUnion('kind', [
  /** Lead attribute(s) against a territory dimension (geography: country/region/postal ranges). */
  z.object({ kind: z.literal('dimension'), dimension: z.enum(TERRITORY_DIMENSIONS), leadAttribute: leadAttributeName.optional() }),
  /** Lead attribute equals a territory attribute (e.g. lead partnerId = territory partnerId). */
  z.object({ kind: z.literal('attribute'), leadAttribute: leadAttributeName, territoryAttribute: z.string().min(1) }),
  /** Territory attribute equals a fixed value (e.g. type = Partner). */
  z.object({ kind: z.literal('literal'), territoryAttribute: z.string().min(1), equals: z.union([z.string(), z.number(), z.boolean()]) }),
]);
export type TerritoryMapping = z.infer<typeof territoryMappingSchema>;

export const REP_CRITERIA = ['language', 'product', 'geography', 'customerType', 'customerSize'] as const;
export type RepCriterion = (typeof REP_CRITERIA)[number];

export const matchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('specific_user'), repId: idSchema }),
  z.object({ kind: z.literal('team'), teamId: idSchema }),
  z.object({ kind: z.literal('previous_owner'), maxOwners: z.number().int().min(1).max(20).default(1) }),
  z.object({
    kind: z.literal('account'),
    includeAccountTeam: z.boolean().default(true),
    /** Walk up the account hierarchy (owner, then team, of each ancestor). */
    parentDepth: z.number().int().min(0).max(10).default(3),
  }),
  z.object({
    kind: z.literal('territory'),
    mappings: z.array(territoryMappingSchema).min(1),
    /** Territory-based assignment with rule-based filtering: keep territories this rule set accepts. */
    ruleFilter: ruleRef.optional(),
    candidates: z.enum(['owner', 'members', 'owner_and_members']).default('owner_and_members'),
    /** Drop a matched territory when one of its descendants also matched. */
    mostSpecificOnly: z.boolean().default(true),
    /** Add owners of ancestor territories as later tiers (parent first). */
    ancestorOwners: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('rep_attributes'), from: repPoolSchema.default({ teamIds: [], repIds: [] }), require: z.array(z.enum(REP_CRITERIA)).default([]), skills: z.array(z.string().min(1)).default([]) }),
  /** Rule-based assignment: reps of the pool that the rule set accepts (facts: lead + candidate). */
  z.object({ kind: z.literal('rule'), ruleSetId: idSchema, from: repPoolSchema.default({ teamIds: [], repIds: [] }) }),
]);
export type MatchSpec = z.output<typeof matchSchema>;
export type MatchKind = MatchSpec['kind'];

export const STRATEGIES = ['round_robin', 'weighted_round_robin', 'load_balancing', 'performance', 'random'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const distributionSchema = z.object({
  strategy: z.enum(STRATEGIES).default('round_robin'),
  /** Pool whose weighted state this step uses; defaults to `<routing id>/<step id>`. */
  poolId: idSchema.optional(),
  /** weighted_round_robin: weight from rep.weight or rep.performanceScore. */
  weightSource: z.enum(['weight', 'performance']).default('weight'),
  /** random: proportional to rep.weight instead of uniform. */
  weighted: z.boolean().default(false),
});
export type Distribution = z.output<typeof distributionSchema>;

export const availabilitySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('ignore') }),
  /** Working now (weekly hours in their time zone) and not out of office. */
  z.object({ mode: z.literal('now') }),
  /** Available within N hours, ranked in 24-hour buckets 0D..5D (Dynamics 365 semantics). */
  z.object({ mode: z.literal('within_hours'), hours: z.number().int().min(1).max(120) }),
]);
export type AvailabilityFilter = z.infer<typeof availabilitySchema>;

export const filtersSchema = z.object({
  availability: availabilitySchema.default({ mode: 'ignore' }),
  /** Skip reps whose free capacity is not above zero. */
  capacity: z.boolean().default(true),
});
export type Filters = z.output<typeof filtersSchema>;

export const routingStepSchema = z.object({
  id: idSchema,
  name: z.string().max(200).optional(),
  /** Step applies only when this rule set accepts the lead (routing by value, score, customer type...). */
  when: ruleRef.optional(),
  match: matchSchema,
  /** Per-candidate rule filter (facts: lead + candidate); failures are exclusions. */
  candidateRule: ruleRef.optional(),
  filters: filtersSchema.default({ availability: { mode: 'ignore' }, capacity: true }),
  distribution: distributionSchema.default({ strategy: 'round_robin', weightSource: 'weight', weighted: false }),
  /** Candidates matched but all temporarily unavailable (capacity, hours, time off): wait for them, or try the next step. */
  whenUnavailable: z.enum(['queue', 'continue']).default('queue'),
});
export type RoutingStep = z.output<typeof routingStepSchema>;

export const fallbackSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hopper') }),
  z.object({ kind: z.literal('queue'), teamId: idSchema }),
]);
export type Fallback = z.infer<typeof fallbackSchema>;

export const routingConfigSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(200),
    /** Assigned when stored (1, 2, ...); 0 is the built-in default (no configuration yet). */
    version: z.number().int().min(0).default(1),
    steps: z.array(routingStepSchema),
    fallback: fallbackSchema.default({ kind: 'hopper' }),
  })
  .refine((r) => new Set(r.steps.map((s) => s.id)).size === r.steps.length, { message: 'step ids must be unique' });
export type RoutingConfig = z.output<typeof routingConfigSchema>;
export type RoutingConfigInput = z.input<typeof routingConfigSchema>;

export const poolIdOf = (routing: Pick<RoutingConfig, 'id'>, step: RoutingStep): string =>
  step.distribution.poolId ?? `${routing.id}/${step.id}`;
