// Routing explanations and what-ifs: GET /leads/:id/routing (every decision, newest first),
// POST /assignment/simulate (hypothetical leads, no side effects), GET /offboardings/:id.
import type { AppDeps } from '../app-deps.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { leadRoutingResponse, offboardingResponse, simulateBody, simulateResponse } from '../schemas/assignment.js';
import { leadRouting, repMaySeeLead } from '../services/assignment/lead-routing.js';
import { findOffboarding } from '../services/assignment/offboarding.js';
import { simulate } from '../services/assignment/simulate.js';
import { rows } from '../../db/assignment/sql.js';
import { unwiredRuleSetLoader } from '../../db/assignment/rule-sets.js';

export function assignmentRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/leads/:id/routing', operationId: 'getLeadRouting',
      summary: 'Every routing decision for the lead (steps tried, candidates, exclusions with reasons, strategy, winner), lead team and territories',
      tags: ['assignment'], access: ['admin', 'manager', 'ops', 'rep'], params: uuidParam,
      responses: { 200: { description: 'Decisions, newest first', schema: leadRoutingResponse }, 404: { description: 'No such lead' } },
      handler: async ({ params, principal }) => {
        const em = deps.orm.em.fork();
        const [lead] = await rows(em, 'select id from lead where id = ?', [params.id]);
        if (!lead) throw notFound('lead', params.id);
        if (principal.role === 'rep' && !(principal.repId && (await repMaySeeLead(em, params.id, principal.repId)))) {
          throw new HttpProblem(403, 'not_on_lead_team', 'Reps see the routing of leads they own, were offered, or are on the lead team of');
        }
        return { status: 200, body: await leadRouting(em, params.id) };
      },
    }),
    defineRoute({
      method: 'post', path: '/assignment/simulate', operationId: 'simulateAssignment',
      summary: 'Route hypothetical leads one after another against current reps, teams and territories (or a given configuration); writes nothing',
      tags: ['assignment'], access: ['admin', 'manager', 'ops'], body: simulateBody,
      responses: { 200: { description: 'Decisions and tally', schema: simulateResponse }, 422: { description: 'The given configuration refers to unknown reps, teams or rule sets' } },
      handler: async ({ body }) => ({ status: 200, body: await simulate(deps.orm, body, deps.ruleSets ?? unwiredRuleSetLoader) }),
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
