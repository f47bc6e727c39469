// One page of a processing run, in ONE transaction: lock the run row, select the next page of
// leads matching the criteria after the cursor (keyset by id), evaluate them, write the changed
// lead columns with one statement, the audit events and log rows in bulk, record the page (with
// its signals as an outbox) and advance the cursor. A crash before commit leaves nothing behind;
// after commit the cursor says the page is done, so no page is ever processed twice.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { criteriaSql, numbered } from '../../db/processing-criteria.js';
import { rawQuery, rawRows } from '../../db/raw-sql.js';
import { LEAD_ATTRIBUTE_CATALOG } from '../../rules/lead-attributes.js';
import { actorLabel } from '../../workflows/messages.js';
import type { LeadOutcome, PageEvaluator, RunDefinition, SignalRequest } from './types.js';

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COLUMNS = [...Object.keys(LEAD_ATTRIBUTE_CATALOG).filter((k) => k !== 'leadAgeDays'), 'custom', 'ruleVersions'];
/** Every lead column the rules read, aliased to the attribute names (camelCase). */
export const LEAD_SELECT = ['id', ...COLUMNS.filter((k) => k !== 'id')].map((k) => `"${snake(k)}" as "${k}"`).join(', ');

export const processingActor = (activityId: string) => ({ kind: 'system' as const, id: `processing/${activityId}` });
export const processingEventKey = (runId: string, leadId: string): string => `processing/${runId}/${leadId}`;

export interface PageContext {
  runId: string;
  def: RunDefinition;
  asOf: Date;
  evaluator: PageEvaluator;
  /** Which activity instance and attempt commits pages (the page log records it). */
  processedBy: string;
  /** Heartbeat; throws when the activity is cancelled (the transaction then rolls back). */
  checkpoint(details?: unknown): void;
}

export interface PageResult {
  done: boolean;
  pageNo: number;
  selected: number;
  changed: number;
  skipped: number;
  failed: number;
  signals: SignalRequest[];
}

const DONE: PageResult = { done: true, pageNo: 0, selected: 0, changed: 0, skipped: 0, failed: 0, signals: [] };
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

function fail(o: LeadOutcome, why: string): void {
  o.outcome = 'failed';
  o.message = why;
  delete o.write;
  delete o.signal;
  delete o.audit;
}

async function updateLeads(em: EntityManager, changed: readonly LeadOutcome[]): Promise<void> {
  const w = changed.map((o) => o.write!);
  await rawQuery(
    em,
    `update "lead" as l
        set "status" = v.status, "qualified" = v.qualified, "rank" = v.rank, "score" = v.score, "rule_versions" = v.rule_versions, "updated_at" = now()
       from unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::int[], $6::jsonb[]) as v(id, status, qualified, rank, score, rule_versions)
      where l."id" = v.id`,
    [changed.map((o) => o.leadId), w.map((x) => x.status), w.map((x) => x.qualified), w.map((x) => x.rank), w.map((x) => x.score), w.map((x) => JSON.stringify(x.ruleVersions))],
  );
}

/** One UPDATE for the page; if it fails, each lead under its own savepoint so one bad lead fails alone. */
async function writeLeads(em: EntityManager, outcomes: readonly LeadOutcome[]): Promise<void> {
  const changed = outcomes.filter((o) => o.outcome === 'changed' && o.write);
  if (changed.length === 0) return;
  await rawQuery(em, 'savepoint page_write');
  try {
    await updateLeads(em, changed);
    await rawQuery(em, 'release savepoint page_write');
    return;
  } catch {
    await rawQuery(em, 'rollback to savepoint page_write');
  }
  for (const o of changed) {
    await rawQuery(em, 'savepoint lead_write');
    try {
      await updateLeads(em, [o]);
      await rawQuery(em, 'release savepoint lead_write');
    } catch (err) {
      await rawQuery(em, 'rollback to savepoint lead_write');
      fail(o, `write failed: ${message(err)}`);
    }
  }
}

