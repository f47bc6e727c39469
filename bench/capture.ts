// bench:capture: drives the API of a leadflow started for the run (`scripts/dev.ts` in a child
// process: embedded PostgreSQL, Temporal dev server with its SQLite pragmas, worker + API), over
// loopback only, with bounded request loops.
//  1. capture-to-offer latency at a steady 20 leads/s (from sending POST /leads to the `offered`
//     audit event written by the assignment activity);
//  2. the highest capture rate sustained for 60 s with no backlog growth (leads captured but not
//     yet offered), stepping the rate up until the backlog grows or requests fail.
// Prints its figures; the last line is JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { issueToken } from '../api/auth/tokens.js';
import { freePort } from '../platform/ports.js';

const STEADY_RATE = Number(process.env.BENCH_STEADY_RATE ?? 20);
const STEADY_SECONDS = Number(process.env.BENCH_STEADY_SECONDS ?? 30);
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 60);
const RATES = (process.env.BENCH_RATES ?? '40,60,80,100,120,150').split(',').map(Number);
const REPS = 20;

interface Stack { api: string; db: pg.Pool; token: string; child: ChildProcess; dataDir: string }

async function startStack(): Promise<Stack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadflow-bench-capture-'));
  fs.chmodSync(dataDir, 0o777);
  const [port, pgPort, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/dev.ts'], {
    env: {
      ...process.env, LEADFLOW_DATA_DIR: dataDir, PORT: String(port), EMBEDDED_POSTGRES_PORT: String(pgPort),
      TEMPORAL_DEV_PORT: String(temporalPort), TEMPORAL_UI_PORT: String(uiPort), LOG_LEVEL: 'error',
      LEADFLOW_RATE_LIMIT_PER_MINUTE: '0', NODE_OPTIONS: process.env.BENCH_WORKER_NODE_OPTIONS ?? '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready in')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`leadflow exited (${code}) before it was ready:\n${out}`)));
  });
  const secret = fs.readFileSync(path.join(dataDir, 'auth-secret'), 'utf8').trim();
  const token = await issueToken(secret, { sub: 'bench', role: 'admin' }, '2h');
  const db = new pg.Pool({ connectionString: `postgres://postgres:postgres@127.0.0.1:${pgPort}/leadflow`, max: 4 });
  return { api: `http://127.0.0.1:${port}`, db, token, child, dataDir };
}

