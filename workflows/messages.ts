// Signals, updates and queries of the lead workflow, and the IDs and payload types both the
// API and the workflow use. Imported by workflow code: keep it free of I/O.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { LeadAttributes, LeadCapture } from '../rules/lead-attributes.js';
import type { Actor, LeadLiveState, OwnerResult, ProcessingSignal } from '../rules/lifecycle/index.js';
import type { REASSIGN_REASONS, REJECT_REASONS, USER_RETIRE_REASONS } from '../rules/lookups.js';

export { LEAD_ERRORS, SYSTEM_ACTOR } from '../rules/lifecycle/index.js';
export type { Actor, LeadLiveState, OwnerResult, ProcessingSignal } from '../rules/lifecycle/index.js';

export const TASK_QUEUE_DEFAULT = 'leadflow';
export const LEAD_WORKFLOW_TYPE = 'leadWorkflow';

export const leadWorkflowId = (leadId: string): string => `lead-${leadId}`;

export const actorLabel = (a: Actor): string => `${a.kind}:${a.id}`;

export interface LeadWorkflowInput {
  leadId: string;
  capture: LeadCapture;
  actor: Actor;
  /** Unique per capture request; the capture that started the workflow reports `created`. */
  requestId: string;
  /** State carried across continue-as-new (absent on the first run). */
  carried?: LeadLiveState;
  /** Continue-as-new once the history has this many events (default 2,000; tests set it low). */
  historyLimit?: number;
}

export interface CaptureResult {
  leadId: string;
  /** False when the lead already existed (idempotent capture). */
  created: boolean;
  /** Set when de-duplication linked this capture to an existing open lead. */
  duplicateOfId?: string | null;
}

/**
 * Resolves once the lead row is written; sent with update-with-start by `POST /leads`.
 * The argument is the caller's request id: the request that started the workflow gets `created`.
 */
export const capturedUpdate = defineUpdate<CaptureResult, [requestId: string]>('captured');
export const stateQuery = defineQuery<LeadLiveState>('state');

// ---------------------------------------------------------------------------------------------
// Lifecycle updates (validated synchronously in the workflow; invalid calls change nothing and
// the API maps the validator's ApplicationFailure type to a 4xx). Every argument carries the
// actor and the API request id (for the audit log and idempotency).

export interface ActionMeta {
  actor: Actor;
  requestId: string;
}

export interface AcceptArgs extends ActionMeta { repId: string }
export interface RejectArgs extends ActionMeta { repId: string; reason: (typeof REJECT_REASONS)[number]; note?: string }
export interface ClaimArgs extends ActionMeta { repId: string }
export interface ReassignArgs extends ActionMeta {
  reason: (typeof REASSIGN_REASONS)[number];
  /** A specific rep; omitted: route again (excluding the current owner). */
  toRepId?: string;
  note?: string;
}
export interface ConvertArgs extends ActionMeta {
  opportunity: { name: string; amount?: number; currency?: string; closeDate?: string; description?: string };
}
export interface RetireArgs extends ActionMeta { reason: (typeof USER_RETIRE_REASONS)[number]; note?: string }
export interface UpdateAttributesArgs extends ActionMeta { attributes: Partial<LeadAttributes> }
export interface AddNoteArgs extends ActionMeta { text: string }

export const acceptUpdate = defineUpdate<OwnerResult, [AcceptArgs]>('accept');
export const rejectUpdate = defineUpdate<OwnerResult, [RejectArgs]>('reject');
export const claimUpdate = defineUpdate<OwnerResult, [ClaimArgs]>('claim');
export const reassignUpdate = defineUpdate<OwnerResult, [ReassignArgs]>('reassign');
export const convertUpdate = defineUpdate<OwnerResult & { opportunityId: string }, [ConvertArgs]>('convert');
export const retireUpdate = defineUpdate<OwnerResult, [RetireArgs]>('retire');
export const updateAttributesUpdate = defineUpdate<LeadLiveState, [UpdateAttributesArgs]>('updateAttributes');
export const addNoteUpdate = defineUpdate<{ noteId: string }, [AddNoteArgs]>('addNote');

