// A run's life in Postgres: started with a snapshot of the definition (rule set version resolved),
// paged through until no lead is left, finished as Completed or Completed with error. Temporal-free
// (the activities wrap it with heartbeats and cancellation; the bench calls it directly).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { criteriaSql, numbered } from '../../db/processing-criteria.js';
import { rawQuery, rawRows } from '../../db/raw-sql.js';
import type { CompiledRuleSetCache} from '../../db/rule-set-store.js';
import { loadActiveStages, loadRuleSetVersion, toDate } from '../../db/rule-set-store.js';
import type { Criterion } from '../../rules/processing/criteria.js';
import { PROCESS_TYPE_SPECS, type ProcessType } from '../../rules/processing/process-types.js';
import type { ProcessingRunSummary } from '../../workflows/messages.js';
import { assignmentEvaluator } from './assign.js';
import { deriveEvaluator } from './derive.js';
import { NoTerritoryStep, realignEvaluator } from './realign.js';
import { openPage, PageLost, type PageContext, type PageResult } from './page.js';
import type { SignalSender } from './signals.js';
import type { PageEvaluator, RunDefinition, SignalRequest } from './types.js';

type Row = Record<string, unknown>;

/** The run's definition cannot be evaluated (e.g. its rule set version is gone): retrying will not help. */
export class RunDefinitionError extends Error {}

/** The activity row's definition with its rule set resolved now; a string says why it cannot run. */
export async function resolveRunDefinition(em: EntityManager, a: Row): Promise<RunDefinition | string> {
  const processType = a['processType'] as ProcessType;
  const spec = PROCESS_TYPE_SPECS[processType];
  let ruleSet: RunDefinition['ruleSet'] = null;
  if (spec.stage) {
    if (a['ruleSetId']) {
      const v = await loadRuleSetVersion(em, String(a['ruleSetId']), (a['ruleSetVersion'] as number | null) ?? null);
      if (!v) return `rule set ${String(a['ruleSetId'])}${a['ruleSetVersion'] ? ` v${String(a['ruleSetVersion'])}` : ''} does not exist`;
      if (!spec.ruleSetTypes.includes(v.type)) return `rule set ${v.ruleSetId} is a ${v.type} set; ${processType} needs ${spec.ruleSetTypes.join(' or ')}`;
      ruleSet = { ruleSetId: v.ruleSetId, version: v.version, type: v.type, stage: spec.stage, name: v.name };
    } else {
      const active = (await loadActiveStages(em)).find((s) => s.stage === spec.stage);
      if (!active || !spec.ruleSetTypes.includes(active.type)) return `no active ${spec.ruleSetTypes.join(' or ')} rule set (activate one or name one in the activity)`;
      ruleSet = { ruleSetId: active.ruleSetId, version: active.version, type: active.type, stage: spec.stage, name: active.name };
    }
  }
  return {
    activityId: String(a['id']), name: String(a['name']), revision: Number(a['revision']), processType, ruleSet,
    criteria: a['criteria'] as Criterion[], diagnostic: Boolean(a['diagnostic']), pageSize: Number(a['pageSize']),
  };
}

export interface StartRunInput { runId: string; activityId: string; workflowId: string; trigger: 'schedule' | 'api' }
export interface StartRunResult { started: boolean; reason: string | null }

