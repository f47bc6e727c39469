// Per-request context: request id (from X-Request-Id or new), a child logger carrying it, and
// the authenticated principal. Each request is logged once when its response is finished
// (pino-http style: method, URL, route template, status, duration, principal).
import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from '../../platform/logger.js';
import type { LeadflowMetrics } from '../../platform/metrics.js';
import type { Principal } from '../auth/principal.js';

declare module 'express-serve-static-core' {
  interface Request {
    requestId: string;
    principal?: Principal;
    /** This request's logger (carries requestId). */
    log: Logger;
  }
}

const VALID_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export function requestContext(logger: Logger, metrics?: LeadflowMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.get('x-request-id');
    req.requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    req.log = logger.child({ requestId: req.requestId });
    res.setHeader('X-Request-Id', req.requestId);
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(res.locals.routeSpec?.path ?? (req.route as { path?: unknown } | undefined)?.path, req.originalUrl);
      metrics?.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      const status = res.statusCode;
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      req.log[level]({
        req: { method: req.method, url: req.originalUrl, route },
        res: { statusCode: status },
        responseTimeMs: Math.round(seconds * 1e4) / 10,
        ...(req.principal ? { principal: `${req.principal.kind}:${req.principal.id}`, role: req.principal.role } : {}),
      }, 'request completed');
    });
    next();
  };
}

/** The route template (bounded label values), never the raw URL. */
function routeLabel(path: unknown, url: string): string {
  if (typeof path === 'string') return path;
  if (Array.isArray(path) && typeof path[0] === 'string') return path[0];
  return url.startsWith('/docs/assets/') ? '/docs/assets' : 'unmatched';
}
