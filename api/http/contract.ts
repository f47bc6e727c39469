// The response contract check: every response a route sends must be a status it documents, with
// a body its declared zod schema accepts unchanged (parsing must neither strip unknown keys nor
// fill defaults: the OpenAPI document promises exactly that shape). On in tests, where a
// violation fails the request loudly (500 contract_violation) and is reported to a callback.
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { allResponses } from './responses.js';
import type { RouteSpec } from './route.js';

export interface ContractViolation {
  route: string;
  status: number;
  message: string;
}

export type ContractCheck = (route: RouteSpec, status: number, body: unknown) => ContractViolation | undefined;

export function createContractCheck(): ContractCheck {
  const cache = new WeakMap<RouteSpec, Record<string, { schema?: z.ZodType }>>();
  return (route, status, body) => {
    let responses = cache.get(route);
    if (!responses) cache.set(route, (responses = allResponses(route)));
    const where = `${route.method.toUpperCase()} ${route.path}`;
    const spec = responses[String(status)];
    if (!spec) return { route: where, status, message: `status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})` };
    if (!spec.schema || status >= 400) return undefined; // problem bodies are built by HttpProblem
    if (body === undefined) return { route: where, status, message: 'no body, but a schema is declared' };
    const wire: unknown = JSON.parse(JSON.stringify(body));
    const parsed = spec.schema.safeParse(wire);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      return { route: where, status, message: `body does not match the declared schema: ${issues}` };
    }
    if (!isDeepStrictEqual(parsed.data, wire)) {
      return { route: where, status, message: `body is not exactly the declared shape (first difference at ${firstDifference(wire, parsed.data) || '(root)'}: unknown key, or a default filled in)` };
    }
    return undefined;
  };
}

function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d !== undefined) return d;
    }
  }
  return path;
}