/**
 * Sent by batch processing runs after they wrote derived values in bulk, only to leads whose
 * lifecycle must react: newly qualified (route it), to be reassigned, territories realigned.
 */
export const processingSignal = defineSignal<[ProcessingSignal]>('processing');
/**
 * The lifecycle settings changed (or a sweep found the lead past the stale threshold by its
 * stored activity time): the lead reloads them and re-arms its timers. Raising a threshold never
 * acts early: the lead decides by its own clock and the settings it reloads.
 */
export const settingsChangedSignal = defineSignal<[]>('settingsChanged');
/** Sent when capacity frees for a queued lead's candidates (assignment manager). */
export const capacityFreedSignal = defineSignal<[]>('capacityFreed');
/**
 * Something happened on the lead outside the lifecycle updates (an assessment was taken, a
 * document attached...): counts as activity, restarts the stale clock, and is audited by its sender.
 */
export interface LeadActivitySignal { kind: string; at: string; actor: Actor }
export const leadActivitySignal = defineSignal<[LeadActivitySignal]>('leadActivity');

// ---------------------------------------------------------------------------------------------
// CSV import workflow
export const LEAD_IMPORT_WORKFLOW_TYPE = 'leadImportWorkflow';
export const leadImportWorkflowId = (importId: string): string => `lead-import-${importId}`;
export interface LeadImportInput {
  importId: string;
  actor: Actor;
  afterLine?: number;
  pageSize?: number;
  concurrency?: number;
}

// ---------------------------------------------------------------------------------------------
// Lead processing activities: each run is a processing-run workflow, started by the activity's
// Temporal Schedule (Schedule date, Repeats) or by the API (Immediate, run now).
export const PROCESSING_RUN_WORKFLOW_TYPE = 'processingRunWorkflow';
/** The Temporal Schedule of a processing activity (visible in the Temporal UI under Schedules). */
export const processingScheduleId = (activityId: string): string => `processing-${activityId}`;
/** Run workflow ids start with this; a Schedule appends the action time, the API a unique suffix. */
export const processingRunWorkflowPrefix = (activityId: string): string => `processing-run-${activityId}`;

export interface ProcessingRunInput {
  activityId: string;
  trigger: 'schedule' | 'api';
  /** Set on continue-as-new: the run row exists and the cursor is in Postgres. */
  runId?: string;
  /** Pages per activity call (default 20) and activity calls before continue-as-new (default 100). */
  pagesPerCall?: number;
  callsBeforeContinueAsNew?: number;
}

export interface ProcessingRunSummary {
  runId: string;
  status: 'In progress' | 'Completed' | 'Completed with error';
  pages: number;
  selected: number;
  processed: number;
  changed: number;
  skipped: number;
  failed: number;
  signalled: number;
  error: string | null;
}

// ---------------------------------------------------------------------------------------------
// The stale sweep: one long-running workflow per task queue that asks open leads now past the
// stale threshold (by their stored last activity) to reload the lifecycle settings, so a lowered
// threshold reaches every waiting lead within minutes. Started by workers; kicked by settings changes.
export const STALE_SWEEP_WORKFLOW_TYPE = 'staleSweepWorkflow';
export const staleSweepWorkflowId = (taskQueue: string): string => `lifecycle-stale-sweep-${taskQueue}`;
export interface StaleSweepInput {
  /** Minutes between sweeps (a settings change sweeps at once). */
  intervalMinutes: number;
  /** Sweeps before continue-as-new (default 200). */
  sweepsPerRun?: number;
}
export interface StaleSweepResult { threshold: string; signalled: number; missing: number; pages: number }
/** Sweep now (the lifecycle settings changed). */
export const sweepNowSignal = defineSignal<[]>('sweepNow');
