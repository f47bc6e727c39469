// Every status a route can answer with: the ones it declares, plus the ones the shared machinery
// adds (validation, credentials, roles, rate limits, lead access, idempotency, body size).
// The OpenAPI document and the response contract check both use this list.
import { z } from 'zod';
import type { ResponseSpec, RouteSpec } from './route.js';

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  errors: z
    .array(z.object({ field: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string() }))
    .optional(),
}).catchall(z.unknown());

export function allResponses(r: RouteSpec): Record<string, ResponseSpec> {
  const out: Record<string, ResponseSpec> = {};
  for (const [status, spec] of Object.entries(r.responses)) out[status] = spec;
  const add = (status: number, description: string) => { out[String(status)] ??= { description }; };
  if (r.params || r.query || r.body || r.rawBody || r.idempotent) add(400, 'Invalid request (failing fields named in errors[])');
  if (r.access !== 'public') {
    add(401, 'Missing or invalid credentials');
    add(403, r.leadAccess ? 'Not allowed for this role or on this lead (the reason is in detail)' : 'Not allowed for this role');
    add(429, 'Too many requests for this credential (see Retry-After)');
  }
  if (r.leadAccess) add(404, 'No such lead');
  if (r.body || r.rawBody) {
    add(413, 'Request body too large');
    add(415, 'Unsupported body encoding');
  }
  if (r.idempotent) {
    add(409, 'A request with this Idempotency-Key is still in progress (retry after Retry-After)');
    add(422, 'This Idempotency-Key was used with a different request');
  }
  return out;
}
