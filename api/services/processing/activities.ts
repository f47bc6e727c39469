// Writing processing activities. Postgres is the source of truth and the Temporal Schedule follows
// it: create = insert the row (committed), then the Schedule (or the Immediate run); if Temporal
// fails the row is removed again and the caller gets 503, nothing half-made. Every other write
// locks the row, changes it and applies the whole schedule state to Temporal inside the same
// transaction: a Temporal failure rolls the change back (503); a schedule that drifted anyway
// (commit failed after the Temporal call) is corrected by the next write, which re-applies it all.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { loadActiveRouting } from '../../../db/assignment/routing.js';
import { ProcessingActivity, type IProcessingActivity } from '../../../db/entities/index.js';
import { validateCriteria } from '../../../db/processing-criteria.js';
import { rawRows } from '../../../db/raw-sql.js';
import { loadActiveStages, loadRuleSetVersion } from '../../../db/rule-set-store.js';
import { PROCESS_TYPE_SPECS } from '../../../rules/processing/process-types.js';
import { processingScheduleId } from '../../../workflows/messages.js';
import type { AppDeps } from '../../app-deps.js';
import { conflict, fieldError, notFound, unprocessable, type FieldError } from '../../http/problem.js';
import type { ProcessingActivityBody } from '../../schemas/processing.js';
import { fieldErrors } from '../definition-errors.js';
import { staleVersion } from '../versioning.js';
import { CALENDAR_YEARS } from './schedule-spec.js';
import { applySchedule, cancelRuns, hasSchedule, pauseSchedule, startRunNow, temporalCall } from './schedules.js';
import { activityView, lastRuns } from './views.js';

type Deps = Pick<AppDeps, 'orm' | 'temporal' | 'taskQueue' | 'logger'>;
type Columns = Omit<IProcessingActivity, 'id' | 'revision' | 'createdBy' | 'updatedBy' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'paused' | 'scheduleId'>;

const bodyError = (path: (string | number)[], message: string, code: string): FieldError => fieldError('body', path, message, code);

function columnsOf(body: ProcessingActivityBody): Columns {
  const s = body.schedule;
  return {
    name: body.name,
    description: body.description ?? null,
    processType: body.processType,
    ruleSetId: body.ruleSetId ?? null,
    ruleSetVersion: body.ruleSetVersion ?? null,
    criteria: body.criteria as unknown as Record<string, unknown>[],
    diagnostic: body.diagnostic,
    pageSize: body.pageSize,
    scheduleMode: s.mode,
    runAt: s.mode === 'Schedule date' ? new Date(s.runAt) : null,
    frequency: s.mode === 'Repeats' ? s.frequency : null,
    every: s.mode === 'Repeats' ? s.every : null,
    startAt: s.mode === 'Repeats' ? new Date(s.startAt) : null,
    endAt: s.mode === 'Repeats' && s.endAt ? new Date(s.endAt) : null,
    catchupWindowSeconds: (s.mode === 'Immediate' ? 60 : s.catchupWindowMinutes) * 60,
  };
}

