// Routes the Temporal SDK's logs (TypeScript and native core) into our pino logger, once per process.
import { Runtime, makeTelemetryFilterString, type Logger as TemporalLogger, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from './logger.js';

let installed = false;

/** Task payloads and tokens are large and say nothing to a reader: keep them out of the logs. */
const NOISY = new Set(['task', 'taskEncoded', 'taskToken', 'input', 'result']);

export function adaptLogger(logger: Logger): TemporalLogger {
  // The request id (activity interceptor, workflow log attributes) goes top level, where the
  // API's request logs have it: one field to follow a request into workflows and activities.
  const at = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error') => (message: string, meta?: LogMetadata) => {
    const { requestId, ...rest } = (meta ?? {}) as LogMetadata & { requestId?: unknown };
    const temporal = Object.fromEntries(Object.entries(rest).filter(([k]) => !NOISY.has(k)));
    logger[level]({ ...(typeof requestId === 'string' ? { requestId } : {}), temporal }, message);
  };
  return {
    log: (level: LogLevel, message: string, meta?: LogMetadata) => at(level.toLowerCase() as 'info')(message, meta),
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** `coreLevel` filters the native core's own logs (WARN by default, ERROR in tests). */
export function installTemporalRuntime(logger: Logger, coreLevel: 'ERROR' | 'WARN' | 'INFO' = 'WARN'): void {
  if (installed) return;
  installed = true;
  Runtime.install({
    // Our entrypoints own shutdown order (API, worker, then servers); no SDK signal handlers.
    shutdownSignals: [],
    logger: adaptLogger(logger.child({ component: 'temporal-sdk' })),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: coreLevel, other: 'ERROR' }), forward: {} } },
  });
}
