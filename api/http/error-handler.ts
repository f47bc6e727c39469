import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../platform/logger.js';
import { HttpProblem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Maps every error to problem details; never leaks internals on 5xx. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    const problem = toProblem(err);
    if (problem.status >= 500) logger.error({ err, requestId: req.requestId, path: req.path }, 'request failed');
    for (const [k, v] of Object.entries(problem.headers)) res.setHeader(k, v);
    res.status(problem.status).type(PROBLEM_CONTENT_TYPE).json(problem.toBody(req.originalUrl));
  };
}

function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  const e = err as { type?: string; status?: number; message?: string; limit?: number };
  // body-parser errors
  if (e?.type === 'entity.parse.failed') {
    return new HttpProblem(400, 'malformed_json', `Request body is not valid JSON: ${e.message ?? ''}`.trim(), {
      errors: [{ field: 'body', path: ['body'], message: 'malformed JSON', code: 'malformed_json' }],
    });
  }
  if (e?.type === 'entity.too.large') {
    return new HttpProblem(413, 'body_too_large', `Request body exceeds the limit of ${e.limit ?? '?'} bytes`);
  }
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new HttpProblem(415, 'unsupported_encoding', e.message ?? 'unsupported encoding');
  }
  return new HttpProblem(500, 'internal_error', 'An unexpected error occurred; it has been logged.');
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'route_not_found', `No route for ${req.method} ${req.path}`));
};
