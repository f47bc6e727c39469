// Lead processing activities (seeds: Create Lead Processing Activity): define a batch job over
// selected leads, run it now, once at a date or repeatedly (Temporal Schedules), pause, resume,
// trigger, edit, delete; runs and their output logs. Writes: admin. Reads: admin, manager, ops.
import type { AppDeps } from '../app-deps.js';
import { principalActor, type Principal, type Role } from '../auth/principal.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import {
  activityDetailSchema, activityIdParam, activityPageSchema, activitySchema, activityWriteSchema, listActivitiesQuery, listRunsQuery,
  processingActivityBody, runDetailSchema, runIdParam, runLogPageSchema, runLogQuery, runNowSchema, runPageSchema, updateActivityQuery,
} from '../schemas/processing.js';
import { createActivity, deleteActivity, runNow, setPaused, updateActivity } from '../services/processing/activities.js';
import { registerProcessingReferenceCheck } from '../services/processing/references.js';
import { describeSchedule } from '../services/processing/schedules.js';
import { activityView, findActivity, getRun, lastRuns, listActivities, listRuns, runLog } from '../services/processing/views.js';
import { etag, expectedVersion } from '../services/versioning.js';
import { actorLabel } from '../../workflows/messages.js';

const WRITE: readonly Role[] = ['admin'];
const READ: readonly Role[] = ['admin', 'manager', 'ops'];
const tags = ['processing activities'];
const actorOf = (p: Principal): string => actorLabel(principalActor(p));
const invalid = { description: 'Invalid criteria, rule set or schedule: errors[] name each body.<path>' };
const unavailable = { description: 'Temporal was not reachable: nothing was changed (temporal_unavailable)' };

