// Assignment benchmark: decisions per second through the real assignLead activity (snapshot plan,
// row locks, re-decision, one-statement write) against an embedded PostgreSQL, with 100 reps in
// 7 teams, 50 territories and a 20-step routing configuration (bench/assign-workload.ts). Runs at
// 1 and at 16 concurrent callers (bounded: a fixed number of leads each), then checks fairness:
// assignments across the 10 equal reps of the round-robin step differ by at most one.
// Last line: {"bench":"assign","perSec1":…,"perSec16":…,"maxMinusMin":…}
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Client } from '@temporalio/client';
import { assignmentActivities, type AssignLeadInput } from '../activities/assignment.js';
import { staticRuleSetLoader } from '../db/assignment/rule-sets.js';
import { json, lit, pgArray, rows, run } from '../db/assignment/sql.js';
import { migrate, openOrm } from '../db/orm.js';
import { startEmbeddedPostgres } from '../platform/embedded-postgres.js';
import { createLogger } from '../platform/logger.js';
import { freePort } from '../platform/ports.js';
import { repSchema, routingConfigSchema, teamSchema, territorySchema } from '../rules/assignment/index.js';
import { BENCH_RULE_SETS, benchLeadAttributes, benchReps, benchRouting, benchTeams, benchTerritories, INBOUND_REP_IDS } from './assign-workload.js';

