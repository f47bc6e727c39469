// /routing-config: the active routing configuration (GET), a new version (PUT, admin), history.
import { principalActor } from '../auth/principal.js';
import type { AppDeps } from '../app-deps.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { pageQuery, routingConfigBody, routingConfigResponse, routingHistoryResponse, versionParam } from '../schemas/assignment.js';
import { activeRouting, putRouting, routingHistory, routingVersion } from '../services/assignment/routing-config.js';
import { storedRuleSetLoader } from '../../db/assignment/rule-sets.js';
import { actorLabel } from '../../workflows/messages.js';

const READ = ['admin', 'manager', 'ops'] as const;

export function routingConfigRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/routing-config', operationId: 'getRoutingConfig',
      summary: 'The active routing configuration (version 0 = nothing configured: every lead goes to the hopper)', tags: ['assignment'], access: READ,
      responses: { 200: { description: 'Active configuration', schema: routingConfigResponse } },
      handler: async () => ({ status: 200, body: await activeRouting(deps.orm) }),
    }),
    defineRoute({
      method: 'put', path: '/routing-config', operationId: 'putRoutingConfig',
      summary: 'Store and activate a new version of the routing configuration (steps, fallback, decision webhook)', tags: ['assignment'],
      access: ['admin'], body: routingConfigBody,
      responses: {
        200: { description: 'The new active version', schema: routingConfigResponse },
        409: { description: 'expectedVersion is not the active version' },
        422: { description: 'A referenced rep, team or rule set does not exist (errors[] names each path)' },
      },
      handler: async ({ body, principal }) => ({ status: 200, body: await putRouting(deps.orm, body, actorLabel(principalActor(principal)), deps.ruleSets ?? storedRuleSetLoader(deps.orm)) }),
    }),
    defineRoute({
      method: 'get', path: '/routing-config/history', operationId: 'getRoutingConfigHistory', summary: 'Every stored version, newest first',
      tags: ['assignment'], access: READ, query: pageQuery, responses: { 200: { description: 'Versions', schema: routingHistoryResponse } },
      handler: async ({ query }) => ({ status: 200, body: await routingHistory(deps.orm, query.limit, query.offset) }),
    }),
    defineRoute({
      method: 'get', path: '/routing-config/versions/:version', operationId: 'getRoutingConfigVersion', summary: 'One stored version',
      tags: ['assignment'], access: READ, params: versionParam,
      responses: { 200: { description: 'The version', schema: routingConfigResponse }, 404: { description: 'No such version' } },
      handler: async ({ params }) => ({ status: 200, body: await routingVersion(deps.orm, params.version) }),
    }),
  ];
}
