// The OpenAPI 3.1 document, generated from the route declarations (zod -> JSON Schema 2020-12).
import { z } from 'zod';
import type { RouteSpec } from './route.js';
import { PROBLEM_CONTENT_TYPE } from './error-handler.js';

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  errors: z
    .array(z.object({ field: z.string(), path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string() }))
    .optional(),
});

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
  delete json.$schema;
  return json;
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

export function buildOpenApi(routes: RouteSpec[], info: { title: string; version: string }): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Json = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      const contentType = spec.contentType ?? (Number(status) >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json');
      const schema = spec.schema ?? (Number(status) >= 400 ? problemSchema : undefined);
      responses[status] = {
        description: spec.description,
        ...(schema ? { content: { [contentType]: { schema: schemaOf(schema, 'output') } } } : {}),
      };
    }
    if (r.access !== 'public') {
      responses['401'] ??= { description: 'Missing or invalid credentials', content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaOf(problemSchema, 'output') } } };
      responses['403'] ??= { description: 'Not allowed for this role or lead', content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaOf(problemSchema, 'output') } } };
    }
    if (r.params || r.query || r.body) {
      responses['400'] ??= { description: 'Invalid request (failing fields named in errors[])', content: { [PROBLEM_CONTENT_TYPE]: { schema: schemaOf(problemSchema, 'output') } } };
    }
    const parameters = [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')];
    if (r.idempotent) {
      parameters.push({ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 200 },
        description: 'Repeat a request safely: the same key returns the first response and never acts twice.' });
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
    };
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { ...info, description: 'leadflow: lead processing on Temporal. Every routing decision explained.' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
