// `npm start`: leadflow on one machine with nothing installed but Node. Embedded PostgreSQL and
// the Temporal dev server (data kept in .data/), migrations, the worker and the API. Ctrl-C
// stops everything; the next start keeps all leads and running workflows.
// With DATABASE_URL and/or TEMPORAL_ADDRESS set, those services are used instead.
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

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const dataDir = path.resolve(config.LEADFLOW_DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => { for (const stop of stops.reverse()) await stop().catch(() => undefined); };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGHUP', () => void shutdown('SIGHUP'));
  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping (press Ctrl-C again to force)`);
    process.once('SIGINT', () => process.exit(130));
    await stopAll();
    process.stdout.write(`[leadflow] stopped; data kept in ${path.relative(process.cwd(), dataDir)}\n`, () => process.exit(0));
  }

  try {
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const pg: RunningPostgres = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        database: 'leadflow',
        onLog: (line) => logger.debug({ component: 'postgres' }, line),
      }).catch((err: unknown) => { throw hint(err, 'EMBEDDED_POSTGRES_PORT'); });
      stops.push(() => pg.stop());
      databaseUrl = pg.url;
      say(`PostgreSQL (embedded) on 127.0.0.1:${pg.port}, data in ${path.relative(process.cwd(), path.join(dataDir, 'postgres'))}`);
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
      const dev: RunningDevServer = await startTemporalDevServer({
        cliPath: binaries.cli,
        port: config.TEMPORAL_DEV_PORT,
        uiPort: config.TEMPORAL_UI_PORT,
        dbFile: path.join(dataDir, 'temporal.db'),
        namespace: config.TEMPORAL_NAMESPACE,
        onLog: (line) => logger.debug({ component: 'temporal' }, line),
      }).catch((err: unknown) => { throw hint(err, 'TEMPORAL_DEV_PORT / TEMPORAL_UI_PORT'); });
      stops.push(() => dev.stop());
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
    const running = await startLeadflowProcess({ config, databaseUrl, temporalAddress, authSecret, logger })
      .catch((err: unknown) => { throw hint(err, 'PORT'); });
    stops.push(() => running.stop());
    writeRunningInfo(dataDir, { pid: process.pid, apiUrl: running.apiUrl, databaseUrl, temporalAddress });
    stops.push(async () => removeRunningInfo(dataDir));
    const token = await issueToken(authSecret, { sub: 'local-admin', role: 'admin', name: 'Local admin' }, '12h',
      { issuer: config.LEADFLOW_JWT_ISSUER, audience: config.LEADFLOW_JWT_AUDIENCE });
    say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    say(`API          ${running.apiUrl}   (health: ${running.apiUrl}/healthz)`);
    say(`API docs     ${running.apiUrl}/docs`);
    if (uiUrl) say(`Temporal UI  ${uiUrl}   (namespace ${config.TEMPORAL_NAMESPACE})`);
    say(`admin token (valid 12 h; \`npm run token -- --role rep --rep-id <uuid>\` issues others, \`npm run token -- --api-key --source web_form\` an integration key):\n\n  export LEADFLOW_TOKEN=${token}\n`);
    say(`try: curl -s -H "Authorization: Bearer $LEADFLOW_TOKEN" -H 'content-type: application/json' -d '{"source":"api","email":"ada@example.com"}' ${running.apiUrl}/leads`);
  } catch (err) {
    await stopAll();
    throw err;
  }
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
  console.error(`[leadflow] failed to start: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
