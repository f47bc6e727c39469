// Lead processing activities (the seeds' "Create Lead Processing Activity"): a batch job over
// selected leads with a schedule, its runs (each a processing-run workflow), the page log that
// makes a run resumable, and the per-lead output log (diagnostic mode; failures always).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The definition. Postgres is the source of truth; the Temporal Schedule is derived from it. */
export const ProcessingActivity = defineEntity({
  name: 'ProcessingActivity',
  tableName: 'processing_activity',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    description: p.text().nullable(),
    /** One of PROCESS_TYPES (Assignment, Qualification, Ranking, Scoring, Realign with territories). */
    processType: p.string().length(30),
    /** null: the active set of the process type's stage, resolved when a run starts. */
    ruleSetId: p.uuid().nullable(),
    /** null: the latest version, resolved when a run starts. */
    ruleSetVersion: p.integer().nullable(),
    /** Lead selection: conditions ANDed (as validated, operators canonical). */
    criteria: p.json<Record<string, unknown>[]>().default('[]'),
    diagnostic: p.boolean().default(false),
    pageSize: p.integer().default(500),
    /** Immediate, Schedule date or Repeats. */
    scheduleMode: p.string().length(20),
    /** Schedule date: when the one run happens. */
    runAt: p.datetime().nullable(),
    /** Repeats: every `every` Days / Weeks / Months / Years from startAt until endAt. */
    frequency: p.string().length(10).nullable(),
    every: p.integer().nullable(),
    startAt: p.datetime().nullable(),
    endAt: p.datetime().nullable(),
    catchupWindowSeconds: p.integer().default(3600),
    paused: p.boolean().default(false),
    /** Bumped by every change of the definition or schedule (the ETag). */
    revision: p.integer().default(1),
    /** The Temporal Schedule (processing-<id>) when the mode has one. */
    scheduleId: p.string().length(100).nullable(),
    createdBy: p.string().length(200),
    updatedBy: p.string().length(200),
    /** Millisecond precision: a list sort key (api/http/pagination.ts). */
    createdAt: p.datetime().length(3).defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    /** Deleted activities keep their runs (audit events name them) but are gone from the API. */
    deletedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'processing_activity_created_idx', properties: ['createdAt', 'id'] }],
  checks: [
    { name: 'processing_activity_page_size_check', expression: 'page_size >= 1 and page_size <= 5000' },
    { name: 'processing_activity_every_check', expression: 'every is null or every >= 1' },
  ],
});
export type IProcessingActivity = InferEntity<typeof ProcessingActivity>;

/** One run: a snapshot of the definition (edits affect the next run only), progress and the cursor. */
export const ProcessingRun = defineEntity({
  name: 'ProcessingRun',
  tableName: 'processing_run',
  properties: {
    id: p.uuid().primary(),
    activityId: p.uuid(),
    workflowId: p.string().length(200),
    /** schedule (a Temporal Schedule action or trigger) or api (Immediate / run now). */
    trigger: p.string().length(20),
    /** The definition the run uses: process type, resolved rule set version, criteria, diagnostic, page size. */
    definition: p.json<Record<string, unknown>>(),
    /** Evaluation time of the whole run (leadAgeDays, date criteria). */
    asOf: p.datetime(),
    /** In progress, Completed, Completed with error. */
    status: p.string().length(30).default('In progress'),
    /** The last lead id of the last committed page (keyset pagination by id). */
    cursor: p.uuid().nullable(),
    pages: p.integer().default(0),
    /** Leads matching the criteria when the run started (for progress). */
    estimated: p.integer().nullable(),
    selected: p.integer().default(0),
    processed: p.integer().default(0),
    changed: p.integer().default(0),
    skipped: p.integer().default(0),
    failed: p.integer().default(0),
    signalled: p.integer().default(0),
    error: p.text().nullable(),
    /** Millisecond precision: a list sort key (api/http/pagination.ts). */
    startedAt: p.datetime().length(3).defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    finishedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'processing_run_activity_idx', properties: ['activityId', 'startedAt', 'id'] },
    { name: 'processing_run_workflow_idx', properties: ['workflowId'] },
  ],
  // One run of an activity at a time (schedules skip overlaps; this also covers runs started by the API).
  uniques: [{ name: 'processing_run_one_in_progress', expression: `create unique index "processing_run_one_in_progress" on "processing_run" ("activity_id") where "status" = 'In progress'` }],
});
export type IProcessingRun = InferEntity<typeof ProcessingRun>;

/** One committed page of a run, written in the page's transaction (a page is never done twice). */
export const ProcessingRunPage = defineEntity({
  name: 'ProcessingRunPage',
  tableName: 'processing_run_page',
  properties: {
    runId: p.uuid().primary(),
    pageNo: p.integer().primary(),
    firstLeadId: p.uuid(),
    lastLeadId: p.uuid(),
    selected: p.integer(),
    changed: p.integer(),
    skipped: p.integer(),
    failed: p.integer(),
    /** Signals to send after commit (an outbox); cleared once sent. */
    signals: p.json<Record<string, unknown>[]>().nullable(),
    signalled: p.integer().default(0),
    /** Signals whose lead has no running workflow (e.g. closed). */
    signalsMissed: p.integer().default(0),
    signalledAt: p.datetime().nullable(),
    /** Which activity instance and attempt committed the page. */
    processedBy: p.string().length(100),
    committedAt: p.datetime().defaultRaw('now()'),
  },
  primaryKeys: ['runId', 'pageNo'],
});
export type IProcessingRunPage = InferEntity<typeof ProcessingRunPage>;

/** The output log: one row per lead in diagnostic mode (old/new values, rule trace); failures always. */
export const ProcessingRunLog = defineEntity({
  name: 'ProcessingRunLog',
  tableName: 'processing_run_log',
  properties: {
    runId: p.uuid().primary(),
    leadId: p.uuid().primary(),
    pageNo: p.integer(),
    /** changed, unchanged, skipped, signalled, failed */
    outcome: p.string().length(20),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
    trace: p.json<unknown>().nullable(),
    message: p.text().nullable(),
    at: p.datetime().defaultRaw('now()'),
  },
  primaryKeys: ['runId', 'leadId'],
  indexes: [{ name: 'processing_run_log_outcome_idx', properties: ['runId', 'outcome', 'leadId'] }],
});
export type IProcessingRunLog = InferEntity<typeof ProcessingRunLog>;
