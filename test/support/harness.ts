// A complete leadflow for one test file: its own database (cloned from the migrated template),
// its own task queue on the shared Temporal dev server (or, with `timeSkipping`, on a
// time-skipping test server of its own, for timer tests), an in-process worker and the API on
// 127.0.0.1 with a random port.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { GracefulShutdownPeriodExpiredError, NativeConnection, type Worker } from '@temporalio/worker';
import pg from 'pg';
import { createApp, type AppDeps } from '../../api/app.js';
import type { ActivityDeps } from '../../activities/deps.js';
import { createApiKeyVerifier } from '../../api/auth/api-keys.js';
import type { ContractViolation } from '../../api/http/contract.js';
import type { Role } from '../../api/auth/principal.js';
import { issueToken } from '../../api/auth/tokens.js';
import type { RuleSetLoader } from '../../db/assignment/rule-sets.js';
import { openOrm, type MikroORM } from '../../db/orm.js';
import { createLogger } from '../../platform/logger.js';
import { createMetrics, type LeadflowMetrics } from '../../platform/metrics.js';
import { ensureSearchAttributes } from '../../platform/search-attributes-setup.js';
import { installTemporalRuntime } from '../../platform/temporal-runtime.js';
import { createLeadflowWorker } from '../../worker/create-worker.js';
import { staleSweepWorkflowId } from '../../workflows/messages.js';
import { cloneTemplateDatabase, dropDatabase } from './databases.js';
import { readRunState, type RunState } from './run-state.js';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Harness {
  state: RunState;
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  baseUrl: string;
  dbName: string;
  metrics: LeadflowMetrics;
  /** With `timeSkipping`: the test environment (env.sleep('31 minutes') moves time). */
  env?: TestWorkflowEnvironment;
  /** Response contract violations seen so far (close() fails when there are any). */
  violations: ContractViolation[];
  /** Calls the API as a given role (default admin), or with explicit headers. */
  api<T = any>(method: string, path: string, body?: unknown, opts?: { role?: Role; token?: string | null; headers?: Record<string, string>; repId?: string }): Promise<ApiResponse<T>>;
  token(role: Role, extra?: { sub?: string; repId?: string; name?: string }): Promise<string>;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  workerTuning?: Parameters<typeof createLeadflowWorker>[0]['tuning'];
  /** Overrides of the API's deps (rate limits, JWKS, ...). */
  app?: Partial<AppDeps>;
  /** Runs on the fresh database before the API starts (e.g. tables another branch will add). */
  beforeApp?: (sql: (text: string, params?: unknown[]) => Promise<unknown[]>) => Promise<void>;
  /** Worker deps beyond the defaults (e.g. the notification `webhook`). */
  activityDeps?: Partial<Pick<ActivityDeps, 'webhook'>>;
  /** Rule sets for routing; default: the rule-set tables. */
  ruleSets?: RuleSetLoader;
  /** Run on a time-skipping test server of its own (timers: SLA, stale) instead of the dev server. */
  timeSkipping?: boolean;
  /** Start the task queue's stale sweep with this interval (minutes); terminated by close(). */
  staleSweepMinutes?: number;
}

interface TemporalSide {
  temporal: Client;
  native: NativeConnection;
  env?: TestWorkflowEnvironment;
  close(): Promise<void>;
}

