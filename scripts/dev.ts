// `npm start`: leadflow on one machine with nothing installed but Node. Embedded PostgreSQL and
// the Temporal dev server (data kept in .data/), migrations, the worker and the API. Ctrl-C
// stops everything in order (API and worker, Temporal, PostgreSQL), says so and exits 0; the
// next start keeps all leads and running workflows. If one of these services ends by itself,
// it says which, stops the rest in order and exits 1.
// With DATABASE_URL and/or TEMPORAL_ADDRESS set, those services are used instead.
// package.json starts this with `exec node ...`: no shell between npm and us, whose own exit
// on Ctrl-C would make npm exit 130 although we stopped cleanly.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { issueToken } from '../api/auth/tokens.js';
import { migrate, openOrm } from '../db/orm.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../platform/embedded-postgres.js';
import { startLeadflowProcess } from '../platform/leadflow-process.js';
import { createLogger } from '../platform/logger.js';
import { removeRunningInfo, writeRunningInfo } from '../platform/running-info.js';
import { ensureSearchAttributes } from '../platform/search-attributes-setup.js';
import { resolveTemporalBinaries } from '../platform/temporal-binaries.js';
import { startTemporalDevServer, type RunningDevServer } from '../platform/temporal-dev-server.js';

const started = Date.now();
const say = (msg: string) => process.stdout.write(`[leadflow] ${msg}\n`);

// One Ctrl-C reaches us more than once: the terminal sends SIGINT to its whole foreground process
// group (npm, the shell, us), and npm forwards the SIGINT it got to us as well. Signals within
// this window of the first are the same Ctrl-C; a later Ctrl-C forces the exit.
const SAME_CTRL_C_MS = 1_500;

/** What was started, stopped in reverse order; the embedded servers run in their own process
 * group, so that a Ctrl-C in the terminal reaches only this process and they stop last. */
const stops: { what: string; stop: () => Promise<void> }[] = [];
let stopping: { at: number } | undefined;
let dataNote = '';

async function stopEverything(reason: string, exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = { at: Date.now() };
  say(reason);
  for (let next = stops.pop(); next; next = stops.pop()) {
    await next.stop().catch((err: unknown) => say(`stopping ${next!.what} failed: ${err instanceof Error ? err.message : String(err)}`));
  }
  const took = ((Date.now() - stopping.at) / 1000).toFixed(1);
  process.stdout.write(`[leadflow] stopped${exitCode ? ' after a failure' : ''}; data kept${dataNote} (stop took ${took} s)\n`, () => process.exit(exitCode));
}

function onSignal(signal: NodeJS.Signals): void {
  if (!stopping) {
    void stopEverything(`${signal}: stopping (Ctrl-C again to force)`, 0);
  } else if (signal === 'SIGINT' && Date.now() - stopping.at > SAME_CTRL_C_MS) {
    say('forced exit: the embedded servers are told to stop as we exit');
    process.exit(130);
  }
}

