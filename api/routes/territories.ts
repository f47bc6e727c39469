// /territories: territories with dimensions, status, hierarchy and members (admin writes; admin/manager/ops read).
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { territoryBody, territoryListQuery, territoryResponse } from '../schemas/assignment.js';
import { createTerritory, deleteTerritory, findTerritory, listTerritories, replaceTerritory } from '../services/assignment/territories.js';

const READ = ['admin', 'manager', 'ops'] as const;

export function territoryRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/territories', operationId: 'listTerritories', summary: 'List territories (filter by parent or status)', tags: ['assignment'], access: READ, query: territoryListQuery,
      responses: { 200: { description: 'Territories', schema: z.object({ territories: z.array(territoryResponse) }) } },
      handler: async ({ query }) => ({ status: 200, body: { territories: await listTerritories(deps.orm.em.fork(), query) } }),
    }),
    defineRoute({
      method: 'post', path: '/territories', operationId: 'createTerritory', summary: 'Create a territory', tags: ['assignment'], access: ['admin'], body: territoryBody,
      responses: { 201: { description: 'Created', schema: territoryResponse }, 409: { description: 'Id taken' }, 422: { description: 'Unknown owner, member or parent' } },
      handler: async ({ body }) => {
        const territory = await createTerritory(deps.orm, body);
        return { status: 201, headers: { Location: `/territories/${territory.id}` }, body: territory };
      },
    }),
    defineRoute({
      method: 'get', path: '/territories/:id', operationId: 'getTerritory', summary: 'A territory', tags: ['assignment'], access: READ, params: uuidParam,
      responses: { 200: { description: 'The territory', schema: territoryResponse }, 404: { description: 'No such territory' } },
      handler: async ({ params }) => {
        const territory = await findTerritory(deps.orm.em.fork(), params.id);
        if (!territory) throw notFound('territory', params.id);
        return { status: 200, body: territory };
      },
    }),
    defineRoute({
      method: 'put', path: '/territories/:id', operationId: 'replaceTerritory', summary: 'Replace a territory (members included)', tags: ['assignment'], access: ['admin'],
      params: uuidParam, body: territoryBody,
      responses: { 200: { description: 'Updated', schema: territoryResponse }, 404: { description: 'No such territory' }, 422: { description: 'Unknown owner, member or parent, or a loop' } },
      handler: async ({ params, body }) => ({ status: 200, body: await replaceTerritory(deps.orm, params.id, body) }),
    }),
    defineRoute({
      method: 'delete', path: '/territories/:id', operationId: 'deleteTerritory', summary: 'Delete a territory without children or leads (else set INACTIVE)', tags: ['assignment'], access: ['admin'],
      params: uuidParam, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such territory' }, 409: { description: 'Still referenced' } },
      handler: async ({ params }) => {
        await deleteTerritory(deps.orm, params.id);
        return { status: 204 };
      },
    }),
  ];
}