async function ruleSetErrors(em: EntityManager, body: ProcessingActivityBody): Promise<FieldError[]> {
  const spec = PROCESS_TYPE_SPECS[body.processType];
  const errors: FieldError[] = [];
  if (!spec.stage) {
    const uses = body.processType === 'Assignment' ? 'the routing configuration' : 'the territories';
    if (body.ruleSetId) errors.push(bodyError(['ruleSetId'], `${body.processType} uses ${uses}, not a rule set`, 'not_applicable'));
    if (body.ruleSetVersion) errors.push(bodyError(['ruleSetVersion'], `${body.processType} uses ${uses}, not a rule set`, 'not_applicable'));
    if (body.processType === 'Realign with territories' && !(await loadActiveRouting(em)).config.steps.some((s) => s.match.kind === 'territory')) {
      errors.push(bodyError(['processType'], 'the active routing configuration has no territory step to realign with', 'no_territory_step'));
    }
    return errors;
  }
  const wanted = spec.ruleSetTypes.join(' or ');
  if (!body.ruleSetId) {
    if (body.ruleSetVersion) errors.push(bodyError(['ruleSetVersion'], 'a version needs ruleSetId', 'rule_set_required'));
    const active = (await loadActiveStages(em)).find((s) => s.stage === spec.stage);
    if (!active || !spec.ruleSetTypes.includes(active.type)) {
      errors.push(bodyError(['ruleSetId'], `no ${wanted} rule set is active: name one, or activate one first`, 'no_active_rule_set'));
    }
    return errors;
  }
  const latest = await loadRuleSetVersion(em, body.ruleSetId);
  if (!latest) return [bodyError(['ruleSetId'], `rule set '${body.ruleSetId}' does not exist`, 'unknown_rule_set')];
  if (latest.archived) errors.push(bodyError(['ruleSetId'], `rule set '${body.ruleSetId}' is archived`, 'rule_set_archived'));
  if (!spec.ruleSetTypes.includes(latest.type)) errors.push(bodyError(['ruleSetId'], `a ${latest.type} set does not fit ${body.processType} (needs ${wanted})`, 'wrong_rule_set_type'));
  if (body.ruleSetVersion && body.ruleSetVersion > latest.latestVersion) {
    errors.push(bodyError(['ruleSetVersion'], `no such version (1-${latest.latestVersion})`, 'unknown_version'));
  }
  return errors;
}

function scheduleErrors(body: ProcessingActivityBody, previous: IProcessingActivity | null, now: Date): FieldError[] {
  const s = body.schedule;
  const errors: FieldError[] = [];
  const unchanged = (at: Date | null | undefined, value: string) => at?.getTime() === new Date(value).getTime();
  if (s.mode === 'Schedule date' && new Date(s.runAt).getTime() <= now.getTime() && !unchanged(previous?.runAt, s.runAt)) {
    errors.push(bodyError(['schedule', 'runAt'], 'must be in the future', 'in_past'));
  }
  const years = (field: string, value: string | null | undefined) => {
    const y = value ? new Date(value).getUTCFullYear() : null;
    if (y !== null && (y < CALENDAR_YEARS.min || y > CALENDAR_YEARS.max)) errors.push(bodyError(['schedule', field], `must be in the years ${CALENDAR_YEARS.min}-${CALENDAR_YEARS.max}`, 'out_of_range'));
  };
  if (s.mode === 'Schedule date') years('runAt', s.runAt);
  if (s.mode === 'Repeats') {
    years('startAt', s.startAt);
    years('endAt', s.endAt);
  }
  if (s.mode === 'Repeats' && s.endAt) {
    if (new Date(s.endAt).getTime() <= new Date(s.startAt).getTime()) errors.push(bodyError(['schedule', 'endAt'], 'must be after startAt', 'before_start'));
    else if (new Date(s.endAt).getTime() <= now.getTime() && !unchanged(previous?.endAt, s.endAt)) errors.push(bodyError(['schedule', 'endAt'], 'must be in the future', 'in_past'));
  }
  return errors;
}

/** 422 naming every failing field (criteria, rule set, schedule times). */
async function validate(em: EntityManager, body: ProcessingActivityBody, previous: IProcessingActivity | null, now: Date): Promise<void> {
  const errors = [
    ...fieldErrors(validateCriteria(body.criteria), ['criteria']),
    ...(await ruleSetErrors(em, body)),
    ...scheduleErrors(body, previous, now),
  ];
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    throw unprocessable('invalid_processing_activity', `Invalid processing activity: ${errors[0]!.field} ${errors[0]!.message}${more}`, errors);
  }
}

