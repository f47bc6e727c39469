// One declaration per endpoint: zod schemas for params/query/body/responses, who may call it,
// and the handler. The same declarations validate requests and produce the OpenAPI document.
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Principal, Role } from '../auth/principal.js';
import { HttpProblem, validationProblem } from './problem.js';

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
  req: Request;
  res: Response;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
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
  params?: P;
  query?: Q;
  body?: B;
  /** Raw bodies (e.g. CSV uploads) that the handler streams itself. */
  rawBody?: { contentType: string; description: string };
  /** Accepts an `Idempotency-Key` header (documented; enforced by the idempotency middleware). */
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

/** Registers the routes on an Express router with validation and access checks. */
export function mountRoutes(router: Router, routes: RouteSpec[], authorize: Authorizer): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const principal = await authorize(req, route.access);
      const params = parsePart(route.params, req.params, 'params');
      const query = parsePart(route.query, req.query, 'query');
      const body = route.rawBody ? undefined : parsePart(route.body, route.body ? req.body : undefined, 'body');
      const result = await route.handler({ params, query, body, principal: principal as Principal, req, res });
      if (res.headersSent) return;
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    });
  }
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: 'params' | 'query' | 'body'): unknown {
  if (!schema) return value;
  if (where === 'body' && value === undefined) {
    throw new HttpProblem(400, 'body_required', 'A JSON request body is required (Content-Type: application/json)', {
      errors: [{ field: 'body', path: ['body'], message: 'required', code: 'required' }],
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationProblem(where, parsed.error);
  return parsed.data;
}
