// One declaration per endpoint: zod schemas for params/query/body/responses, who may call it,
// and the handler. The same declarations validate requests and produce the OpenAPI document.
// mountRoutes applies, in order: credentials and role (401/403), the rate limit (429), request
// validation (400), lead-level access (404/403), the idempotency key (replay/409/422), the
// handler, and (when on) the response contract check.
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import { decideLeadAccess, satisfies, type AccessRequirement, type LeadAccessDecision } from '../auth/lead-access.js';
import type { LeadAccessLoader } from '../auth/lead-access-loader.js';
import type { Principal, Role } from '../auth/principal.js';
import type { ContractCheck, ContractViolation } from './contract.js';
import { IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN, requestHash, type IdempotencyStore } from './idempotency.js';
import { HttpProblem, notFound, validationProblem, type FieldError } from './problem.js';
import { PROBLEM_CONTENT_TYPE } from './error-handler.js';
import type { RateLimiter } from './rate-limit.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Access = 'public' | readonly Role[];

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Set on every route that is not public. */
  principal: Principal;
  /** Set on routes that declare `leadAccess`: what the principal may do on the lead. */
  leadAccess?: LeadAccessDecision;
  req: Request;
  res: Response;
}

export interface HandlerResult {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (set Content-Type in headers). */
  text?: string;
  headers?: Record<string, string>;
}

export interface RouteSpec<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path, e.g. `/leads/:id`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: Access;
  /**
   * Lead-level access (api/auth/lead-access.ts): the path parameter holding the lead id and what
   * the caller needs on that lead. Checked after the role; 404 when the lead does not exist.
   */
  leadAccess?: { param: string; level: AccessRequirement };
  params?: P;
  query?: Q;
  body?: B;
  /** Raw bodies (e.g. CSV uploads) that the handler streams itself. */
  rawBody?: { contentType: string; description: string };
  /** Accepts an `Idempotency-Key` header: a retry with the same key never acts twice. */
  idempotent?: boolean;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<HandlerResult>;
}

/** Type helper: infers handler argument types from the schemas. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

export type Authorizer = (req: Request, access: Access) => Promise<Principal | undefined>;

export interface MountOptions {
  authorize: Authorizer;
  /** Needed by routes that declare `leadAccess`. */
  leadAccess?: LeadAccessLoader;
  /** Per-credential limits; unauthenticated failures are limited per client address. */
  rateLimiter?: RateLimiter;
  /** Needed by routes that declare `idempotent`; without it the header is ignored. */
  idempotency?: IdempotencyStore;
  /** Response contract check (tests): a violation becomes a 500 `contract_violation` and is reported. */
  contract?: { check: ContractCheck; onViolation: (v: ContractViolation) => void };
}

declare module 'express-serve-static-core' {
  interface Locals {
    /** The route declaration serving this request (metrics, logs, contract check of errors). */
    routeSpec?: RouteSpec;
  }
}

/** Registers the routes on an Express router with validation and access checks. */
export function mountRoutes(router: Router, routes: RouteSpec[], opts: MountOptions): void {
  for (const route of routes) {
    if (route.leadAccess && !opts.leadAccess) throw new Error(`${route.operationId} declares leadAccess but no LeadAccessLoader was given`);
    router[route.method](route.path, async (req, res) => {
      res.locals.routeSpec = route;
      const principal = await authenticate(req, route, opts);
      const params = parsePart(route.params, req.params, 'params');
      const query = parsePart(route.query, req.query, 'query');
      const body = route.rawBody ? undefined : parsePart(route.body, route.body ? req.body : undefined, 'body');
      let leadAccess: LeadAccessDecision | undefined;
      if (route.leadAccess && principal) leadAccess = await checkLeadAccess(route, params, principal, opts.leadAccess!);

      const run = async (): Promise<HandlerResult> =>
        route.handler({ params, query, body, principal: principal as Principal, leadAccess, req, res });
      const result = route.idempotent && principal && opts.idempotency ? await idempotent(req, principal, opts.idempotency, run) : await run();
      if (res.headersSent) return;
      if (opts.contract) {
        const violation = opts.contract.check(route, result.status, result.text ?? result.body);
        if (violation) {
          opts.contract.onViolation(violation);
          throw new HttpProblem(500, 'contract_violation', `Response contract violated: ${violation.message}`);
        }
      }
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      if (result.text !== undefined) res.status(result.status).send(result.text);
      else if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    });
  }
}