export async function startRun(orm: MikroORM, input: StartRunInput, now = new Date()): Promise<StartRunResult> {
  return orm.em.fork().transactional(async (em: EntityManager) => {
    const [existing] = await rawRows<{ status: string }>(em, 'select "status" from "processing_run" where "id" = $1', [input.runId]);
    if (existing) return { started: existing.status === 'In progress', reason: existing.status === 'In progress' ? null : `run already ${existing.status}` };
    const [activity] = await rawRows(
      em,
      `select "id", "name", "revision", "process_type" as "processType", "rule_set_id" as "ruleSetId", "rule_set_version" as "ruleSetVersion",
              "criteria", "diagnostic", "page_size" as "pageSize"
         from "processing_activity" where "id" = $1 and "deleted_at" is null for share`,
      [input.activityId],
    );
    if (!activity) return { started: false, reason: 'the processing activity does not exist (deleted)' };
    const def = await resolveRunDefinition(em, activity);
    const insert = (status: string, estimated: number | null, error: string | null, definition: unknown) =>
      rawQuery(
        em,
        `insert into "processing_run" ("id", "activity_id", "workflow_id", "trigger", "definition", "as_of", "status", "estimated", "error", "finished_at")
         values ($1, $2, $3, $4, $5::jsonb, $6, $7::text, $8, $9, case when $7::text = 'In progress' then null else now() end)
         on conflict do nothing`,
        [input.runId, input.activityId, input.workflowId, input.trigger, JSON.stringify(definition), now, status, estimated, error],
      );
    if (typeof def === 'string') {
      await insert('Completed with error', null, def, { activityId: input.activityId, processType: activity['processType'] });
      return { started: false, reason: def };
    }
    const where = criteriaSql(def.criteria, now);
    const [{ n }] = (await rawRows<{ n: string }>(em, `select count(*) as n from "lead" where ${numbered(where.sql)}`, where.params)) as [{ n: string }];
    const inserted = await insert('In progress', Number(n), null, def);
    // Nothing inserted: another run of this activity is in progress (one at a time).
    return inserted.affected === 1 ? { started: true, reason: null } : { started: false, reason: 'another run of this activity is in progress' };
  });
}

interface RunRow { definition: RunDefinition; asOf: Date; status: string; cursor: string | null; pages: number }

async function loadRun(em: EntityManager, runId: string): Promise<RunRow | null> {
  const [r] = await rawRows(em, 'select "definition", "as_of" as "asOf", "status", "cursor", "pages" from "processing_run" where "id" = $1', [runId]);
  return r
    ? { definition: r['definition'] as RunDefinition, asOf: toDate(r['asOf']), status: String(r['status']), cursor: (r['cursor'] as string | null) ?? null, pages: Number(r['pages']) }
    : null;
}

/** The evaluator of a run's process type (rule sets compiled once per call, cached across calls). */
export async function evaluatorFor(em: EntityManager, orm: MikroORM, def: RunDefinition, asOf: Date, cache: CompiledRuleSetCache): Promise<PageEvaluator> {
  switch (def.processType) {
    case 'Scoring': case 'Ranking': case 'Qualification': {
      const stored = await loadRuleSetVersion(em, def.ruleSet!.ruleSetId, def.ruleSet!.version);
      if (!stored) throw new RunDefinitionError(`rule set ${def.ruleSet!.ruleSetId} v${def.ruleSet!.version} does not exist`);
      return deriveEvaluator(def, stored.definition, cache);
    }
    case 'Assignment':
      return assignmentEvaluator(def);
    case 'Realign with territories':
      try {
        return await realignEvaluator(em, orm, def, asOf);
      } catch (err) {
        if (err instanceof NoTerritoryStep) throw new RunDefinitionError(err.message);
        throw err;
      }
  }
}

export interface RunPagesDeps {
  orm: MikroORM;
  sendSignals: SignalSender;
  cache: CompiledRuleSetCache;
  /** Heartbeat; throws when cancelled. */
  checkpoint(details?: unknown): void;
  processedBy: string;
}
export interface RunPagesInput { runId: string; maxPages: number; maxMillis?: number }
export interface RunPagesResult { done: boolean; pages: number; lastPage: number }

/** Sends the signals of committed pages that were not sent yet (a crash between commit and send). */
export async function flushSignals(deps: Pick<RunPagesDeps, 'orm' | 'sendSignals' | 'checkpoint'>, runId: string, activityId: string): Promise<void> {
  const em = deps.orm.em.fork();
  const pending = await rawRows<{ pageNo: number; signals: SignalRequest[] }>(
    em, 'select "page_no" as "pageNo", "signals" from "processing_run_page" where "run_id" = $1 and "signals" is not null order by "page_no"', [runId],
  );
  for (const p of pending) await sendPageSignals(deps, runId, activityId, p.pageNo, p.signals);
}

