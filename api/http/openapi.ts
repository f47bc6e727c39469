// The OpenAPI 3.1 document, generated from the route declarations (zod -> JSON Schema 2020-12).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RouteSpec } from './route.js';
import { PROBLEM_CONTENT_TYPE } from './error-handler.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';
import { allResponses, problemSchema } from './responses.js';

type Json = Record<string, unknown>;

/**
 * Shared schemas. zod puts a reused or recursive sub-schema (the rule condition tree) in the
 * schema's own `$defs`; a `#/$defs/...` reference inside an OpenAPI document would point at the
 * document root, so those move to `components/schemas` (named by content) and refs follow.
 */
let components: Record<string, Json> = {};

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  const defs = json.$defs as Record<string, Json> | undefined;
  if (!defs) return json;
  delete json.$defs;
  const names = new Map<string, string>();
  for (const [local, def] of Object.entries(defs)) names.set(local, `Def${createHash('sha256').update(`${io}:${local}:${JSON.stringify(def)}`).digest('hex').slice(0, 12)}`);
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (!node || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node)) {
      const local = k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') ? v.slice('#/$defs/'.length) : undefined;
      out[k] = local !== undefined && names.has(local) ? `#/components/schemas/${names.get(local)}` : rewrite(v);
    }
    return out;
  };
  for (const [local, def] of Object.entries(defs)) components[names.get(local)!] = rewrite(def) as Json;
  return rewrite(json) as Json;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
  }));
}

/** Express `/leads/:id` -> OpenAPI `/leads/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export function buildOpenApi(routes: RouteSpec[], info: { title: string; version: string }): Json {
  components = {};
  const paths: Record<string, Record<string, Json>> = {};
  const problem = { schema: { $ref: '#/components/schemas/Problem' } };
  for (const r of routes) {
    const responses: Json = {};
    for (const [status, spec] of Object.entries(allResponses(r))) {
      const isError = Number(status) >= 400;
      const contentType = spec.contentType ?? (isError ? PROBLEM_CONTENT_TYPE : 'application/json');
      const headers: Json = {};
      if (status === '429' || (status === '409' && r.idempotent)) headers['Retry-After'] = { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } };
      if (status === '401') headers['WWW-Authenticate'] = { description: 'The authentication scheme to use', schema: { type: 'string' } };
      responses[status] = {
        description: spec.description,
        ...(Object.keys(headers).length ? { headers } : {}),
        ...(spec.schema
          ? { content: { [contentType]: { schema: schemaOf(spec.schema, 'output') } } }
          : isError ? { content: { [contentType]: problem } } : {}),
      };
    }
    const parameters = [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')];
    if (r.idempotent) {
      parameters.push({ name: IDEMPOTENCY_HEADER, in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[!-~]+$' },
        description: 'Repeat a request safely: a retry with the same key and body returns the first response and never acts twice (keys are kept 24 h by default).' });
    }
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      ...(parameters.length ? { parameters } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } } : {}),
      ...(r.rawBody ? { requestBody: { required: true, description: r.rawBody.description, content: { [r.rawBody.contentType]: { schema: { type: 'string' } } } } } : {}),
      responses,
      security: r.access === 'public' ? [] : [{ bearerAuth: [] }, { apiKey: [] }],
      'x-roles': r.access === 'public' ? [] : [...r.access],
      ...(r.leadAccess ? { 'x-lead-access': { ...r.leadAccess } } : {}),
    };
    (paths[openApiPath(r.path)] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description: 'leadflow: lead processing on Temporal. Every routing decision explained.\n\n'
        + 'Errors are RFC 9457 problem details (`application/problem+json`) whose `errors[]` name each failing field. '
        + 'Strings anywhere in a request must not contain NUL or unpaired UTF-16 surrogates (400). '
        + 'Authenticate with `Authorization: Bearer <JWT>` (people) or `X-API-Key` (integrations).',
    },
    // No jsonSchemaDialect: the OAS 3.1 default dialect is JSON Schema 2020-12 plus OpenAPI's
    // vocabulary, which these schemas are (Swagger UI warns about any other value).
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Problem: { ...schemaOf(problemSchema, 'output'), description: 'RFC 9457 problem details; `errors[]` names each failing field' }, ...components },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
