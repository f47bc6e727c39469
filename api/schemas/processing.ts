// Lead processing activities and runs: request and response schemas. Shapes are checked here
// (400); references, criteria semantics and schedule times by the service (422), each naming its field.
import { z } from 'zod';
import { PROCESS_TYPES, PROGRESS_STATUSES, REPEAT_FREQUENCIES } from '../../rules/lookups.js';
import { criteriaSchema } from '../../rules/processing/criteria.js';
import { listQuerySchema, pageSchema } from '../http/pagination.js';
import { isoDateTime } from './common.js';

const catchup = z.int().min(1).max(7 * 24 * 60).default(60).describe('how late (minutes) a missed run may still start, e.g. after an outage');

export const scheduleSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('Immediate') }).describe('runs once when created, and whenever run now is called'),
  z.strictObject({ mode: z.literal('Schedule date'), runAt: isoDateTime.describe('the one run (UTC instant, to the second)'), catchupWindowMinutes: catchup }),
  z.strictObject({
    mode: z.literal('Repeats'),
    frequency: z.enum(REPEAT_FREQUENCIES),
    every: z.int().min(1).max(1000).default(1).describe('every N days / weeks / months / years'),
    startAt: isoDateTime.describe('the first run; later runs keep its time of day (and day of month for Months / Years, UTC)'),
    endAt: isoDateTime.nullable().optional().describe('no run after this instant (open-ended when absent)'),
    catchupWindowMinutes: catchup,
  }),
]);
export type ScheduleBody = z.output<typeof scheduleSchema>;

export const processingActivityBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(2000).nullable().optional(),
  processType: z.enum(PROCESS_TYPES),
  ruleSetId: z.uuid().nullable().optional().describe('Scoring: a scoring set; Ranking: a rating or ranking set; Qualification: a qualification set. Default: the active set of that stage when a run starts. Not used by Assignment (routing configuration) and Realign (territories)'),
  ruleSetVersion: z.int().min(1).nullable().optional().describe('pin a version (default: the latest when a run starts)'),
  criteria: criteriaSchema,
  diagnostic: z.boolean().default(false).describe('log every lead (old and new values, rule trace); failures are always logged'),
  pageSize: z.int().min(10).max(5000).default(500).describe('leads per page (one transaction each)'),
  schedule: scheduleSchema.default({ mode: 'Immediate' }),
});
export type ProcessingActivityBody = z.output<typeof processingActivityBody>;

export const activityIdParam = z.strictObject({ id: z.uuid({ message: 'must be a UUID' }) });
export const runIdParam = z.strictObject({ runId: z.uuid({ message: 'must be a UUID' }) });

export const activitySorts = { createdAt: { nullable: false, cursorValue: isoDateTime.transform((s) => new Date(s)) } };
export const listActivitiesQuery = listQuerySchema({
  sorts: activitySorts,
  defaultSort: '-createdAt',
  filters: { processType: z.enum(PROCESS_TYPES).optional() },
});
export const runSorts = { startedAt: { nullable: false, cursorValue: isoDateTime.transform((s) => new Date(s)) } };
export const listRunsQuery = listQuerySchema({ sorts: runSorts, defaultSort: '-startedAt', filters: {} });
export const LOG_OUTCOMES = ['changed', 'unchanged', 'skipped', 'signalled', 'failed'] as const;
export const runLogQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(1000).optional().describe('nextCursor of the previous page (lead id order)'),
  outcome: z.enum(LOG_OUTCOMES).optional(),
});
export const updateActivityQuery = z.strictObject({
  expectedRevision: z.coerce.number().int().min(1).optional().describe('the revision the change is based on (like If-Match); 409 when stale'),
});

const counts = z.object({
  estimated: z.number().int().nullable().describe('leads matching the criteria when the run started'),
  selected: z.number().int(),
  processed: z.number().int(),
  changed: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  signalled: z.number().int().describe('lead workflows signalled (requalified, reassign, realign, rescored)'),
});

export const runSummarySchema = z.object({
  id: z.uuid(),
  activityId: z.uuid(),
  workflowId: z.string(),
  trigger: z.enum(['schedule', 'api']),
  status: z.enum(PROGRESS_STATUSES),
  processType: z.string(),
  ruleSet: z.object({ ruleSetId: z.uuid(), version: z.number().int(), type: z.string(), name: z.string() }).nullable(),
  counts,
  pages: z.number().int(),
  error: z.string().nullable(),
  asOf: isoDateTime,
  startedAt: isoDateTime,
  updatedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
});
export const runDetailSchema = runSummarySchema.extend({ definition: z.record(z.string(), z.unknown()).describe('the activity as the run uses it (edits affect the next run)') });

export const scheduleViewSchema = z.object({
  mode: z.enum(['Immediate', 'Schedule date', 'Repeats']),
  runAt: isoDateTime.nullable(),
  frequency: z.enum(REPEAT_FREQUENCIES).nullable(),
  every: z.number().int().nullable(),
  startAt: isoDateTime.nullable(),
  endAt: isoDateTime.nullable(),
  catchupWindowMinutes: z.number().int(),
});

export const activitySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  processType: z.enum(PROCESS_TYPES),
  ruleSetId: z.uuid().nullable(),
  ruleSetVersion: z.number().int().nullable(),
  criteria: z.array(z.object({ attr: z.string(), op: z.string(), value: z.unknown().optional() })),
  diagnostic: z.boolean(),
  pageSize: z.number().int(),
  schedule: scheduleViewSchema,
  paused: z.boolean(),
  progressStatus: z.enum(PROGRESS_STATUSES),
  revision: z.number().int(),
  scheduleId: z.string().nullable().describe('the Temporal Schedule (Schedule date, Repeats)'),
  lastRun: runSummarySchema.nullable(),
  createdBy: z.string(),
  updatedBy: z.string(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const temporalScheduleSchema = z.object({
  scheduleId: z.string(),
  paused: z.boolean(),
  note: z.string().nullable(),
  remainingActions: z.number().int().nullable(),
  nextActionTimes: z.array(isoDateTime),
  numActionsTaken: z.number().int(),
  numActionsSkippedOverlap: z.number().int(),
  recentActions: z.array(z.object({ scheduledAt: isoDateTime, takenAt: isoDateTime, workflowId: z.string() })),
  runningWorkflowIds: z.array(z.string()),
  spec: z.record(z.string(), z.unknown()),
});
export const activityDetailSchema = activitySchema.extend({
  temporalSchedule: temporalScheduleSchema.nullable().describe('live state of the Temporal Schedule (null: Immediate, or not reachable)'),
});
export const activityWriteSchema = activitySchema.extend({
  startedWorkflowId: z.string().nullable().describe('Immediate: the run started by this request'),
});

export const activityPageSchema = pageSchema(activitySchema);
export const runPageSchema = pageSchema(runSummarySchema);
export const runLogPageSchema = z.object({
  items: z.array(z.object({
    leadId: z.uuid(),
    pageNo: z.number().int(),
    outcome: z.enum(LOG_OUTCOMES),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    trace: z.unknown().nullable().describe('diagnostic mode: rule set versions, matched rules, explanation lines and traces'),
    message: z.string().nullable(),
    at: isoDateTime,
  })),
  nextCursor: z.string().nullable(),
});
export const runNowSchema = z.object({
  activityId: z.uuid(),
  via: z.enum(['schedule', 'workflow']).describe('schedule: triggered through the Temporal Schedule; workflow: started directly (Immediate)'),
  workflowId: z.string().nullable().describe('the run workflow (when started directly)'),
});
