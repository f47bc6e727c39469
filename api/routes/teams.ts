// /teams: teams and queues (admin writes; admin/manager/ops read).
import { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { pageQuery, teamBody, teamResponse } from '../schemas/assignment.js';
import { createTeam, deleteTeam, findTeam, listTeams, replaceTeam } from '../services/assignment/teams.js';

const READ = ['admin', 'manager', 'ops'] as const;

export function teamRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/teams', operationId: 'listTeams', summary: 'List teams and queues', tags: ['assignment'], access: READ, query: pageQuery,
      responses: { 200: { description: 'Teams', schema: z.object({ teams: z.array(teamResponse) }) } },
      handler: async ({ query }) => ({ status: 200, body: { teams: await listTeams(deps.orm.em.fork(), query.limit, query.offset) } }),
    }),
    defineRoute({
      method: 'post', path: '/teams', operationId: 'createTeam', summary: 'Create a team or queue', tags: ['assignment'], access: ['admin'], body: teamBody,
      responses: { 201: { description: 'Created', schema: teamResponse }, 409: { description: 'Name or id taken' }, 422: { description: 'Unknown member, manager or parent' } },
      handler: async ({ body }) => {
        const team = await createTeam(deps.orm, body);
        return { status: 201, headers: { Location: `/teams/${team.id}` }, body: team };
      },
    }),
    defineRoute({
      method: 'get', path: '/teams/:id', operationId: 'getTeam', summary: 'A team', tags: ['assignment'], access: READ, params: uuidParam,
      responses: { 200: { description: 'The team', schema: teamResponse }, 404: { description: 'No such team' } },
      handler: async ({ params }) => {
        const team = await findTeam(deps.orm.em.fork(), params.id);
        if (!team) throw notFound('team', params.id);
        return { status: 200, body: team };
      },
    }),
    defineRoute({
      method: 'put', path: '/teams/:id', operationId: 'replaceTeam', summary: 'Replace a team (members included)', tags: ['assignment'], access: ['admin'],
      params: uuidParam, body: teamBody,
      responses: { 200: { description: 'Updated', schema: teamResponse }, 404: { description: 'No such team' }, 409: { description: 'Name taken' }, 422: { description: 'Unknown member, manager or parent, or a loop' } },
      handler: async ({ params, body }) => ({ status: 200, body: await replaceTeam(deps.orm, params.id, body) }),
    }),
    defineRoute({
      method: 'delete', path: '/teams/:id', operationId: 'deleteTeam', summary: 'Delete a team nothing refers to', tags: ['assignment'], access: ['admin'],
      params: uuidParam, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such team' }, 409: { description: 'Still referenced' } },
      handler: async ({ params }) => {
        await deleteTeam(deps.orm, params.id);
        return { status: 204 };
      },
    }),
  ];
}
