import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../platform/logger.js';
import type { ContractCheck, ContractViolation } from './contract.js';
import { HttpProblem } from './problem.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Maps every error to problem details; never leaks internals on 5xx. With a contract check, an
 * error status the route does not document is itself a violation (500 contract_violation).
 */
export function errorHandler(logger: Logger, contract?: { check: ContractCheck; onViolation: (v: ContractViolation) => void }): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err);
    let problem = toProblem(err);
    const route = res.locals.routeSpec;
    if (contract && route && problem.code !== 'contract_violation') {
      const violation = contract.check(route, problem.status, undefined);
      if (violation) {
        contract.onViolation(violation);
        problem = new HttpProblem(500, 'contract_violation', `Response contract violated: ${violation.message} (${problem.code}: ${problem.message})`);
      }
    }
    const log = req.log ?? logger;
    if (problem.status >= 500) log.error({ err, requestId: req.requestId, path: req.path }, 'request failed');
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
  if (e?.type === 'request.aborted') {
    return new HttpProblem(400, 'request_aborted', 'The request body was not received whole');
  }
  return new HttpProblem(500, 'internal_error', 'An unexpected error occurred; it has been logged.');
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'route_not_found', `No route for ${req.method} ${req.path}`));
};
