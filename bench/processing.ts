// Batch rescoring benchmark: 100,000 generated leads (seeded PRNG) in an embedded PostgreSQL of
// its own, rescored by a Scoring processing run with a 20-rule set through the code the run
// workflow's activities use (startRun -> runPages: keyset page, evaluate, one UPDATE per page,
// audit events and page log in bulk -> finishRun), without Temporal: the run is driven in-process
// and the signals to lead workflows go to a counter. Compared, in the same run, with ONE set-based
// `UPDATE lead SET score = <CASE sum, clamped>` computing the same scores in Postgres (the floor);
// the scores of both are checked equal on every lead. Both start from the same state and are
// alternated BENCH_REPEAT times (default 2); the best of each is compared. Last line: one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { finishRun, runPages, startRun } from '../activities/processing/runs.js';
import type { SignalSender } from '../activities/processing/signals.js';
import { migrate, openOrm } from '../db/orm.js';
import { numbered } from '../db/processing-criteria.js';
import { rawQuery, rawRows } from '../db/raw-sql.js';
import { CompiledRuleSetCache } from '../db/rule-set-store.js';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.js';
import { freePort } from '../platform/ports.js';
import { validateRuleSet } from '../rules/index.js';
import { floorUpdateSql, scoring20 } from './processing-workload.js';
import { NOW, generateLeads } from './rules-workload.js';

const LEADS = Number(process.env['BENCH_LEADS'] ?? 100_000);
const PAGE_SIZE = Number(process.env['BENCH_PAGE_SIZE'] ?? 1000);
const REPEAT = Number(process.env['BENCH_REPEAT'] ?? 2);
const CHUNK = 5000;

