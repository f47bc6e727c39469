// The worker entrypoint: connect to Temporal and Postgres, run until SIGINT/SIGTERM. With
// WORKER_METRICS_PORT set, serves its Prometheus metrics (activity failures, durations, offers,
// SLA breaches...) at http://<HOST>:<port>/metrics.
import http from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { openOrm } from '../db/orm.js';
import { ConfigError, loadConfig, webhookOf } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { METRICS_CONTENT_TYPE, createMetrics } from '../platform/metrics.js';
import { installTemporalRuntime } from '../platform/temporal-runtime.js';
import { createLeadflowWorker } from './create-worker.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'leadflow-worker');
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new ConfigError([{ variable: config.DATABASE_URL ? 'TEMPORAL_ADDRESS' : 'DATABASE_URL', message: 'required to run the worker on its own (npm start runs everything embedded)' }]);
  }
  installTemporalRuntime(logger);
  const metrics = createMetrics();
  const metricsServer = config.WORKER_METRICS_PORT
    ? http.createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/metrics') res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE }).end(metrics.registry.render());
      else res.writeHead(404).end();
    }).listen(config.WORKER_METRICS_PORT, config.HOST)
    : undefined;
  const orm = await openOrm({ url: config.DATABASE_URL, poolMax: config.DATABASE_POOL_MAX });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
  const worker = await createLeadflowWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, deps: { orm, logger, temporal, metrics, webhook: webhookOf(config) }, staleSweepMinutes: config.LEADFLOW_STALE_SWEEP_MINUTES });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => worker.shutdown());
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE }, 'worker running');
  await worker.run();
  await connection.close();
  await clientConnection.close();
  await orm.close();
  metricsServer?.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