const pickFields = (values: Record<string, unknown> | null, fields: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(fields.map((f) => [f, values?.[f] ?? null]));

/** A `processed` audit event per changed lead, idempotent per (run, lead). */
async function writeAudit(em: EntityManager, ctx: PageContext, outcomes: readonly LeadOutcome[]): Promise<void> {
  const changed = outcomes.filter((o) => o.outcome === 'changed');
  if (changed.length === 0) return;
  const fields = (o: LeadOutcome) => (o.audit?.['changed'] as string[] | undefined) ?? Object.keys(o.after ?? {});
  await rawQuery(
    em,
    `insert into "audit_event" ("event_key", "lead_id", "action", "actor", "reason", "before", "after", "trace", "detail")
     select 'processing/' || $1::text || '/' || v.lead_id, v.lead_id, 'processed', $2, 'processing', v.before, v.after, v.trace, $3::jsonb
       from unnest($4::uuid[], $5::jsonb[], $6::jsonb[], $7::jsonb[]) as v(lead_id, before, after, trace)
     on conflict ("event_key") do nothing`,
    [
      ctx.runId,
      actorLabel(processingActor(ctx.def.activityId)),
      JSON.stringify({ runId: ctx.runId, processingActivityId: ctx.def.activityId, processType: ctx.def.processType }),
      changed.map((o) => o.leadId),
      changed.map((o) => JSON.stringify(pickFields(o.before, fields(o)))),
      changed.map((o) => JSON.stringify(pickFields(o.after, fields(o)))),
      changed.map((o) => JSON.stringify({ ...o.audit, runId: ctx.runId, processingActivityId: ctx.def.activityId })),
    ],
  );
}

/** The output log: every lead in diagnostic mode, failures always. */
async function writeLog(em: EntityManager, ctx: PageContext, pageNo: number, outcomes: readonly LeadOutcome[]): Promise<void> {
  const logged = ctx.def.diagnostic ? outcomes : outcomes.filter((o) => o.outcome === 'failed');
  if (logged.length === 0) return;
  await rawQuery(
    em,
    `insert into "processing_run_log" ("run_id", "lead_id", "page_no", "outcome", "before", "after", "trace", "message")
     select $1, v.lead_id, $2, v.outcome, v.before, v.after, v.trace, v.message
       from unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::jsonb[], $8::text[]) as v(lead_id, outcome, before, after, trace, message)
     on conflict do nothing`,
    [
      ctx.runId, pageNo, logged.map((o) => o.leadId), logged.map((o) => o.outcome), logged.map((o) => json(o.before)),
      logged.map((o) => json(o.after)), logged.map((o) => json(o.trace)), logged.map((o) => o.message ?? null),
    ],
  );
}

export async function processPage(orm: MikroORM, ctx: PageContext): Promise<PageResult> {
  return orm.em.fork().transactional(async (em: EntityManager) => {
    const [run] = await rawRows<{ status: string; cursor: string | null; pages: number }>(em, 'select "status", "cursor", "pages" from "processing_run" where "id" = $1 for update', [ctx.runId]);
    if (!run || run.status !== 'In progress') return DONE;
    const where = criteriaSql(ctx.def.criteria, ctx.asOf);
    const params: unknown[] = [...where.params];
    let sql = `select ${LEAD_SELECT} from "lead" where (${numbered(where.sql)})`;
    if (run.cursor) sql += ` and "id" > $${params.push(run.cursor)}`;
    sql += ` order by "id" limit $${params.push(ctx.def.pageSize)}`;
    if (ctx.evaluator.locksLeads) sql += ' for no key update';
    const rows = await rawRows(em, sql, params);
    if (rows.length === 0) return DONE;
    const pageNo = run.pages + 1;
    ctx.checkpoint({ pageNo, cursor: run.cursor });

    const outcomes = await ctx.evaluator.evaluate(rows, ctx.asOf, em);
    ctx.checkpoint({ pageNo, cursor: run.cursor });
    await writeLeads(em, outcomes);
    if (ctx.evaluator.writeExtra) {
      for (const [leadId, why] of await ctx.evaluator.writeExtra(em, outcomes, ctx.asOf)) {
        const o = outcomes.find((x) => x.leadId === leadId);
        if (o) fail(o, why);
      }
    }
    await writeAudit(em, ctx, outcomes);
    await writeLog(em, ctx, pageNo, outcomes);

    const count = (k: LeadOutcome['outcome']) => outcomes.filter((o) => o.outcome === k).length;
    const result: PageResult = {
      done: false, pageNo, selected: rows.length, changed: count('changed'), skipped: count('skipped'), failed: count('failed'),
      signals: outcomes.flatMap((o) => (o.signal ? [o.signal] : [])),
    };
    const last = String(rows[rows.length - 1]!['id']);
    await rawQuery(
      em,
      `insert into "processing_run_page" ("run_id", "page_no", "first_lead_id", "last_lead_id", "selected", "changed", "skipped", "failed", "signals", "processed_by")
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
      [ctx.runId, pageNo, String(rows[0]!['id']), last, result.selected, result.changed, result.skipped, result.failed, result.signals.length > 0 ? JSON.stringify(result.signals) : null, ctx.processedBy],
    );
    await rawQuery(
      em,
      `update "processing_run" set "cursor" = $2, "pages" = $3, "selected" = "selected" + $4, "processed" = "processed" + $5, "changed" = "changed" + $6,
              "skipped" = "skipped" + $7, "failed" = "failed" + $8, "updated_at" = now()
        where "id" = $1`,
      [ctx.runId, last, pageNo, result.selected, result.selected - result.failed, result.changed, result.skipped, result.failed],
    );
    return result;
  });
}