export function processingActivityRoutes(deps: AppDeps): RouteSpec[] {
  registerProcessingReferenceCheck();
  const em = () => deps.orm.em.fork();
  return [
    defineRoute({
      method: 'post', path: '/processing-activities', operationId: 'createProcessingActivity', tags, access: WRITE,
      summary: 'Define a processing activity; Immediate starts a run now, Schedule date and Repeats create its Temporal Schedule',
      body: processingActivityBody,
      idempotent: true,
      responses: { 201: { description: 'Created', schema: activityWriteSchema }, 422: invalid, 503: unavailable },
      handler: async ({ body, principal }) => {
        const created = await createActivity(deps, body, actorOf(principal));
        return { status: 201, headers: { Location: `/processing-activities/${created.id}`, ETag: etag(created.revision) }, body: created };
      },
    }),
    defineRoute({
      method: 'get', path: '/processing-activities', operationId: 'listProcessingActivities', tags, access: READ,
      summary: 'Processing activities, newest first (cursor pagination), with progress status and last run',
      query: listActivitiesQuery,
      responses: { 200: { description: 'A page of activities', schema: activityPageSchema } },
      handler: async ({ query }) => ({ status: 200, body: await listActivities(em(), query) }),
    }),
    defineRoute({
      method: 'get', path: '/processing-activities/:id', operationId: 'getProcessingActivity', tags, access: READ,
      summary: 'A processing activity with its progress status, last run and the live state of its Temporal Schedule',
      params: activityIdParam,
      responses: { 200: { description: 'The activity (ETag: its revision)', schema: activityDetailSchema }, 404: { description: 'No such activity' } },
      handler: async ({ params }) => {
        const reader = em();
        const a = await findActivity(reader, params.id);
        const view = activityView(a, (await lastRuns(reader, [a.id])).get(a.id) ?? null);
        return { status: 200, headers: { ETag: etag(a.revision) }, body: { ...view, temporalSchedule: await describeSchedule(deps, a) } };
      },
    }),
    defineRoute({
      method: 'put', path: '/processing-activities/:id', operationId: 'updateProcessingActivity', tags, access: WRITE,
      summary: 'Replace the definition and schedule (runs in progress keep theirs: the change applies from the next run). If-Match / ?expectedRevision=',
      params: activityIdParam, query: updateActivityQuery, body: processingActivityBody,
      responses: {
        200: { description: 'Updated', schema: activitySchema }, 404: { description: 'No such activity' },
        409: { description: 'Stale revision (version_conflict)' }, 422: invalid, 503: unavailable,
      },
      handler: async ({ params, query, body, principal, req }) => {
        const updated = await updateActivity(deps, params.id, body, actorOf(principal), expectedVersion(req, query.expectedRevision));
        return { status: 200, headers: { ETag: etag(updated.revision) }, body: updated };
      },
    }),
    defineRoute({
      method: 'delete', path: '/processing-activities/:id', operationId: 'deleteProcessingActivity', tags, access: WRITE,
      summary: 'Delete the activity and its Temporal Schedule; a run in progress is cancelled (runs and logs stay readable)',
      params: activityIdParam,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such activity' }, 503: unavailable },
      handler: async ({ params }) => {
        await deleteActivity(deps, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post', path: '/processing-activities/:id/run', operationId: 'runProcessingActivity', tags, access: WRITE,
      summary: 'Trigger a run now (through the Schedule when it has one); 409 while a run is in progress',
      params: activityIdParam,
      idempotent: true,
      responses: { 202: { description: 'Started', schema: runNowSchema }, 404: { description: 'No such activity' }, 409: { description: 'A run is in progress (run_in_progress)' }, 503: unavailable },
      handler: async ({ params }) => ({ status: 202, body: await runNow(deps, params.id) }),
    }),
    defineRoute({
      method: 'post', path: '/processing-activities/:id/pause', operationId: 'pauseProcessingActivity', tags, access: WRITE,
      summary: 'Pause the schedule: no scheduled run starts until resumed (a run in progress finishes)',
      params: activityIdParam,
      responses: { 200: { description: 'Paused', schema: activitySchema }, 404: { description: 'No such activity' }, 409: { description: 'Immediate: no schedule (not_scheduled)' }, 503: unavailable },
      handler: async ({ params, principal }) => ({ status: 200, body: await setPaused(deps, params.id, true, actorOf(principal)) }),
    }),
    defineRoute({
      method: 'post', path: '/processing-activities/:id/resume', operationId: 'resumeProcessingActivity', tags, access: WRITE,
      summary: 'Resume a paused schedule',
      params: activityIdParam,
      responses: { 200: { description: 'Resumed', schema: activitySchema }, 404: { description: 'No such activity' }, 409: { description: 'Immediate: no schedule (not_scheduled)' }, 503: unavailable },
      handler: async ({ params, principal }) => ({ status: 200, body: await setPaused(deps, params.id, false, actorOf(principal)) }),
    }),
    defineRoute({
      method: 'get', path: '/processing-activities/:id/runs', operationId: 'listProcessingRuns', tags, access: READ,
      summary: 'Runs of an activity, newest first (cursor pagination)',
      params: activityIdParam, query: listRunsQuery,
      responses: { 200: { description: 'A page of runs', schema: runPageSchema }, 404: { description: 'No such activity' } },
      handler: async ({ params, query }) => ({ status: 200, body: await listRuns(em(), params.id, query) }),
    }),
    defineRoute({
      method: 'get', path: '/processing-runs/:runId', operationId: 'getProcessingRun', tags, access: READ,
      summary: 'A run: progress status, counts (selected, processed, changed, skipped, failed, signalled), times, and the definition it used',
      params: runIdParam,
      responses: { 200: { description: 'The run', schema: runDetailSchema }, 404: { description: 'No such run' } },
      handler: async ({ params }) => ({ status: 200, body: await getRun(em(), params.runId) }),
    }),
    defineRoute({
      method: 'get', path: '/processing-runs/:runId/log', operationId: 'getProcessingRunLog', tags, access: READ,
      summary: 'The output log of a run in lead id order: every lead in diagnostic mode (old and new values, rule trace), failures always',
      params: runIdParam, query: runLogQuery,
      responses: { 200: { description: 'A page of log entries', schema: runLogPageSchema }, 404: { description: 'No such run' } },
      handler: async ({ params, query }) => ({ status: 200, body: await runLog(em(), params.runId, query) }),
    }),
  ];
}
