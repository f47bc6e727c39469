// The Temporal side of processing activities. Postgres holds the definition; the Schedule is
// derived from it: `applySchedule` makes the Schedule match the row (create, update, or delete),
// so every write re-applies the whole state and a schedule that drifted (a commit that failed
// after the Temporal call) is healed by the next write. Run workflows started by the API carry the
// same explicit id prefix and `ProcessingActivityId` search attribute as scheduled ones.
import { randomUUID } from 'node:crypto';
import { isGrpcServiceError, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type ScheduleDescription } from '@temporalio/client';
import type { IProcessingActivity } from '../../../db/entities/index.js';
import { PROCESSING_RUN_WORKFLOW_TYPE, processingRunWorkflowPrefix, processingScheduleId, type ProcessingRunInput } from '../../../workflows/messages.js';
import { ProcessingActivityIdKey } from '../../../workflows/search-attributes.js';
import type { AppDeps } from '../../app-deps.js';
import { HttpProblem } from '../../http/problem.js';
import { scheduleOptionsOf } from './schedule-spec.js';

type Deps = Pick<AppDeps, 'temporal' | 'taskQueue' | 'logger'>;
const GRPC_INVALID_ARGUMENT = 3;

/** Any Temporal failure as 503: the caller's change was not saved (the transaction rolls back). */
export async function temporalCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof HttpProblem) throw err;
    if (isGrpcServiceError(err) && err.code === GRPC_INVALID_ARGUMENT) {
      throw new HttpProblem(422, 'schedule_rejected', `Temporal refused to ${what}: ${err.details || err.message}. Nothing was changed.`, {
        errors: [{ field: 'body.schedule', path: ['body', 'schedule'], message: err.details || err.message, code: 'schedule_rejected' }],
      });
    }
    throw new HttpProblem(503, 'temporal_unavailable', `Could not ${what} in Temporal: ${err instanceof Error ? err.message : String(err)}. Nothing was changed; retry.`);
  }
}

export const hasSchedule = (row: Pick<IProcessingActivity, 'scheduleMode' | 'deletedAt'>): boolean => !row.deletedAt && row.scheduleMode !== 'Immediate';

/** Makes the Temporal Schedule match the row (the row is locked by the caller). */
export async function applySchedule(deps: Deps, row: IProcessingActivity, now = new Date()): Promise<void> {
  const handle = deps.temporal.schedule.getHandle(processingScheduleId(row.id));
  const options = hasSchedule(row) ? scheduleOptionsOf(row, deps.taskQueue, now) : null;
  if (!options) {
    await handle.delete().catch((err: unknown) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
    return;
  }
  try {
    await deps.temporal.schedule.create(options);
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await handle.update(() => ({ spec: options.spec, action: options.action, policies: options.policies, state: options.state! }));
  }
}

export async function pauseSchedule(deps: Deps, row: IProcessingActivity, paused: boolean, note: string): Promise<void> {
  const handle = deps.temporal.schedule.getHandle(processingScheduleId(row.id));
  try {
    if (paused) await handle.pause(note);
    else await handle.unpause(note);
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
    await applySchedule(deps, row); // gone (drift): recreate it in the wanted state
  }
}

/** Trigger through the Schedule (overlap SKIP); Immediate activities start a run workflow directly. */
export async function startRunNow(deps: Deps, row: IProcessingActivity): Promise<{ via: 'schedule' | 'workflow'; workflowId: string | null }> {
  if (hasSchedule(row)) {
    const handle = deps.temporal.schedule.getHandle(processingScheduleId(row.id));
    try {
      await handle.trigger(ScheduleOverlapPolicy.SKIP);
    } catch (err) {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
      await applySchedule(deps, row);
      await handle.trigger(ScheduleOverlapPolicy.SKIP);
    }
    return { via: 'schedule', workflowId: null };
  }
  const workflowId = `${processingRunWorkflowPrefix(row.id)}-api-${randomUUID()}`;
  const args: [ProcessingRunInput] = [{ activityId: row.id, trigger: 'api' }];
  await deps.temporal.workflow.start(PROCESSING_RUN_WORKFLOW_TYPE, {
    workflowId,
    taskQueue: deps.taskQueue,
    args,
    typedSearchAttributes: [{ key: ProcessingActivityIdKey, value: row.id }],
    memo: { processingActivityId: row.id, name: row.name },
  });
  return { via: 'workflow', workflowId };
}

export interface TemporalScheduleView {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  remainingActions: number | null;
  nextActionTimes: string[];
  numActionsTaken: number;
  numActionsSkippedOverlap: number;
  recentActions: { scheduledAt: string; takenAt: string; workflowId: string }[];
  runningWorkflowIds: string[];
  spec: Record<string, unknown>;
}

function viewOf(d: ScheduleDescription): TemporalScheduleView {
  return {
    scheduleId: d.scheduleId,
    paused: d.state.paused,
    note: d.state.note ?? null,
    remainingActions: d.state.remainingActions ?? null,
    nextActionTimes: d.info.nextActionTimes.map((t) => t.toISOString()),
    numActionsTaken: d.info.numActionsTaken,
    numActionsSkippedOverlap: d.info.numActionsSkippedOverlap,
    recentActions: d.info.recentActions.map((a) => ({ scheduledAt: a.scheduledAt.toISOString(), takenAt: a.takenAt.toISOString(), workflowId: a.action.workflow.workflowId })),
    runningWorkflowIds: d.info.runningActions.map((a) => a.workflow.workflowId),
    spec: JSON.parse(JSON.stringify(d.spec)) as Record<string, unknown>,
  };
}

/** The live Schedule, or null (Immediate, missing, or Temporal not reachable: logged). */
export async function describeSchedule(deps: Deps, row: IProcessingActivity): Promise<TemporalScheduleView | null> {
  if (!hasSchedule(row)) return null;
  try {
    return viewOf(await deps.temporal.schedule.getHandle(processingScheduleId(row.id)).describe());
  } catch (err) {
    deps.logger.warn({ err, activityId: row.id }, 'could not describe the processing schedule');
    return null;
  }
}

/** Cancels running runs (their workflows finish the run as Completed with error). Best effort. */
export async function cancelRuns(deps: Deps, workflowIds: readonly string[]): Promise<void> {
  for (const id of workflowIds) {
    await deps.temporal.workflow.getHandle(id).cancel().catch((err: unknown) => deps.logger.warn({ err, workflowId: id }, 'could not cancel a processing run'));
  }
}
