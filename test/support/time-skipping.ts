// Time-skipping Temporal test server for timer tests (SLA, 30-day stale), with the real
// activities against a real Postgres database cloned from the migrated template.
import { randomBytes } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import pg from 'pg';
import { createActivities } from '../../activities/index.js';
import { openOrm, type MikroORM } from '../../db/orm.js';
import { createLogger } from '../../platform/logger.js';
import { ensureSearchAttributes } from '../../platform/search-attributes-setup.js';
import { installTemporalRuntime } from '../../platform/temporal-runtime.js';
import { cloneTemplateDatabase, dropDatabase } from './databases.js';
import { readRunState } from './run-state.js';

export interface TimeSkippingHarness {
  env: TestWorkflowEnvironment;
  orm: MikroORM;
  taskQueue: string;
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn while a worker (real activities, real database) polls the task queue. */
  withWorker<R>(fn: () => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

export async function startTimeSkipping(): Promise<TimeSkippingHarness> {
  const state = readRunState();
  installTemporalRuntime(createLogger(process.env.LEADFLOW_TEST_LOG_LEVEL ?? 'error'), 'ERROR');
  if (!state.testServerPath) throw new Error('temporal-test-server not provisioned: run `npm run provision:temporal`');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: state.testServerPath } },
  });
  try {
    await ensureSearchAttributes(env.connection, env.namespace ?? 'default');
  } catch (err) {
    await env.teardown();
    throw err;
  }
  const suffix = randomBytes(6).toString('hex');
  const dbName = `ts_${suffix}`;
  const dbUrl = await cloneTemplateDatabase(state, dbName);
  const orm = await openOrm({ url: dbUrl, poolMax: 5 });
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const taskQueue = `ts-${suffix}`;
  const logger = createLogger(process.env.LEADFLOW_TEST_LOG_LEVEL ?? 'silent');
  return {
    env,
    orm,
    taskQueue,
    sql: async (text, params) => (await pool.query(text, params)).rows,
    async withWorker(fn) {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        namespace: env.namespace ?? 'default',
        taskQueue,
        workflowBundle: { codePath: state.workflowBundlePath },
        activities: createActivities({ orm, logger, temporal: env.client }),
        shutdownForceTime: '5 seconds',
      });
      return worker.runUntil(fn);
    },
    async close() {
      await env.teardown();
      await orm.close();
      await pool.end();
      await dropDatabase(state, dbName);
    },
  };
}