async function stopStack(s: Stack): Promise<void> {
  await s.db.end();
  await new Promise<void>((resolve) => {
    s.child.once('exit', () => resolve());
    s.child.kill('SIGINT');
  });
  fs.rmSync(s.dataDir, { recursive: true, force: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed JSON responses
type Json = any;

async function call(s: Stack, method: string, p: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(s.api + p, {
    method,
    headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function seed(s: Stack): Promise<void> {
  const reps: string[] = [];
  for (let i = 0; i < REPS; i++) {
    const r = await call(s, 'POST', '/reps', { name: `Bench rep ${i}`, email: `bench${i}@leadflow.example`, capacity: 100_000 });
    reps.push(r.body.id);
  }
  const team = await call(s, 'POST', '/teams', { name: 'Bench sales', memberRepIds: reps });
  const routing = await call(s, 'PUT', '/routing-config', { config: { id: 'bench', name: 'Bench', steps: [{ id: 'rr', match: { kind: 'team', teamId: team.body.id } }] } });
  if (routing.status !== 200) throw new Error(`routing: ${JSON.stringify(routing.body)}`);
  const scoring = await call(s, 'POST', '/rule-sets', {
    name: 'Bench scoring', type: 'scoring',
    rules: [
      { name: 'big deal', when: { all: [{ attr: 'purchaseAmount', op: 'gte', value: 50_000 }] }, then: { points: 40 } },
      { name: 'decision maker', when: { all: [{ attr: 'decisionMakerIdentified', op: 'eq', value: true }] }, then: { points: 30 } },
      { name: 'us', when: { all: [{ attr: 'country', op: 'eq', value: 'US' }] }, then: { points: 10 } },
    ],
  });
  await call(s, 'POST', `/rule-sets/${scoring.body.id}/activate`, {});
}

let seq = 0;
function lead(run: string) {
  seq++;
  return {
    source: 'web_form', origSystemReference: `${run}-${seq}`, firstName: 'Bench', lastName: `Lead ${seq}`,
    email: `lead${seq}@${run}-${seq % 500}.example`, companyName: `Bench Co ${run} ${seq}`, country: seq % 3 ? 'US' : 'DE',
    purchaseAmount: (seq % 10) * 10_000, decisionMakerIdentified: seq % 2 === 0, productCategory: `P${seq % 7}`,
  };
}

/** Sends `rate` captures per second for `seconds`; returns lead id -> send time (ms) and failures. */
async function drive(s: Stack, rate: number, seconds: number, run: string): Promise<{ sent: Map<string, number>; failures: number; latenciesMs: number[] }> {
  const sent = new Map<string, number>();
  const latenciesMs: number[] = [];
  let failures = 0;
  const total = Math.round(rate * seconds);
  const start = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t0 = Date.now();
    const p0 = performance.now();
    inflight.push(call(s, 'POST', '/leads', lead(run)).then((r) => {
      latenciesMs.push(performance.now() - p0);
      if (r.status === 201) sent.set(r.body.id, t0);
      else failures++;
    }, () => { failures++; }));
  }
  await Promise.all(inflight);
  return { sent, failures, latenciesMs };
}

async function offeredAt(s: Stack, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 1000) {
    const { rows } = await s.db.query("select lead_id, min(at) as at from audit_event where action = 'offered' and lead_id = any($1) group by lead_id", [ids.slice(i, i + 1000)]);
    for (const r of rows) out.set(r.lead_id, new Date(r.at).getTime());
  }
  return out;
}

async function backlog(s: Stack, run: string): Promise<number> {
  const { rows } = await s.db.query(
    "select count(*)::int as n from lead l where l.orig_system_reference like $1 and not exists (select 1 from audit_event e where e.lead_id = l.id and e.action = 'offered')",
    [`${run}-%`],
  );
  return rows[0].n;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

async function main(): Promise<void> {
  console.log(`bench:capture on ${os.cpus().length} cores, node ${process.version}`);
  const s = await startStack();
  try {
    await seed(s);
    // warm-up (bundles, caches, JIT)
    await drive(s, 10, 5, 'warm');

    const steady = await drive(s, STEADY_RATE, STEADY_SECONDS, 'steady');
    const ids = [...steady.sent.keys()];
    let offers = new Map<string, number>();
    for (let i = 0; i < 60 && offers.size < ids.length; i++) {
      offers = await offeredAt(s, ids);
      if (offers.size < ids.length) await new Promise((r) => setTimeout(r, 1000));
    }
    const latency = ids.filter((id) => offers.has(id)).map((id) => offers.get(id)! - steady.sent.get(id)!);
    const p50 = Math.round(pct(latency, 50));
    const p99 = Math.round(pct(latency, 99));
    console.log(`steady ${STEADY_RATE}/s for ${STEADY_SECONDS} s: ${ids.length} captured, ${offers.size} offered, failures ${steady.failures}`);
    console.log(`  capture-to-offer latency p50 ${p50} ms, p99 ${p99} ms (POST /leads alone: p50 ${Math.round(pct(steady.latenciesMs, 50))} ms, p99 ${Math.round(pct(steady.latenciesMs, 99))} ms)`);

    let maxSustained = 0;
    for (const rate of RATES) {
      const run = `r${rate}`;
      const t0 = performance.now();
      const windowRun = await drive(s, rate, WINDOW_SECONDS, run);
      const elapsed = (performance.now() - t0) / 1000;
      const achieved = windowRun.sent.size / elapsed;
      const left = await backlog(s, run);
      const ok = windowRun.failures === 0 && achieved >= rate * 0.95 && left <= Math.max(20, rate);
      console.log(`rate ${rate}/s for ${WINDOW_SECONDS} s: achieved ${achieved.toFixed(1)}/s, failures ${windowRun.failures}, backlog at the end ${left}, POST p99 ${Math.round(pct(windowRun.latenciesMs, 99))} ms -> ${ok ? 'sustained' : 'NOT sustained'}`);
      if (!ok) break;
      maxSustained = rate;
      // let the previous window drain before the next
      for (let i = 0; i < 30 && (await backlog(s, run)) > 0; i++) await new Promise((r) => setTimeout(r, 1000));
    }
    console.log(`highest rate sustained for ${WINDOW_SECONDS} s: ${maxSustained} leads/s`);
    console.log(JSON.stringify({ bench: 'capture', p50Ms: p50, p99Ms: p99, maxSustainedPerSec: maxSustained }));
  } finally {
    await stopStack(s);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
