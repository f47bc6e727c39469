// Once per test run (jest globalSetup/globalTeardown, see global-setup.mjs): embedded PostgreSQL (a template database with all migrations applied),
// the Temporal dev server (in memory, headless) and the workflow bundle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { bundleWorkflowCode } from '@temporalio/worker';
import { migrate, openOrm } from '../../db/orm.js';
import { startEmbeddedPostgres, ensureDatabase, type RunningPostgres } from '../../platform/embedded-postgres.js';
import { freePort } from '../../platform/ports.js';
import { resolveTemporalBinaries } from '../../platform/temporal-binaries.js';
import { startTemporalDevServer, type RunningDevServer } from '../../platform/temporal-dev-server.js';
import { WORKFLOW_PRELOAD_MODULES, WORKFLOWS_PATH } from '../../worker/create-worker.js';
import { RUN_STATE_ENV, type RunState } from './run-state.js';

declare global {
  var __leadflowServices: { pg?: RunningPostgres; temporal?: RunningDevServer; runDir: string } | undefined;
}

const TEMPLATE_DB = 'leadflow_template';

export async function startServices(): Promise<void> {
  const started = Date.now();
  const binaries = resolveTemporalBinaries();
  if (!binaries.cli) throw new Error('The Temporal CLI is required for tests: run `npm run provision:temporal`');
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadflow-test-'));
  fs.chmodSync(runDir, 0o777); // as root, embedded PostgreSQL runs as the `postgres` user: let it in
  globalThis.__leadflowServices = { runDir };
  const logFile = fs.createWriteStream(path.join(runDir, 'services.log'));
  const log = (line: string) => logFile.write(line + '\n');

  const [pg, temporal, bundle] = await Promise.all([
    (async () => {
      const server = await startEmbeddedPostgres({ dataDir: path.join(runDir, 'pg'), port: await freePort(), database: 'postgres', fast: true, onLog: log });
      globalThis.__leadflowServices!.pg = server;
      await ensureDatabase(server.adminUrl, TEMPLATE_DB);
      const orm = await openOrm({ url: server.adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DB}`), poolMax: 2 });
      try { await migrate(orm); } finally { await orm.close(); }
      return server;
    })(),
    (async () => {
      const server = await startTemporalDevServer({ cliPath: binaries.cli!, port: await freePort(), uiPort: false, namespace: 'default', readinessTimeoutMs: 120_000, onLog: log });
      globalThis.__leadflowServices!.temporal = server;
      return server;
    })(),
    bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, preloadModules: WORKFLOW_PRELOAD_MODULES, logger: quietLogger }),
  ]);

  const workflowBundlePath = path.join(runDir, 'workflow-bundle.js');
  fs.writeFileSync(workflowBundlePath, bundle.code);
  const state: RunState = {
    runDir,
    pgAdminUrl: pg.adminUrl,
    pgTemplateDb: TEMPLATE_DB,
    temporalAddress: temporal.address,
    workflowBundlePath,
    testServerPath: binaries.testServer,
    authSecret: randomBytes(32).toString('hex'),
  };
  const stateFile = path.join(runDir, 'state.json');
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
  process.env[RUN_STATE_ENV] = stateFile;
  process.stdout.write(`\n[leadflow tests] PostgreSQL + Temporal dev server + workflow bundle ready in ${Date.now() - started} ms (${runDir})\n`);
}

const noop = () => undefined;
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string, meta?: unknown) => console.error(m, meta), log: noop };

export async function stopServices(): Promise<void> {
  const services = globalThis.__leadflowServices;
  if (!services) return;
  await Promise.allSettled([services.temporal?.stop(), services.pg?.stop()]);
  // A cluster placed elsewhere (the run dir was closed to the `postgres` account) goes too.
  if (services.pg?.linkedFrom && !process.env.LEADFLOW_KEEP_TEST_DIR) fs.rmSync(path.dirname(services.pg.dataDir), { recursive: true, force: true });
  if (!process.env.LEADFLOW_KEEP_TEST_DIR) fs.rmSync(services.runDir, { recursive: true, force: true });
}
