// Reading processing activities and runs: the API views, progress status, run history and the
// output log (keyset pages).
import type { EntityManager } from '@mikro-orm/postgresql';
import { ProcessingActivity, ProcessingRun, type IProcessingActivity } from '../../../db/entities/index.js';
import { rawRows } from '../../../db/raw-sql.js';
import { toDate } from '../../../db/rule-set-store.js';
import { notFound } from '../../http/problem.js';
import { keysetPage, pageResult } from '../../http/pagination.js';
import { activitySorts, runSorts } from '../../schemas/processing.js';
import { decodeCursor, encodeCursor } from '../versioning.js';

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : toDate(v).toISOString());

const RUN_COLUMNS = `"id", "activity_id" as "activityId", "workflow_id" as "workflowId", "trigger", "status", "definition", "estimated", "selected",
  "processed", "changed", "skipped", "failed", "signalled", "pages", "error", "as_of" as "asOf", "started_at" as "startedAt",
  "updated_at" as "updatedAt", "finished_at" as "finishedAt"`;

export function runView(r: Row) {
  const def = (r['definition'] ?? {}) as { processType?: string; ruleSet?: { ruleSetId: string; version: number; type: string; name: string } | null };
  const rs = def.ruleSet ?? null;
  return {
    id: String(r['id']),
    activityId: String(r['activityId']),
    workflowId: String(r['workflowId']),
    trigger: r['trigger'] as 'schedule' | 'api',
    status: r['status'] as 'In progress' | 'Completed' | 'Completed with error',
    processType: String(def.processType ?? ''),
    ruleSet: rs ? { ruleSetId: rs.ruleSetId, version: rs.version, type: rs.type, name: rs.name } : null,
    counts: {
      estimated: r['estimated'] === null ? null : Number(r['estimated']),
      selected: Number(r['selected']), processed: Number(r['processed']), changed: Number(r['changed']),
      skipped: Number(r['skipped']), failed: Number(r['failed']), signalled: Number(r['signalled']),
    },
    pages: Number(r['pages']),
    error: (r['error'] as string | null) ?? null,
    asOf: iso(r['asOf'])!,
    startedAt: iso(r['startedAt'])!,
    updatedAt: iso(r['updatedAt'])!,
    finishedAt: iso(r['finishedAt']),
  };
}
export type RunView = ReturnType<typeof runView>;

/** New, Scheduled, In progress, Completed, Completed with error (the seeds' progress status). */
export function progressStatus(a: IProcessingActivity, lastRun: RunView | null, now: Date): RunView['status'] | 'New' | 'Scheduled' {
  if (lastRun?.status === 'In progress') return 'In progress';
  const future =
    a.scheduleMode === 'Schedule date' ? a.runAt!.getTime() > now.getTime()
    : a.scheduleMode === 'Repeats' ? !a.endAt || a.endAt.getTime() > now.getTime()
    : false;
  if (future && !a.paused) return 'Scheduled';
  return lastRun?.status ?? 'New';
}

export function activityView(a: IProcessingActivity, lastRun: RunView | null, now = new Date()) {
  return {
    id: a.id,
    name: a.name,
    description: a.description ?? null,
    processType: a.processType as 'Scoring',
    ruleSetId: a.ruleSetId ?? null,
    ruleSetVersion: a.ruleSetVersion ?? null,
    criteria: a.criteria as { attr: string; op: string; value?: unknown }[],
    diagnostic: a.diagnostic,
    pageSize: a.pageSize,
    schedule: {
      mode: a.scheduleMode as 'Immediate',
      runAt: iso(a.runAt),
      frequency: (a.frequency ?? null) as 'Days' | null,
      every: a.every ?? null,
      startAt: iso(a.startAt),
      endAt: iso(a.endAt),
      catchupWindowMinutes: Math.round(a.catchupWindowSeconds / 60),
    },
    paused: a.paused,
    progressStatus: progressStatus(a, lastRun, now),
    revision: a.revision,
    scheduleId: a.scheduleId ?? null,
    lastRun,
    createdBy: a.createdBy,
    updatedBy: a.updatedBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export async function lastRuns(em: EntityManager, activityIds: readonly string[]): Promise<Map<string, RunView>> {
  if (activityIds.length === 0) return new Map();
  const rows = await rawRows(
    em,
    `select distinct on ("activity_id") ${RUN_COLUMNS} from "processing_run" where "activity_id" = any($1::uuid[]) order by "activity_id", "started_at" desc, "id" desc`,
    [activityIds],
  );
  return new Map(rows.map((r) => [String(r['activityId']), runView(r)]));
}

export async function findActivity(em: EntityManager, id: string): Promise<IProcessingActivity> {
  const a = await em.findOne(ProcessingActivity, { id, deletedAt: null });
  if (!a) throw notFound('processing activity', id);
  return a;
}

export async function getActivityView(em: EntityManager, id: string) {
  const a = await findActivity(em, id);
  return activityView(a, (await lastRuns(em, [id])).get(id) ?? null);
}

export async function listActivities(em: EntityManager, q: { limit: number; cursor?: string; sort: string; processType?: string }) {
  const page = keysetPage(q, activitySorts);
  const where: Record<string, unknown> = { ...page.where, deletedAt: null, ...(q.processType ? { processType: q.processType } : {}) };
  const rows = await em.find(ProcessingActivity, where, { orderBy: page.orderBy as never, limit: page.fetch });
  const runs = await lastRuns(em, rows.slice(0, page.limit).map((a) => a.id));
  return pageResult(rows, page, (a) => a.createdAt.toISOString(), (a) => activityView(a, runs.get(a.id) ?? null));
}

export async function listRuns(em: EntityManager, activityId: string, q: { limit: number; cursor?: string; sort: string }) {
  if (!(await em.findOne(ProcessingActivity, { id: activityId }, { fields: ['id'] }))) throw notFound('processing activity', activityId);
  const page = keysetPage(q, runSorts);
  const rows = await em.find(ProcessingRun, { ...page.where, activityId }, { orderBy: page.orderBy as never, limit: page.fetch });
  return pageResult(rows, page, (r) => r.startedAt.toISOString(), (r) => runView(r as unknown as Row));
}

export async function getRun(em: EntityManager, runId: string) {
  const [r] = await rawRows(em, `select ${RUN_COLUMNS} from "processing_run" where "id" = $1`, [runId]);
  if (!r) throw notFound('processing run', runId);
  return { ...runView(r), definition: r['definition'] as Record<string, unknown> };
}

export async function runLog(em: EntityManager, runId: string, q: { limit: number; cursor?: string; outcome?: string }) {
  await getRun(em, runId);
  const params: unknown[] = [runId];
  let where = '"run_id" = $1';
  if (q.outcome) where += ` and "outcome" = $${params.push(q.outcome)}`;
  if (q.cursor) where += ` and "lead_id" > $${params.push(String(decodeCursor(q.cursor, 'log', 2)[1]))}::uuid`;
  const rows = await rawRows(
    em,
    `select "lead_id" as "leadId", "page_no" as "pageNo", "outcome", "before", "after", "trace", "message", "at"
       from "processing_run_log" where ${where} order by "lead_id" limit $${params.push(q.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      leadId: String(r['leadId']), pageNo: Number(r['pageNo']), outcome: r['outcome'] as 'changed', before: (r['before'] as Record<string, unknown> | null) ?? null,
      after: (r['after'] as Record<string, unknown> | null) ?? null, trace: r['trace'] ?? null, message: (r['message'] as string | null) ?? null, at: iso(r['at'])!,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(['log', String(last['leadId'])]) : null,
  };
}