async function sendPageSignals(deps: Pick<RunPagesDeps, 'orm' | 'sendSignals' | 'checkpoint'>, runId: string, activityId: string, pageNo: number, signals: readonly SignalRequest[]): Promise<void> {
  const stats = await deps.sendSignals(signals, { runId, processingActivityId: activityId }, () => deps.checkpoint({ pageNo, signalling: true }));
  await deps.orm.em.fork().transactional(async (em: EntityManager) => {
    const marked = await rawQuery(
      em,
      `update "processing_run_page" set "signals" = null, "signalled" = $3, "signals_missed" = $4, "signalled_at" = now()
        where "run_id" = $1 and "page_no" = $2 and "signals" is not null`,
      [runId, pageNo, stats.sent, stats.missed],
    );
    if (marked.affected === 1) await rawQuery(em, 'update "processing_run" set "signalled" = "signalled" + $2 where "id" = $1', [runId, stats.sent]);
  });
}

/**
 * Processes pages until none is left (done) or the page / time budget of this call is used. The
 * next page is selected and evaluated while the current one writes (two transactions at most);
 * each page commits only after the one before it. Resumes from the cursor in Postgres.
 */
export async function runPages(deps: RunPagesDeps, input: RunPagesInput): Promise<RunPagesResult> {
  const em = deps.orm.em.fork();
  const run = await loadRun(em, input.runId);
  if (!run || run.status !== 'In progress') return { done: true, pages: 0, lastPage: 0 };
  const def = run.definition;
  await flushSignals(deps, input.runId, def.activityId);
  const evaluator = await evaluatorFor(em, deps.orm, def, run.asOf, deps.cache);
  const ctx: PageContext = { runId: input.runId, def, asOf: run.asOf, evaluator, processedBy: deps.processedBy, checkpoint: deps.checkpoint };
  const started = Date.now();
  const within = (pages: number) => pages < input.maxPages && (input.maxMillis === undefined || Date.now() - started < input.maxMillis);
  let pages = 0;
  let lastPage = 0;
  let current = await openPage(deps.orm, ctx, { cursor: run.cursor, pageNo: run.pages + 1 });
  for (;;) {
    if (!current.prepared) {
      await current.commit();
      return { done: true, pages, lastPage };
    }
    const next = within(pages + 1) ? openPage(deps.orm, ctx, { cursor: current.prepared.last, pageNo: current.prepared.pageNo + 1 }) : null;
    let page: PageResult;
    try {
      page = await current.commit();
    } catch (err) {
      await next?.then((n) => n.abort(), () => undefined);
      if (err instanceof PageLost) return { done: false, pages, lastPage }; // another attempt is ahead: the next call reads the cursor
      throw err;
    }
    pages++;
    lastPage = page.pageNo;
    try {
      if (page.signals.length > 0) await sendPageSignals(deps, input.runId, def.activityId, page.pageNo, page.signals);
      deps.checkpoint({ pageNo: page.pageNo });
    } catch (err) {
      await next?.then((n) => n.abort(), () => undefined);
      throw err;
    }
    if (!next) return { done: false, pages, lastPage };
    current = await next;
  }
}

const SUMMARY_SQL = `select "id" as "runId", "status", "pages", "selected", "processed", "changed", "skipped", "failed", "signalled", "error" from "processing_run" where "id" = $1`;

/** Completed, or Completed with error when a lead failed or the run could not go on; idempotent. */
export async function finishRun(deps: Pick<RunPagesDeps, 'orm' | 'sendSignals' | 'checkpoint'>, runId: string, error: string | null): Promise<ProcessingRunSummary | null> {
  const em = deps.orm.em.fork();
  const run = await loadRun(em, runId);
  if (!run) return null;
  if (run.status === 'In progress') {
    await flushSignals(deps, runId, run.definition.activityId).catch(() => undefined);
    await rawQuery(
      em,
      `update "processing_run"
          set "status" = case when $2::text is not null or "failed" > 0 then 'Completed with error' else 'Completed' end,
              "error" = coalesce($2::text, "error"), "finished_at" = now(), "updated_at" = now()
        where "id" = $1 and "status" = 'In progress'`,
      [runId, error],
    );
  }
  const [s] = await rawRows<ProcessingRunSummary>(em, SUMMARY_SQL, [runId]);
  return s ?? null;
}