/** One of our own services ended by itself: say which, stop the rest in order, exit non-zero. */
function serviceDied(what: string, how: string): void {
  if (stopping) return;
  void stopEverything(`${what} ${how}, unexpectedly: stopping the rest`, 1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const dataDir = path.resolve(config.LEADFLOW_DATA_DIR);
  const shownDataDir = path.relative(process.cwd(), dataDir) || '.';
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  dataNote = ` in ${shownDataDir}`;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  const track = <T extends { stop: () => Promise<void> }>(what: string, service: T): T => {
    stops.push({ what, stop: () => service.stop() });
    if (stopping) throw new Error('stopping');
    return service;
  };

  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const pg: RunningPostgres = track('PostgreSQL', await startEmbeddedPostgres({
      dataDir: path.join(dataDir, 'postgres'),
      port: config.EMBEDDED_POSTGRES_PORT,
      database: 'leadflow',
      ownProcessGroup: true,
      onLog: (line) => logger.debug({ component: 'postgres' }, line),
      onUnexpectedExit: (how) => serviceDied('embedded PostgreSQL', how),
    }).catch((err: unknown) => { throw hint(err, 'EMBEDDED_POSTGRES_PORT'); }));
    databaseUrl = pg.url;
    const where = pg.linkedFrom ? `${path.relative(process.cwd(), pg.linkedFrom)} -> ${pg.dataDir}` : path.relative(process.cwd(), pg.dataDir);
    if (pg.linkedFrom) dataNote = ` in ${shownDataDir} (PostgreSQL's in ${pg.dataDir})`;
    say(`PostgreSQL (embedded) on 127.0.0.1:${pg.port}, data in ${where}`);
  }
  const orm = await openOrm({ url: databaseUrl, poolMax: 2 });
  try {
    const applied = await migrate(orm);
    say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema up to date');
  } finally {
    await orm.close();
  }

  let temporalAddress = config.TEMPORAL_ADDRESS;
  let uiUrl: string | undefined;
  if (!temporalAddress) {
    execFileSync('bash', [path.resolve('scripts/provision-temporal.sh')], { stdio: 'inherit' });
    const binaries = resolveTemporalBinaries();
    if (!binaries.cli) throw new Error('The Temporal CLI is not available locally; set TEMPORAL_ADDRESS to use a running Temporal server');
    const dev: RunningDevServer = track('the Temporal dev server', await startTemporalDevServer({
      cliPath: binaries.cli,
      port: config.TEMPORAL_DEV_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFile: path.join(dataDir, 'temporal.db'),
      namespace: config.TEMPORAL_NAMESPACE,
      ownProcessGroup: true,
      onLog: (line) => logger.debug({ component: 'temporal' }, line),
      onUnexpectedExit: (how) => serviceDied('the Temporal dev server', how),
    }).catch((err: unknown) => { throw hint(err, 'TEMPORAL_DEV_PORT / TEMPORAL_UI_PORT'); }));
    temporalAddress = dev.address;
    uiUrl = dev.uiUrl;
    say(`Temporal dev server on ${dev.address}, state in ${path.relative(process.cwd(), path.join(dataDir, 'temporal.db'))}`);
  } else {
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const added = await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
      if (added.length) say(`registered search attributes: ${added.join(', ')}`);
    } finally {
      await connection.close();
    }
  }

  const authSecret = config.LEADFLOW_AUTH_SECRET ?? devSecret(dataDir);
  const running = track('the API and worker', await startLeadflowProcess({
    config, databaseUrl, temporalAddress, authSecret, logger,
    onWorkerFailed: (err) => serviceDied('the worker', `failed: ${err instanceof Error ? err.message : String(err)}`),
  }).catch((err: unknown) => { throw hint(err, 'PORT'); }));
  writeRunningInfo(dataDir, { pid: process.pid, apiUrl: running.apiUrl, databaseUrl, temporalAddress });
  track('running.json', { stop: async () => removeRunningInfo(dataDir) });
  const token = await issueToken(authSecret, { sub: 'local-admin', role: 'admin', name: 'Local admin' }, '12h',
    { issuer: config.LEADFLOW_JWT_ISSUER, audience: config.LEADFLOW_JWT_AUDIENCE });
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`API          ${running.apiUrl}   (health: ${running.apiUrl}/healthz)`);
  say(`API docs     ${running.apiUrl}/docs`);
  if (uiUrl) say(`Temporal UI  ${uiUrl}   (namespace ${config.TEMPORAL_NAMESPACE})`);
  say(`admin token (valid 12 h; \`npm run token -- --role rep --rep-id <uuid>\` issues others, \`npm run token -- --api-key --source web_form\` an integration key).`
    + ' In another terminal:\n\n'
    + `  export LEADFLOW_URL=${running.apiUrl}${uiUrl ? ` LEADFLOW_UI=${uiUrl}` : ''}\n`
    + `  export LEADFLOW_TOKEN=${token}\n`);
  say('then follow README.md, "Walkthrough". Ctrl-C stops everything; the next npm start finds the same data.');
}

/** The HS256 secret for local tokens, created once and kept in the data dir. */
function devSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

function hint(err: unknown, variable: string): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(`${message}\n  (if the port is in use, set ${variable} to another port)`, { cause: err });
}

main().catch((err: unknown) => {
  if (stopping) return; // a signal or a service's exit interrupted the start: it is stopping everything
  console.error(`[leadflow] failed to start: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}`);
  void stopEverything('stopping what was started', 1);
});
