// One page of a processing run, in ONE transaction: select the next page of leads matching the
// criteria after the cursor (keyset by id, rows locked) and evaluate them; then claim the page by
// moving the run's cursor with a compare-and-set (it waits for the previous page's commit), write
// the changed lead columns with one statement, the audit events and log rows in bulk, and record
// the page (its signals as an outbox). A crash before commit leaves nothing behind; after commit
// the cursor says the page is done, so no page is ever processed twice.
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

/** Who changes leads in a run: `system:processing/<activityId>`. Audit event keys are `processing/<runId>/<leadId>`. */
export const processingActor = (activityId: string) => ({ kind: 'system' as const, id: `processing/${activityId}` });

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
  delete o.auditFields;
  delete o.payload;
}

async function updateLeads(em: EntityManager, changed: readonly LeadOutcome[]): Promise<void> {
  const w = changed.map((o) => o.write!);
  await rawQuery(
    em,
    `update "lead" as l
        set "status" = v.status, "qualified" = v.qualified, "rank" = v.rank, "score" = v.score, "rule_versions" = v.rule_versions, "updated_at" = now()
       from unnest($1::uuid[], $2::text[], $3::boolean[], $4::text[], $5::int[], $6::jsonb[]) as v(id, status, qualified, rank, score, rule_versions)
      where l."id" = v.id and l."id" = any($1::uuid[])`, // = any(...) lets the planner probe the primary key instead of hashing the whole table
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

/**
 * A `processed` audit event per changed lead, keyed by (run, lead). No `on conflict`: the page
 * transaction holds the run row and checked the cursor, so a page is never written twice; should
 * it happen anyway, the unique key fails the page and it is rolled back.
 */
async function writeAudit(em: EntityManager, ctx: PageContext, outcomes: readonly LeadOutcome[]): Promise<void> {
  const changed = outcomes.filter((o) => o.outcome === 'changed');
  if (changed.length === 0) return;
  const fields = (o: LeadOutcome) => o.auditFields ?? Object.keys(o.after ?? {});
  const rows = changed.map((o) => ({ l: o.leadId, b: pickFields(o.before, fields(o)), a: pickFields(o.after, fields(o)), t: o.audit ?? null }));
  // One JSON document per page: Postgres parses it once (cheaper than an array of jsonb literals).
  await rawQuery(
    em,
    `insert into "audit_event" ("event_key", "lead_id", "action", "actor", "reason", "before", "after", "trace", "detail")
     select 'processing/' || $1::text || '/' || v.l, v.l, $5, $2, 'processing', v.b, v.a, v.t, $3::jsonb
       from jsonb_to_recordset($4::jsonb) as v(l uuid, b jsonb, a jsonb, t jsonb)`,
    [
      ctx.runId,
      actorLabel(processingActor(ctx.def.activityId)),
      JSON.stringify({ runId: ctx.runId, processingActivityId: ctx.def.activityId, processType: ctx.def.processType }),
      JSON.stringify(rows),
      ctx.evaluator.auditAction ?? 'processed',
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

/** Where a page starts: after `cursor` (null: the first lead), as page `pageNo`. */
export interface PageStart { cursor: string | null; pageNo: number }

interface Prepared { rows: Record<string, unknown>[]; outcomes: LeadOutcome[]; first: string; last: string }

/** Step 1 (no run row lock): the page's leads after the cursor, locked, and their outcomes. */
async function preparePage(em: EntityManager, ctx: PageContext, start: PageStart): Promise<Prepared | null> {
  const where = criteriaSql(ctx.def.criteria, ctx.asOf);
  const params: unknown[] = [...where.params];
  let sql = `select ${LEAD_SELECT} from "lead" where (${numbered(where.sql)})`;
  if (start.cursor) sql += ` and "id" > $${params.push(start.cursor)}`;
  sql += ` order by "id" limit $${params.push(ctx.def.pageSize)}`;
  if (ctx.evaluator.locksLeads) sql += ' for no key update';
  const rows = await rawRows(em, sql, params);
  if (rows.length === 0) return null;
  ctx.checkpoint({ pageNo: start.pageNo, cursor: start.cursor });
  const outcomes = await ctx.evaluator.evaluate(rows, ctx.asOf, em);
  ctx.checkpoint({ pageNo: start.pageNo, cursor: start.cursor });
  return { rows, outcomes, first: String(rows[0]!['id']), last: String(rows[rows.length - 1]!['id']) };
}

/** Another attempt moved the cursor (or the run ended): this page is not ours to write. */
export class PageLost extends Error {}

/**
 * Step 2: claim the page by moving the cursor from where the page started (compare-and-set on the
 * run row: it waits for the previous page's transaction and fails if another attempt got there
 * first), then write everything. The claim and the writes commit together or not at all.
 */
async function commitPage(em: EntityManager, ctx: PageContext, start: PageStart, p: Prepared): Promise<PageResult> {
  const claimed = await rawQuery(
    em,
    `update "processing_run" set "cursor" = $2, "pages" = $3, "updated_at" = now()
      where "id" = $1 and "status" = 'In progress' and "cursor" is not distinct from $4::uuid and "pages" = $3 - 1`,
    [ctx.runId, p.last, start.pageNo, start.cursor],
  );
  if (claimed.affected !== 1) throw new PageLost(`page ${start.pageNo} of run ${ctx.runId} was taken by another attempt`);
  const { outcomes } = p;
  await writeLeads(em, outcomes);
  if (ctx.evaluator.writeExtra) {
    for (const [leadId, why] of await ctx.evaluator.writeExtra(em, outcomes, ctx.asOf)) {
      const o = outcomes.find((x) => x.leadId === leadId);
      if (o) fail(o, why);
    }
  }
  await writeAudit(em, ctx, outcomes);
  await writeLog(em, ctx, start.pageNo, outcomes);

  const count = (k: LeadOutcome['outcome']) => outcomes.filter((o) => o.outcome === k).length;
  const result: PageResult = {
    done: false, pageNo: start.pageNo, selected: p.rows.length, changed: count('changed'), skipped: count('skipped'), failed: count('failed'),
    signals: outcomes.flatMap((o) => (o.signal ? [o.signal] : [])),
  };
  await rawQuery(
    em,
    `insert into "processing_run_page" ("run_id", "page_no", "first_lead_id", "last_lead_id", "selected", "changed", "skipped", "failed", "signals", "processed_by")
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
    [ctx.runId, start.pageNo, p.first, p.last, result.selected, result.changed, result.skipped, result.failed, result.signals.length > 0 ? JSON.stringify(result.signals) : null, ctx.processedBy],
  );
  await rawQuery(
    em,
    `update "processing_run" set "selected" = "selected" + $2, "processed" = "processed" + $3, "changed" = "changed" + $4, "skipped" = "skipped" + $5, "failed" = "failed" + $6
      where "id" = $1`,
    [ctx.runId, result.selected, result.selected - result.failed, result.changed, result.skipped, result.failed],
  );
  return result;
}

/** A page whose transaction is open: prepared (leads selected and evaluated), waiting to be committed or aborted. */
export interface OpenPage {
  start: PageStart;
  /** null: no lead is left after the cursor. */
  prepared: { last: string; pageNo: number } | null;
  /** Claims and writes the page, commits; rejects with PageLost when another attempt moved the cursor. */
  commit(): Promise<PageResult>;
  /** Rolls the transaction back. */
  abort(): Promise<void>;
}

const ABORTED = new Error('page aborted');

/**
 * Opens the page's transaction and prepares it. Several pages may be open at once (the next page
 * is selected and evaluated while the previous one writes): their leads are disjoint, and each
 * claim waits for the previous page's commit on the run row.
 */
export function openPage(orm: MikroORM, ctx: PageContext, start: PageStart): Promise<OpenPage> {
  return new Promise<OpenPage>((opened, failedToOpen) => {
    let decide!: (commit: boolean) => void;
    const decision = new Promise<boolean>((resolve) => (decide = resolve));
    let isOpen = false;
    const done = orm.em.fork().transactional(async (em: EntityManager) => {
      const prepared = await preparePage(em, ctx, start);
      isOpen = true;
      opened({
        start,
        prepared: prepared ? { last: prepared.last, pageNo: start.pageNo } : null,
        commit: () => {
          decide(true);
          return done;
        },
        abort: async () => {
          decide(false);
          await done.catch(() => undefined);
        },
      });
      if (!(await decision)) throw ABORTED;
      return prepared ? commitPage(em, ctx, start, prepared) : DONE;
    });
    done.catch((err: unknown) => {
      if (!isOpen) failedToOpen(err);
    });
  });
}
