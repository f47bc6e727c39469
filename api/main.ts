// The API entrypoint (production): needs DATABASE_URL, TEMPORAL_ADDRESS, and LEADFLOW_AUTH_SECRET or LEADFLOW_JWKS_URL.
import { ConfigError, loadConfig } from '../platform/config.js';
import { startLeadflowProcess } from '../platform/leadflow-process.js';
import { createLogger } from '../platform/logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const missing: string[] = (['DATABASE_URL', 'TEMPORAL_ADDRESS'] as const).filter((k) => !config[k]);
  if (!config.LEADFLOW_AUTH_SECRET && !config.LEADFLOW_JWKS_URL) missing.push('LEADFLOW_AUTH_SECRET');
  if (missing.length) throw new ConfigError(missing.map((variable) => ({ variable, message: 'required to run the API on its own (npm start runs everything embedded)' })));
  const logger = createLogger(config.LOG_LEVEL, 'leadflow-api');
  const running = await startLeadflowProcess({
    config,
    databaseUrl: config.DATABASE_URL!,
    temporalAddress: config.TEMPORAL_ADDRESS!,
    logger,
  });
  logger.info({ url: running.apiUrl, worker: config.WORKER_ENABLED }, 'API listening');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(() => process.exit(0), (err: unknown) => { logger.error({ err }, 'shutdown failed'); process.exit(1); });
    });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
