// Starts leadflow's long-running parts in this process: the API, and the worker unless
// disabled. Used by api/main.ts (production) and scripts/dev.ts (npm start).
import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../api/app.js';
import { createApiKeyVerifier } from '../api/auth/api-keys.js';
import { openOrm } from '../db/orm.js';
import { createLeadflowWorker } from '../worker/create-worker.js';
import { webhookOf, type Config } from './config.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import { installTemporalRuntime } from './temporal-runtime.js';

export interface LeadflowProcess {
  apiUrl: string;
  stop(): Promise<void>;
}

export async function startLeadflowProcess(opts: {
  config: Config;
  databaseUrl: string;
  temporalAddress: string;
  /** HS256 secret for bearer tokens (else config.LEADFLOW_AUTH_SECRET); needed unless LEADFLOW_JWKS_URL is set. */
  authSecret?: string;
  logger: Logger;
  /** Called if the worker stops by itself with an error (not by stop()). */
  onWorkerFailed?: (err: unknown) => void;
}): Promise<LeadflowProcess> {
  const { config, logger } = opts;
  const metrics = createMetrics();
  installTemporalRuntime(logger);
  const orm = await openOrm({ url: opts.databaseUrl, poolMax: config.DATABASE_POOL_MAX });
  const clientConnection = await Connection.connect({ address: opts.temporalAddress });
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let nativeConnection: NativeConnection | undefined;
  if (config.WORKER_ENABLED) {
    nativeConnection = await NativeConnection.connect({ address: opts.temporalAddress });
    worker = await createLeadflowWorker({
      connection: nativeConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      deps: { orm, logger, temporal, metrics, webhook: webhookOf(config) },
      staleSweepMinutes: config.LEADFLOW_STALE_SWEEP_MINUTES,
    });
    workerRun = worker.run();
    workerRun.catch((err: unknown) => {
      logger.fatal({ err }, 'worker stopped unexpectedly');
      opts.onWorkerFailed?.(err);
    });
  }
  const app = createApp({
    orm,
    temporal,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    logger,
    metrics,
    authSecret: opts.authSecret ?? config.LEADFLOW_AUTH_SECRET,
    jwksUrl: config.LEADFLOW_JWKS_URL,
    jwtIssuer: config.LEADFLOW_JWT_ISSUER,
    jwtAudience: config.LEADFLOW_JWT_AUDIENCE,
    verifyApiKey: createApiKeyVerifier(orm, logger),
    jsonLimit: config.LEADFLOW_JSON_LIMIT,
    rateLimit: config.LEADFLOW_RATE_LIMIT_PER_MINUTE > 0 ? { perMinute: config.LEADFLOW_RATE_LIMIT_PER_MINUTE, burst: config.LEADFLOW_RATE_LIMIT_BURST } : false,
    idempotencyTtlSeconds: config.LEADFLOW_IDEMPOTENCY_TTL_HOURS * 3600,
    trustProxy: config.LEADFLOW_TRUST_PROXY,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.PORT, config.HOST, () => resolve(s));
    s.once('error', reject);
  });
  const apiUrl = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  return {
    apiUrl,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun?.catch(() => undefined);
      await nativeConnection?.close();
      await clientConnection.close();
      await orm.close();
    },
  };
}
