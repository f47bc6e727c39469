// Activity interceptors: every log line of an activity (`log` from @temporalio/activity) carries
// the API request id that caused it (read from the activity input's `requestId`), and every
// attempt is measured: duration by outcome, failures by error type (Prometheus).
import type { Context } from '@temporalio/activity';
import type { ActivityInterceptors, ActivityInterceptorsFactory } from '@temporalio/worker';
import type { LeadflowMetrics } from '../platform/metrics.js';

/** The request id an activity input carries (`{ requestId }` as its first argument), if any. */
export function requestIdOf(args: readonly unknown[]): string | undefined {
  const first = args[0];
  if (first && typeof first === 'object' && 'requestId' in first) {
    const id = (first as { requestId?: unknown }).requestId;
    if (typeof id === 'string' && id) return id;
  }
  return undefined;
}

export function activityInterceptors(metrics?: LeadflowMetrics): ActivityInterceptorsFactory {
  return (ctx: Context): ActivityInterceptors => {
    let requestId: string | undefined;
    const activity = ctx.info.activityType;
    return {
      inbound: {
        async execute(input, next) {
          requestId = requestIdOf(input.args);
          const started = process.hrtime.bigint();
          const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
          try {
            const result = await next(input);
            metrics?.activityDuration.observe({ activity, outcome: 'completed' }, seconds());
            return result;
          } catch (err) {
            const type = err instanceof Error ? ((err as { type?: string }).type ?? err.name) : 'unknown';
            metrics?.activityDuration.observe({ activity, outcome: 'failed' }, seconds());
            metrics?.activityFailures.inc({ activity, error: type });
            throw err;
          }
        },
      },
      outbound: {
        getLogAttributes(attrs, next) {
          return next(requestId ? { ...attrs, requestId } : attrs);
        },
      },
    };
  };
}