async function lockActivity(em: EntityManager, id: string): Promise<IProcessingActivity> {
  const row = await em.findOne(ProcessingActivity, { id, deletedAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw notFound('processing activity', id);
  return row;
}

async function inProgressRuns(em: EntityManager, activityId: string): Promise<{ id: string; workflowId: string }[]> {
  return rawRows(em, `select "id", "workflow_id" as "workflowId" from "processing_run" where "activity_id" = $1 and "status" = 'In progress'`, [activityId]);
}

async function view(orm: MikroORM, id: string) {
  const em = orm.em.fork();
  const a = await em.findOneOrFail(ProcessingActivity, { id });
  return activityView(a, (await lastRuns(em, [id])).get(id) ?? null);
}

export async function createActivity(deps: Deps, body: ProcessingActivityBody, actor: string) {
  const now = new Date();
  await validate(deps.orm.em.fork(), body, null, now);
  const id = randomUUID();
  const columns = columnsOf(body);
  const scheduled = columns.scheduleMode !== 'Immediate';
  await deps.orm.em.fork().insert(ProcessingActivity, { ...columns, id, scheduleId: scheduled ? processingScheduleId(id) : null, createdBy: actor, updatedBy: actor });
  const row = await deps.orm.em.fork().findOneOrFail(ProcessingActivity, { id });
  let startedWorkflowId: string | null = null;
  try {
    if (scheduled) await temporalCall('create the schedule', () => applySchedule(deps, row, now));
    else startedWorkflowId = (await temporalCall('start the run', () => startRunNow(deps, row))).workflowId;
  } catch (err) {
    // Undo: no row without its schedule (and no schedule without its row, should the create have gone through).
    await deps.orm.em.fork().nativeDelete(ProcessingActivity, { id });
    if (scheduled) await applySchedule(deps, { ...row, deletedAt: now }).catch(() => undefined);
    throw err;
  }
  return { ...(await view(deps.orm, id)), startedWorkflowId };
}

export async function updateActivity(deps: Deps, id: string, body: ProcessingActivityBody, actor: string, expected: number | undefined) {
  const now = new Date();
  await deps.orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockActivity(em, id);
    if (expected !== undefined && expected !== row.revision) throw staleVersion('processing activity', id, expected, row.revision);
    await validate(em, body, row, now);
    const columns = columnsOf(body);
    const next: IProcessingActivity = {
      ...row, ...columns, revision: row.revision + 1, updatedBy: actor, updatedAt: now,
      scheduleId: columns.scheduleMode !== 'Immediate' ? processingScheduleId(id) : null,
    };
    await em.nativeUpdate(ProcessingActivity, { id }, { ...columns, revision: next.revision, updatedBy: actor, updatedAt: now, scheduleId: next.scheduleId });
    // Runs in progress keep the definition they started with (their snapshot).
    await temporalCall('update the schedule', () => applySchedule(deps, next, now));
  });
  return view(deps.orm, id);
}

export async function setPaused(deps: Deps, id: string, paused: boolean, actor: string) {
  await deps.orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockActivity(em, id);
    if (!hasSchedule(row)) throw conflict('not_scheduled', `processing activity '${id}' runs Immediate: it has no schedule to ${paused ? 'pause' : 'resume'}`);
    if (row.paused === paused) return;
    await em.nativeUpdate(ProcessingActivity, { id }, { paused, updatedBy: actor, updatedAt: new Date() });
    await temporalCall(paused ? 'pause the schedule' : 'resume the schedule', () => pauseSchedule(deps, { ...row, paused }, paused, `${paused ? 'paused' : 'resumed'} by ${actor}`));
  });
  return view(deps.orm, id);
}

/** Trigger now: 409 while a run is in progress (one run at a time). */
export async function runNow(deps: Deps, id: string) {
  return deps.orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockActivity(em, id);
    const running = await inProgressRuns(em, id);
    if (running.length > 0) throw conflict('run_in_progress', `a run of processing activity '${id}' is in progress`, { runId: running[0]!.id, workflowId: running[0]!.workflowId });
    const started = await temporalCall('start the run', () => startRunNow(deps, row));
    return { activityId: id, ...started };
  });
}

/** Deletes the activity (its runs and logs stay readable) and its Schedule; runs in progress are cancelled. */
export async function deleteActivity(deps: Deps, id: string): Promise<void> {
  const running = await deps.orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockActivity(em, id);
    const now = new Date();
    await em.nativeUpdate(ProcessingActivity, { id }, { deletedAt: now, updatedAt: now });
    await temporalCall('delete the schedule', () => applySchedule(deps, { ...row, deletedAt: now }, now));
    return inProgressRuns(em, id);
  });
  await cancelRuns(deps, running.map((r) => r.workflowId));
}