const LEADS_1 = Number(process.env['BENCH_LEADS_1'] ?? 400);
const LEADS_16 = Number(process.env['BENCH_LEADS_16'] ?? 3000);
const LEADS_UNBATCHED = Number(process.env['BENCH_LEADS_UNBATCHED'] ?? 600);
const WARMUP = 100;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadflow-bench-assign-'));
fs.chmodSync(dir, 0o777); // embedded PostgreSQL runs as the `postgres` user when we are root
const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await freePort(), database: 'bench', fast: true });
const orm = await openOrm({ url: pg.url, poolMax: 24 });
try {
  await migrate(orm);
  const em = orm.em.fork();
  await seed();
  const leads = await insertLeads(WARMUP + LEADS_1 + LEADS_16 + LEADS_UNBATCHED);
  const deps = { orm, logger: createLogger('warn'), temporal: {} as Client };
  const acts = assignmentActivities(deps, { ruleSets: staticRuleSetLoader(BENCH_RULE_SETS), batchConcurrency: Number(process.env['BENCH_LANES'] ?? 2) });
  // For comparison: every call its own transaction, contending for the same row locks.
  const unbatched = assignmentActivities(deps, { ruleSets: staticRuleSetLoader(BENCH_RULE_SETS), batchSize: 1 });
  let use = acts;
  const input = (leadId: string): AssignLeadInput => ({
    leadId, eventKey: `bench-${leadId}`, actor: { kind: 'system', id: 'bench' }, reason: 'captured', excludeRepIds: [], attempt: 1,
    offerDeadline: new Date(Date.now() + 3_600_000).toISOString(),
  });
  const latencies: number[] = [];
  let cpuMs = 0;
  let pgCpuMs = 0;
  /** CPU seconds of the database's backends (Linux /proc; 0 elsewhere). */
  async function postgresCpu(): Promise<number> {
    const pids = (await rows(orm.em.fork(), `select pid from pg_stat_activity where datname = current_database()`)).map((r) => Number(r.pid));
    let ticks = 0;
    for (const pid of pids) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        ticks += Number(stat[11] ?? 0) + Number(stat[12] ?? 0);
      } catch { /* not Linux, or gone */ }
    }
    return ticks / 100;
  }
  async function drive(ids: string[], concurrency: number): Promise<number> {
    let next = 0;
    const pgBefore = await postgresCpu();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const t = performance.now();
        await use.assignLead(input(id));
        latencies.push(performance.now() - t);
      }
    }));
    const elapsed = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    cpuMs = (used.user + used.system) / 1000 / ids.length;
    pgCpuMs = ((await postgresCpu()) - pgBefore) * 1000 / ids.length;
    return ids.length / elapsed;
  }

  console.log(`assignment benchmark: 100 reps, 50 territories, 20-step routing; node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await drive(leads.slice(0, WARMUP), 4);
  latencies.length = 0;
  const perSec1 = await drive(leads.slice(WARMUP, WARMUP + LEADS_1), 1);
  const cpu1 = cpuMs;
  const pgCpu1 = pgCpuMs;
  const p1 = percentiles(latencies);
  latencies.length = 0;
  const perSec16 = await drive(leads.slice(WARMUP + LEADS_1, WARMUP + LEADS_1 + LEADS_16), 16);
  const cpu16 = cpuMs;
  const pgCpu16 = pgCpuMs;
  const p16 = percentiles(latencies);
  use = unbatched;
  await drive(leads.slice(WARMUP + LEADS_1 + LEADS_16, WARMUP + LEADS_1 + LEADS_16 + 50), 4); // warm its cache
  latencies.length = 0;
  const perSecUnbatched = LEADS_UNBATCHED > 50 ? await drive(leads.slice(WARMUP + LEADS_1 + LEADS_16 + 50), 16) : 0;
  const pu = percentiles(latencies);

  const outcomes = await rows(em, `select outcome, count(*)::int as n from assignment_decision group by 1 order by 1`);
  const inbound = await rows(em, `select r.id, r.open_lead_count, (select count(*)::int from assignment_decision d where d.winner_rep_id = r.id) as decisions
    from rep r where r.id = any(?::uuid[])`, [pgArray(INBOUND_REP_IDS)]);
  const counts = inbound.map((r) => Number(r.decisions));
  const maxMinusMin = Math.max(...counts) - Math.min(...counts);
  const consistent = inbound.every((r) => Number(r.open_lead_count) === Number(r.decisions));
  const [size] = await rows(em, 'select avg(pg_column_size(decision))::int as stored, avg(length(decision::text))::int as text from assignment_decision');
  console.log(`1 caller:    ${perSec1.toFixed(0)} decisions/s (${LEADS_1} leads; latency p50 ${p1.p50.toFixed(1)} ms, p99 ${p1.p99.toFixed(1)} ms; CPU per decision: worker ${cpu1.toFixed(2)} ms, PostgreSQL ${pgCpu1.toFixed(2)} ms)`);
  console.log(`16 callers:  ${perSec16.toFixed(0)} decisions/s (${LEADS_16} leads; latency p50 ${p16.p50.toFixed(1)} ms, p99 ${p16.p99.toFixed(1)} ms; CPU per decision: worker ${cpu16.toFixed(2)} ms, PostgreSQL ${pgCpu16.toFixed(2)} ms)`);
  console.log(`16 callers, one transaction per call (no batching): ${perSecUnbatched.toFixed(0)} decisions/s (latency p50 ${pu.p50.toFixed(1)} ms, p99 ${pu.p99.toFixed(1)} ms; CPU per decision: worker ${cpuMs.toFixed(2)} ms, PostgreSQL ${pgCpuMs.toFixed(2)} ms)`);
  console.log(`outcomes:    ${outcomes.map((o) => `${String(o.outcome)} ${String(o.n)}`).join(', ')}`);
  console.log(`fairness:    round-robin step (10 equal reps): ${counts.join(' ')} -> max - min = ${maxMinusMin}; counters match decisions: ${consistent}`);
  console.log(`decisions:   ${String(size?.text)} bytes of JSON each (${String(size?.stored)} bytes stored, compressed)`);
  if (maxMinusMin > 1 || !consistent) process.exitCode = 1;
  console.log(JSON.stringify({ bench: 'assign', perSec1: Math.round(perSec1), perSec16: Math.round(perSec16), maxMinusMin }));

  async function seed(): Promise<void> {
    const reps = benchReps().map((r) => repSchema.parse(r));
    for (const r of reps) {
      await run(em, `insert into rep (id, name, email, manager_id, skills, products, languages, geography, customer_focus, capacity, weight, performance_score)
        values (?, ?, ?, null, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)`,
      [r.id, r.name, r.email, json(r.skills), json(r.products), json(r.languages), json(r.geography), json(r.customerFocus), r.capacity, r.weight, r.performanceScore]);
    }
    await run(em, `update rep set manager_id = v.m from (select * from jsonb_to_recordset(${lit(reps.map((r) => ({ id: r.id, m: r.managerId })))}::jsonb) as x(id uuid, m uuid)) v(id, m) where rep.id = v.id`);
    for (const t of benchTeams().map((x) => teamSchema.parse(x))) {
      await run(em, 'insert into team (id, name, kind, manager_rep_id) values (?, ?, ?, ?)', [t.id, t.name, t.kind, t.managerRepId]);
      for (const m of t.memberRepIds) await run(em, 'insert into team_member (team_id, rep_id) values (?, ?)', [t.id, m]);
    }
    for (const t of benchTerritories().map((x) => territorySchema.parse(x))) {
      await run(em, 'insert into territory (id, name, type, status, parent_id, owner_rep_id, dimensions, attributes) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)',
        [t.id, t.name, t.type, t.status, t.parentId, t.ownerRepId, json(t.dimensions), json(t.attributes)]);
      for (const m of t.memberRepIds) await run(em, 'insert into territory_member (territory_id, rep_id) values (?, ?)', [t.id, m]);
    }
    const routing = routingConfigSchema.parse(benchRouting());
    await run(em, `insert into routing_config_version (version, config_id, definition, active, created_by) values (1, ?, ?::jsonb, true, 'bench')`, [routing.id, json(routing)]);
    await run(em, 'update assignment_settings set revision = revision + 1');
  }

  async function insertLeads(n: number): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (let i = 0; i < n; i += 1000) {
      const chunk = ids.slice(i, i + 1000).map((id, k) => {
        const a = benchLeadAttributes(i + k);
        return { id, workflow_id: `lead-${id}`, source: 'api', first_name: a.firstName, company_name: a.companyName, country: a.country, postal_code: a.postalCode,
          language: a.language, product: a.product, industry: a.industry, customer_size: a.customerSize, purchase_amount: a.purchaseAmount, campaign_code: a.campaignCode };
      });
      await run(em, `insert into lead (id, workflow_id, source, first_name, company_name, country, postal_code, language, product, industry, customer_size, purchase_amount, campaign_code)
        select * from jsonb_to_recordset(${lit(chunk)}::jsonb) as v(id uuid, workflow_id text, source text, first_name text, company_name text, country text,
          postal_code text, language text, product text, industry text, customer_size text, purchase_amount numeric, campaign_code text)`);
    }
    return ids;
  }
} finally {
  await orm.close();
  await pg.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

function percentiles(values: number[]): { p50: number; p99: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}
