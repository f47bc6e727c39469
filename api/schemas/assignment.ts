// Request/response schemas of the assignment manager (reps, teams, territories, accounts, routing
// configuration, availability, simulation, routing decisions, offboarding), built from the pure
// model's schemas in rules/assignment so that validation, types and OpenAPI agree.
import { z } from 'zod';
import {
  accountSchema, decisionSchema, outOfOfficeSchema, rampLoadSchema, repSchema, routingConfigSchema, teamSchema, territorySchema,
} from '../../rules/assignment/index.js';
import { leadCaptureSchema } from '../../rules/lead-attributes.js';
import { ACCESS_LEVELS } from '../../rules/lookups.js';
import { isoDateTime } from './common.js';

const uuid = z.uuid({ message: 'must be a UUID' });
const page = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };
export const pageQuery = z.strictObject(page);

// ---- reps
const repStatic = repSchema.pick({
  name: true, email: true, active: true, managerId: true, skills: true, products: true, languages: true, geography: true,
  customerFocus: true, capacity: true, weight: true, performanceScore: true, workingHours: true, outOfOffice: true,
}).shape;
export const repBody = z.strictObject({ id: uuid.optional(), ...repStatic, managerId: uuid.nullable().default(null), teamIds: z.array(uuid).default([]) });
/** Every field optional and without defaults: only what is sent changes. */
export const repPatchBody = z.strictObject({
  name: repStatic.name.optional(), email: repStatic.email.optional(), active: repStatic.active.unwrap().optional(),
  managerId: uuid.nullable().optional(), skills: repStatic.skills.unwrap().optional(), products: repStatic.products.unwrap().optional(),
  languages: repStatic.languages.unwrap().optional(), geography: repStatic.geography.unwrap().optional(),
  customerFocus: repStatic.customerFocus.unwrap().optional(), capacity: repStatic.capacity.unwrap().optional(), weight: repStatic.weight.unwrap().optional(),
  performanceScore: repStatic.performanceScore.unwrap().optional(), workingHours: repStatic.workingHours.unwrap().optional(),
  outOfOffice: repStatic.outOfOffice.unwrap().optional(), teamIds: z.array(uuid).optional(),
});
export const repResponse = z.object({
  ...repSchema.shape,
  available: z.boolean(),
  availableChangedAt: isoDateTime.nullable(),
  rampLoad: rampLoadSchema.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const repListQuery = z.strictObject({ ...page, teamId: uuid.optional(), active: z.enum(['true', 'false']).optional() });

export const availabilityBody = z
  .strictObject({
    /** The rep's own toggle: false = away (no new leads); true = back (rejoins without a flood of catch-up leads). */
    available: z.boolean().optional(),
    /** Adds a planned out-of-office period. */
    outOfOffice: outOfOfficeSchema.optional(),
    /** Ends the out-of-office period covering now (back early) and rejoins. */
    endOutOfOffice: z.literal(true).optional(),
  })
  .refine((b) => b.available !== undefined || b.outOfOffice !== undefined || b.endOutOfOffice !== undefined, { message: 'send available, outOfOffice or endOutOfOffice' })
  .refine((b) => !b.outOfOffice || Date.parse(b.outOfOffice.end) > Date.parse(b.outOfOffice.start), { message: 'end must be after start', path: ['outOfOffice', 'end'] });
export const availabilityResponse = z.object({ rep: repResponse, rejoined: z.boolean(), stateChanges: z.array(z.unknown()), signalledLeadIds: z.array(z.uuid()) });

// ---- teams, territories, accounts
export const teamBody = z.strictObject({
  id: uuid.optional(), name: teamSchema.shape.name, kind: teamSchema.shape.kind, memberRepIds: z.array(uuid).default([]),
  managerRepId: uuid.nullable().default(null), parentTeamId: uuid.nullable().default(null),
});
export const teamResponse = z.object({ ...teamSchema.shape, createdAt: isoDateTime, updatedAt: isoDateTime });

export const territoryBody = z.strictObject({
  id: uuid.optional(), name: territorySchema.shape.name, type: territorySchema.shape.type, status: territorySchema.shape.status,
  parentId: uuid.nullable().default(null), ownerRepId: uuid.nullable().default(null), memberRepIds: z.array(uuid).default([]),
  dimensions: territorySchema.shape.dimensions, attributes: territorySchema.shape.attributes,
});
export const territoryListQuery = z.strictObject({ ...page, parentId: uuid.optional(), status: territorySchema.shape.status.unwrap().optional() });
export const territoryResponse = z.object({ ...territorySchema.shape, createdAt: isoDateTime, updatedAt: isoDateTime });

export const accountBody = z.strictObject({
  id: uuid.optional(), name: accountSchema.shape.name,
  emailDomain: z.string().trim().toLowerCase().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'a domain like example.com').nullable().default(null),
  ownerRepId: uuid.nullable().default(null), teamRepIds: z.array(uuid).default([]), parentAccountId: uuid.nullable().default(null),
});
export const accountListQuery = z.strictObject({ ...page, q: z.string().min(1).max(200).optional() });
export const accountResponse = z.object({ ...accountSchema.shape, normalizedName: z.string(), emailDomain: z.string().nullable(), createdAt: isoDateTime, updatedAt: isoDateTime });

// ---- routing configuration
export const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  /** HMAC-SHA256 key; deliveries carry `X-Leadflow-Signature: t=<unix>,v1=<hex hmac of "<t>.<body>">`. */
  secret: z.string().min(16).max(200),
});
export const routingConfigBody = z.strictObject({
  config: routingConfigSchema,
  webhook: webhookSchema.nullable().default(null),
  note: z.string().max(500).optional(),
  /** Optimistic concurrency: the version you edited (409 when another version became active meanwhile). */
  expectedVersion: z.number().int().min(0).max(2_147_483_647).optional(),
});
export const routingConfigResponse = z.object({
  version: z.number().int(),
  isDefault: z.boolean(),
  config: routingConfigSchema,
  webhook: z.object({ url: z.string(), hasSecret: z.boolean() }).nullable(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: isoDateTime.nullable(),
});
export const routingHistoryResponse = z.object({
  versions: z.array(z.object({ version: z.number().int(), configId: z.string(), name: z.string(), steps: z.number().int(), active: z.boolean(), note: z.string().nullable(), createdBy: z.string(), createdAt: isoDateTime })),
});
export const versionParam = z.strictObject({ version: z.coerce.number().int().min(1) });

// ---- simulation and decisions
const simulatedLead = z.strictObject({
  id: uuid.optional(),
  attributes: leadCaptureSchema.partial({ source: true }).extend({
    score: z.number().optional().describe('Derived value; omitted: computed by the active pipeline, as at capture'),
    rank: z.string().optional().describe('Derived value; omitted: computed by the active pipeline, as at capture'),
    qualified: z.boolean().optional().describe('Derived value; omitted: computed by the active pipeline, as at capture'),
    status: z.enum(['Unqualified', 'Qualified']).optional().describe('Lead status rules see; omitted: from `qualified`'),
  }).describe('The lead as POST /leads captures it (source included), optionally with derived values. Routing rules see exactly what they see for a captured lead: the attributes, the derived values (from the active rule sets unless given), source, status, createdAt (= `at`), and the account the capture would be matched to.'),
  accountId: uuid.optional(),
  previousOwnerIds: z.array(uuid).default([]),
  /** Decision instant for this lead (default: `now`, one millisecond apart per lead). */
  at: isoDateTime.optional(),
  /** Route this many copies of the lead (load tests, fairness checks). */
  repeat: z.number().int().min(1).max(10_000).default(1),
});
export const simulateBody = z
  .strictObject({
    leads: z.array(simulatedLead).min(1).max(1000),
    /** A hypothetical routing configuration (default: the active one). */
    routing: routingConfigSchema.optional(),
    now: isoDateTime.optional(),
    excludeRepIds: z.array(uuid).default([]),
    /** full: every decision with its explanation; summary: outcome and summary only (default: full up to 100 decisions). */
    detail: z.enum(['full', 'summary']).optional(),
  })
  .refine((b) => b.leads.reduce((n, l) => n + l.repeat, 0) <= 10_000, { message: 'at most 10,000 decisions per simulation', path: ['leads'] });
const simulatedDecision = z.object({
  leadId: z.string(), outcome: z.enum(['offered', 'queued', 'hopper', 'default_queue']), repId: z.string().nullable(), summary: z.string(),
  /** The facts routing saw besides the attributes. */
  facts: z.object({ status: z.string(), qualified: z.boolean(), rank: z.string().nullable(), score: z.number().nullable(), source: z.string().nullable(), accountId: z.string().nullable() }),
  decision: decisionSchema.optional(),
});
export const simulateResponse = z.object({
  routing: z.object({ id: z.string(), version: z.number().int() }),
  decisions: z.array(simulatedDecision),
  outcomes: z.record(z.string(), z.number().int()),
  tally: z.record(z.string(), z.number().int()),
  reps: z.array(z.object({ id: z.string(), name: z.string(), openLeadCount: z.object({ before: z.number().int(), after: z.number().int() }) })),
});

export const storedDecisionSchema = z.object({
  id: z.uuid(), eventKey: z.string(), reason: z.string(), attempt: z.number().int(), actor: z.string(),
  outcome: z.enum(['offered', 'queued', 'hopper', 'default_queue']), repId: z.string().nullable(), queueId: z.string().nullable(),
  retryAt: isoDateTime.nullable(), summary: z.string(), routingId: z.string(), routingVersion: z.number().int(), createdAt: isoDateTime,
  decision: decisionSchema,
});
export const leadRoutingResponse = z.object({
  leadId: z.uuid(),
  decisions: z.array(storedDecisionSchema),
  leadTeam: z.array(z.object({ repId: z.uuid(), accessLevel: z.enum(ACCESS_LEVELS), origin: z.string(), territoryId: z.uuid().nullable(), addedAt: isoDateTime })),
  territories: z.array(z.object({ territoryId: z.uuid(), addedAt: isoDateTime })),
});

// ---- offboarding
export const offboardBody = z.strictObject({
  /** Also deactivate the rep (default true); the rep is always marked unavailable first. */
  deactivate: z.boolean().default(true),
  pageSize: z.number().int().min(1).max(200).default(25),
});
export const offboardingResponse = z.object({
  id: z.uuid(), repId: z.uuid(), workflowId: z.string(), status: z.string(), deactivate: z.boolean(), total: z.number().int(), processed: z.number().int(),
  reassigned: z.number().int(), failed: z.number().int(), lastLeadId: z.uuid().nullable(), errors: z.array(z.object({ leadId: z.string(), error: z.string() })),
  requestedBy: z.string(), startedAt: isoDateTime, updatedAt: isoDateTime, finishedAt: isoDateTime.nullable(),
});
