// Activity log lines: through Temporal's activity logger when running in a worker (it carries the
// workflow/activity ids, and the interceptor adds the request id), else through the given logger
// (activities called directly, e.g. by tests or scripts).
import { Context } from '@temporalio/activity';
import type { Logger } from '../platform/logger.js';

export function activityInfo(fallback: Logger, message: string, meta: Record<string, unknown>): void {
  let inContext = true;
  try {
    Context.current();
  } catch {
    inContext = false;
  }
  if (inContext) Context.current().log.info(message, meta);
  else fallback.info(meta, message);
}
