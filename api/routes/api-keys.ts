// API keys for integrations: admins create (the secret is returned once), list and revoke them.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { createApiKey, revokeApiKey } from '../auth/api-keys.js';
import { ApiKey, type IApiKey } from '../../db/entities/index.js';
import { keysetPage, listQuerySchema, pageResult, pageSchema } from '../http/pagination.js';
import { notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { apiKeySchema, createApiKeyBody, createdApiKeySchema } from '../schemas/api-key.js';
import { isoDateTime, uuidParam } from '../schemas/common.js';

const toDto = (k: IApiKey) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  source: k.source ?? null,
  prefix: k.prefix,
  createdBy: k.createdBy,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt ? k.lastUsedAt.toISOString() : null,
  revokedAt: k.revokedAt ? k.revokedAt.toISOString() : null,
});

const sorts = { createdAt: { nullable: false, cursorValue: isoDateTime.transform((s) => new Date(s)) } };
const listQuery = listQuerySchema({
  sorts,
  defaultSort: '-createdAt',
  filters: { revoked: z.enum(['true', 'false']).optional().describe('Only revoked (true) or only active (false) keys') },
});

export function apiKeyRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api-keys',
      operationId: 'createApiKey',
      summary: 'Create an API key (the key is in the response, and only there)',
      tags: ['api keys'],
      access: ['admin'],
      body: createApiKeyBody,
      responses: { 201: { description: 'Key created', schema: createdApiKeySchema } },
      handler: async ({ body, principal }) => {
        const { row, key } = await createApiKey(deps.orm, { name: body.name, role: body.role, source: body.source ?? null, createdBy: `${principal.kind}:${principal.id}` });
        return { status: 201, headers: { Location: `/api-keys/${row.id}` }, body: { ...toDto(row), key } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api-keys',
      operationId: 'listApiKeys',
      summary: 'API keys, newest first (never their secrets)',
      tags: ['api keys'],
      access: ['admin'],
      query: listQuery,
      responses: { 200: { description: 'A page of keys', schema: pageSchema(apiKeySchema) } },
      handler: async ({ query }) => {
        const page = keysetPage(query, sorts);
        const where: Record<string, unknown> = { ...page.where };
        if (query.revoked) where.revokedAt = query.revoked === 'true' ? { $ne: null } : null;
        const rows = await deps.orm.em.fork().find(ApiKey, where, { orderBy: page.orderBy as never, limit: page.fetch });
        return { status: 200, body: pageResult(rows, page, (r) => r.createdAt.toISOString(), toDto) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api-keys/:id',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key (it stops working at once; revoking again changes nothing)',
      tags: ['api keys'],
      access: ['admin'],
      params: uuidParam,
      responses: {
        200: { description: 'The revoked key', schema: apiKeySchema },
        404: { description: 'No such key' },
      },
      handler: async ({ params }) => {
        const row = await revokeApiKey(deps.orm, params.id);
        if (!row) throw notFound('API key', params.id);
        return { status: 200, body: toDto(row) };
      },
    }),
  ];
}