async function authenticate(req: Request, route: RouteSpec, opts: MountOptions): Promise<Principal | undefined> {
  let principal: Principal | undefined;
  try {
    principal = await opts.authorize(req, route.access);
  } catch (err) {
    // Guessing credentials is limited per client address.
    if (opts.rateLimiter && err instanceof HttpProblem && err.status === 401) limit(opts.rateLimiter, `addr:${req.ip ?? 'unknown'}`);
    throw err;
  }
  if (principal && opts.rateLimiter) limit(opts.rateLimiter, `${principal.kind}:${principal.id}`);
  return principal;
}

function limit(limiter: RateLimiter, key: string): void {
  const r = limiter.take(key);
  if (!r.ok) {
    throw new HttpProblem(429, 'rate_limited', `Too many requests; retry in ${r.retryAfterSeconds} s`, {
      headers: { 'Retry-After': String(r.retryAfterSeconds) },
      extras: { retryAfterSeconds: r.retryAfterSeconds },
    });
  }
}

async function checkLeadAccess(route: RouteSpec, params: unknown, principal: Principal, loader: LeadAccessLoader): Promise<LeadAccessDecision> {
  const { param, level } = route.leadAccess!;
  const leadId = (params as Record<string, unknown>)[param];
  if (typeof leadId !== 'string') throw new Error(`${route.operationId}: leadAccess param '${param}' is not a string path parameter`);
  const facts = await loader.load(leadId, principal);
  if (!facts) throw notFound('lead', leadId);
  const decision = decideLeadAccess(principal, facts);
  if (!satisfies(principal, decision, level)) {
    const need = level === 'offer' ? 'the lead to be offered to you' : `${level} access`;
    throw new HttpProblem(403, 'lead_access_denied', `This needs ${need} on lead ${leadId}; you have ${decision.level}: ${decision.reason}`, {
      extras: { required: level, granted: decision.level, reason: decision.reason },
    });
  }
  return decision;
}

async function idempotent(req: Request, principal: Principal, store: IdempotencyStore, run: () => Promise<HandlerResult>): Promise<HandlerResult> {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined) return run();
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new HttpProblem(400, 'validation_failed', `${IDEMPOTENCY_HEADER} must be 1-200 printable ASCII characters without spaces`, {
      errors: [{ field: 'headers.idempotency-key', path: ['headers', 'idempotency-key'], message: 'must be 1-200 printable ASCII characters', code: 'invalid_string' }],
    });
  }
  const begun = await store.begin({
    principal: `${principal.kind}:${principal.id}`,
    key,
    method: req.method,
    path: req.originalUrl,
    requestHash: requestHash(req.method, req.originalUrl, req.body),
  });
  if (begun.kind === 'replay') {
    return { ...begun.response, headers: { ...begun.response.headers, 'Idempotent-Replayed': 'true' } };
  }
  let result: HandlerResult;
  try {
    result = await run();
  } catch (err) {
    // A 4xx is the answer to this request, retried or not; anything else may succeed next time.
    if (err instanceof HttpProblem && err.status < 500) {
      await begun.complete({ status: err.status, body: err.toBody(req.originalUrl), headers: { ...err.headers, 'Content-Type': PROBLEM_CONTENT_TYPE } });
    } else {
      await begun.release().catch(() => undefined);
    }
    throw err;
  }
  if (result.status >= 500) await begun.release();
  else await begun.complete({ status: result.status, body: result.body, headers: result.headers ?? {} });
  return result;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  if (!schema) return value;
  if (where === 'body' && value === undefined) {
    throw new HttpProblem(400, 'body_required', 'A JSON request body is required (Content-Type: application/json)', {
      errors: [{ field: 'body', path: ['body'], message: 'required', code: 'required' }],
    });
  }
  const unstorable = unstorableStrings(value, [where]);
  if (unstorable.length) {
    throw new HttpProblem(400, 'validation_failed', `Invalid ${where}: ${unstorable[0]!.field} ${unstorable[0]!.message}`, { errors: unstorable });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationProblem(where, parsed.error);
  return parsed.data;
}

// PostgreSQL text cannot hold NUL, and an unpaired UTF-16 surrogate cannot be encoded as UTF-8
// (it would be stored as U+FFFD, silently changed). Refused for every route, in keys and values.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string): string | undefined =>
  s.includes('\u0000') ? 'must not contain the NUL character' : UNPAIRED_SURROGATE.test(s) ? 'must be valid Unicode (an unpaired surrogate)' : undefined;

function unstorableStrings(value: unknown, path: (string | number)[], out: FieldError[] = []): FieldError[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    const why = unstorable(value);
    if (why) out.push({ field: path.join('.'), path, message: why, code: 'invalid_string' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unstorableStrings(v, [...path, i], out));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorable(k);
      if (why) out.push({ field: [...path, k].join('.'), path: [...path, k], message: `key ${why}`, code: 'invalid_key' });
      else unstorableStrings(v, [...path, k], out);
    }
  }
  return out;
}