const secondsSince = (t0: number): number => (performance.now() - t0) / 1000;
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function insertLeads(em: EntityManager): Promise<void> {
  for (let offset = 0; offset < LEADS; offset += CHUNK) {
    const leads = generateLeads(Math.min(CHUNK, LEADS - offset), 20250630 + offset);
    const col = (k: string) => leads.map((l) => (l[k] ?? null) as unknown);
    await rawQuery(
      em,
      `insert into "lead" ("id", "workflow_id", "source", "country", "product_category", "budget_status", "decision_maker_identified", "job_title",
                           "industry", "employee_count", "lead_channel", "created_at", "purchase_timeframe", "purchase_amount", "phone")
       select v.id, 'lead-' || v.id, 'import', v.country, v.pc, v.bs, v.dm, v.jt, v.ind, v.ec, v.ch, v.created, v.tf, v.amount, v.phone
         from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::int[], $9::text[], $10::timestamptz[],
                     $11::text[], $12::numeric[], $13::text[]) as v(id, country, pc, bs, dm, jt, ind, ec, ch, created, tf, amount, phone)`,
      [
        leads.map(() => randomUUID()), col('country'), col('productCategory'), col('budgetStatus'), col('decisionMakerIdentified'), col('jobTitle'),
        col('industry'), col('employeeCount'), col('leadChannel'), col('createdAt'), col('purchaseTimeframe'), col('purchaseAmount'), col('phone'),
      ],
    );
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadflow-bench-processing-'));
  fs.chmodSync(dir, 0o777); // embedded PostgreSQL runs as the `postgres` user when we are root
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'bench', fast: true });
  const orm = await openOrm({ url: pg.url, poolMax: 4 });
  try {
    await migrate(orm);
    const em = orm.em.fork();
    const t0 = performance.now();
    await insertLeads(em);
    await rawQuery(em, 'vacuum analyze "lead"');
    console.log(`${LEADS} leads inserted in ${secondsSince(t0).toFixed(1)} s`);

    // The 20-rule scoring set, stored like the API stores it, and a Scoring activity over every lead.
    const checked = validateRuleSet({ ...scoring20, id: randomUUID() });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const set = checked.value;
    await rawQuery(em, `insert into "rule_set" ("id", "name", "type", "latest_version", "created_by") values ($1, $2, 'scoring', 1, 'bench')`, [set.id, set.name]);
    await rawQuery(em, `insert into "rule_set_version" ("rule_set_id", "version", "definition", "created_by") values ($1, 1, $2::jsonb, 'bench')`, [set.id, JSON.stringify(set)]);
    const activityId = randomUUID();
    await rawQuery(
      em,
      `insert into "processing_activity" ("id", "name", "process_type", "rule_set_id", "criteria", "page_size", "schedule_mode", "created_by", "updated_by")
       values ($1, 'Bench rescoring', 'Scoring', $2, '[]', $3, 'Immediate', 'bench', 'bench')`,
      [activityId, set.id, PAGE_SIZE],
    );

    // Each measurement starts from the same state: scores and rule versions cleared, no audit
    // events, the table vacuumed (so both sides find the same free space in the heap pages).
    const reset = async () => {
      await rawQuery(em, 'update "lead" set "score" = null, "rule_versions" = null');
      await rawQuery(em, 'truncate "audit_event"');
      await rawQuery(em, 'vacuum analyze "lead"');
    };

    // The processing path: the run workflow's activity code, driven in-process.
    let signals = 0;
    const sendSignals: SignalSender = async (requests) => {
      signals += requests.length;
      return { sent: requests.length, missed: 0 };
    };
    const deps = { orm, sendSignals, cache: new CompiledRuleSetCache(), checkpoint: () => undefined, processedBy: 'bench' };
    const processingRun = async () => {
      await reset();
      signals = 0;
      const runId = randomUUID();
      const t1 = performance.now();
      const started = await startRun(orm, { runId, activityId, workflowId: `bench-${runId}`, trigger: 'api' }, NOW);
      if (!started.started) throw new Error(`run not started: ${started.reason}`);
      for (;;) {
        const r = await runPages(deps, { runId, maxPages: 20 });
        if (r.done) break;
      }
      const summary = await finishRun(deps, runId, null);
      const seconds = secondsSince(t1);
      const [{ events }] = (await rawRows<{ events: string }>(em, 'select count(*) as events from "audit_event" where "event_key" like $1', [`processing/${runId}/%`])) as [{ events: string }];
      console.log(`processing run: ${seconds.toFixed(2)} s, ${summary?.pages} pages of ${PAGE_SIZE}, ${summary?.changed} leads changed, ${events} audit events, ${signals} signals (counted, not sent), ${summary?.status}`);
      if (summary?.changed !== LEADS || Number(events) !== LEADS) throw new Error('the run did not rescore every lead');
      return seconds;
    };
    // The floor: the same scores in one set-based UPDATE.
    const floor = floorUpdateSql(NOW);
    const floorUpdate = async () => {
      await reset();
      const t2 = performance.now();
      await rawQuery(em, numbered(floor.sql), floor.params);
      const seconds = secondsSince(t2);
      console.log(`floor (one UPDATE ... SET score = CASE sum): ${seconds.toFixed(2)} s`);
      return seconds;
    };

    // Alternated, best of REPEAT each (the machine may be shared).
    const ours: number[] = [];
    const floors: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      ours.push(await processingRun());
      if (i === 0) await rawQuery(em, 'create table "bench_scores" as select "id", "score" from "lead"');
      floors.push(await floorUpdate());
    }
    const [{ differ, scored }] = (await rawRows<{ differ: string; scored: string }>(
      em, 'select count(*) filter (where l."score" is distinct from b."score") as differ, count(b."score") as scored from "lead" l join "bench_scores" b using ("id")',
    )) as [{ differ: string; scored: string }];
    if (Number(differ) !== 0) throw new Error(`${differ} leads have another score in the floor than in the processing run`);
    console.log(`scores equal on all ${LEADS} leads (${scored} scored)`);

    const seconds = Math.min(...ours);
    const floorSeconds = Math.min(...floors);
    const ratio = seconds / floorSeconds;
    console.log(`best of ${REPEAT}: processing ${seconds.toFixed(2)} s, floor ${floorSeconds.toFixed(2)} s, ratio ${ratio.toFixed(2)} (target <= 3)`);
    console.log(JSON.stringify({ bench: 'processing', seconds: Number(seconds.toFixed(3)), floorSeconds: Number(floorSeconds.toFixed(3)), ratio: Number(ratio.toFixed(2)), peakRssMb: peakRssMb() }));
  } finally {
    await orm.close();
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