async function connectTemporal(state: RunState, timeSkipping: boolean): Promise<TemporalSide> {
  if (timeSkipping) {
    if (!state.testServerPath) throw new Error('temporal-test-server not provisioned: run `npm run provision:temporal`');
    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: state.testServerPath } } });
    try {
      await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
    } catch (err) {
      await env.teardown();
      throw err;
    }
    return { temporal: env.client, native: env.nativeConnection, env, close: () => env.teardown() };
  }
  const clientConnection = await Connection.connect({ address: state.temporalAddress });
  const native = await NativeConnection.connect({ address: state.temporalAddress });
  return {
    temporal: new Client({ connection: clientConnection, namespace: 'default' }),
    native,
    async close() {
      await native.close();
      await clientConnection.close();
    },
  };
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const state = readRunState();
  const suffix = randomBytes(6).toString('hex');
  const dbName = `test_${suffix}`;
  const dbUrl = await cloneTemplateDatabase(state, dbName);
  const logger = createLogger(process.env.LEADFLOW_TEST_LOG_LEVEL ?? 'silent');
  installTemporalRuntime(createLogger(process.env.LEADFLOW_TEST_LOG_LEVEL ?? 'error'), 'ERROR');
  const orm = await openOrm({ url: dbUrl, poolMax: 10 });
  const taskQueue = `test-${suffix}`;
  const side = await connectTemporal(state, opts.timeSkipping ?? false);
  const { temporal } = side;
  const metrics = createMetrics();
  const violations: ContractViolation[] = [];
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const sql = async (text: string, params?: unknown[]) => (await pool.query(text, params)).rows;
  await opts.beforeApp?.(sql);

  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const startWorker = async () => {
    worker = await createLeadflowWorker({
      connection: side.native,
      namespace: 'default',
      taskQueue,
      deps: { orm, logger, temporal, metrics, ...(opts.ruleSets ? { ruleSets: opts.ruleSets } : {}), ...opts.activityDeps },
      workflowBundlePath: state.workflowBundlePath,
      tuning: { shutdownForceTime: '5 seconds', shutdownGraceTime: '1 second', ...opts.workerTuning },
      ...(opts.staleSweepMinutes ? { staleSweepMinutes: opts.staleSweepMinutes } : {}),
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    try {
      await running;
    } catch (err) {
      // A forced shutdown (shutdownForceTime passed with activities still running, as when a
      // test stops the worker mid-import): the SDK reports the grace period expiring, or a
      // completion call still in flight when it finalises the native worker. Either way the
      // worker is stopped, as a killed one would be.
      if (!(err instanceof GracefulShutdownPeriodExpiredError || (err instanceof Error && /Worker still in use/.test(err.message)))) throw err;
    } finally {
      worker = undefined;
      running = undefined;
    }
  };
  await startWorker();

  // The response contract check is on: a response that breaks its declared schema or status
  // list is a 500 contract_violation, recorded here, and fails close().
  const app = createApp({
    orm, temporal, taskQueue, logger, metrics,
    authSecret: state.authSecret,
    verifyApiKey: createApiKeyVerifier(orm, logger),
    onContractViolation: (v) => violations.push(v),
    ...(opts.ruleSets ? { ruleSets: opts.ruleSets } : {}),
    ...opts.app,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokens = new Map<string, string>();
  const token = async (role: Role, extra: { sub?: string; repId?: string; name?: string } = {}) => {
    const key = `${role}/${extra.sub ?? ''}/${extra.repId ?? ''}`;
    let t = tokens.get(key);
    if (!t) {
      t = await issueToken(state.authSecret, { sub: extra.sub ?? `test-${role}`, role, ...extra }, '1h');
      tokens.set(key, t);
    }
    return t;
  };

  return {
    state,
    orm,
    temporal,
    taskQueue,
    baseUrl,
    dbName,
    metrics,
    ...(side.env ? { env: side.env } : {}),
    violations,
    token,
    async api(method, path, body, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token !== null) headers.authorization = `Bearer ${o.token ?? (await token(o.role ?? 'admin', o.repId ? { sub: o.repId, repId: o.repId } : {}))}`;
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(baseUrl + path, {
        method: method.toUpperCase(),
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    sql: sql as Harness['sql'],
    stopWorker,
    startWorker,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (opts.staleSweepMinutes) await temporal.workflow.getHandle(staleSweepWorkflowId(taskQueue)).terminate('test done').catch(() => undefined);
      await stopWorker();
      await side.close();
      await orm.close();
      await pool.end();
      await dropDatabase(state, dbName);
      if (violations.length) throw new Error(`response contract violations:\n${violations.map((v) => `  ${v.route} ${v.status}: ${v.message}`).join('\n')}`);
    },
  };
}
