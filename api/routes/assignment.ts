// Routing explanations and what-ifs: GET /leads/:id/routing (every decision, newest first),
// POST /assignment/simulate (hypothetical leads, no side effects), GET /offboardings/:id.
import type { AppDeps } from '../app-deps.js';
import { notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { leadRoutingResponse, offboardingResponse, simulateBody, simulateResponse } from '../schemas/assignment.js';
import { leadRouting } from '../services/assignment/lead-routing.js';
import { findOffboarding } from '../services/assignment/offboarding.js';
import { simulate } from '../services/assignment/simulate.js';
import { storedRuleSetLoader } from '../../db/assignment/rule-sets.js';

export function assignmentRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/leads/:id/routing', operationId: 'getLeadRouting',
      summary: 'Every routing decision for the lead (steps tried, candidates, exclusions with reasons, strategy, winner), lead team and territories',
      tags: ['assignment'], access: ['admin', 'manager', 'ops', 'rep'], params: uuidParam, leadAccess: { param: 'id', level: 'view' },
      responses: { 200: { description: 'Decisions, newest first', schema: leadRoutingResponse }, 404: { description: 'No such lead' } },
      handler: async ({ params }) => ({ status: 200, body: await leadRouting(deps.orm.em.fork(), params.id) }),
    }),
    defineRoute({
      method: 'post', path: '/assignment/simulate', operationId: 'simulateAssignment',
      summary: 'Route hypothetical leads one after another against current reps, teams and territories (or a given configuration); writes nothing',
      tags: ['assignment'], access: ['admin', 'manager', 'ops'], body: simulateBody,
      responses: { 200: { description: 'Decisions and tally', schema: simulateResponse }, 422: { description: 'The given configuration refers to unknown reps, teams or rule sets' } },
      handler: async ({ body }) => ({ status: 200, body: await simulate(deps.orm, body, deps.ruleSets ?? storedRuleSetLoader(deps.orm)) }),
    }),
    defineRoute({
      method: 'get', path: '/offboardings/:id', operationId: 'getOffboarding', summary: 'Progress of an offboarding', tags: ['assignment'],
      access: ['admin', 'manager', 'ops'], params: uuidParam,
      responses: { 200: { description: 'Progress', schema: offboardingResponse }, 404: { description: 'No such offboarding' } },
      handler: async ({ params }) => {
        const o = await findOffboarding(deps.orm.em.fork(), params.id);
        if (!o) throw notFound('offboarding', params.id);
        return { status: 200, body: o };
      },
    }),
  ];
}
