// /reps: CRUD (admin writes; admin/manager/ops read; a rep reads itself), the availability
// toggle (the rep itself or admin/manager), and offboarding (bulk reassignment with progress).
import type { Principal } from '../auth/principal.js';
import { principalActor } from '../auth/principal.js';
import type { AppDeps } from '../app-deps.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import {
  availabilityBody, availabilityResponse, offboardBody, offboardingResponse, repBody, repListQuery, repPatchBody, repResponse,
} from '../schemas/assignment.js';
import { z } from 'zod';
import { setAvailability } from '../services/assignment/availability.js';
import { signalQueuedLeadsFor } from '../services/assignment/queue-signals.js';
import { latestOffboarding, startOffboarding } from '../services/assignment/offboarding.js';
import { createRep, deleteRep, findRep, listReps, updateRep } from '../services/assignment/reps.js';

const READ = ['admin', 'manager', 'ops'] as const;

/** Reps may act on themselves only (JWT repId claim). */
function selfOnly(principal: Principal, repId: string): void {
  if (principal.role === 'rep' && principal.repId !== repId) throw new HttpProblem(403, 'not_this_rep', 'A rep may only read or change itself');
}

export function repRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get', path: '/reps', operationId: 'listReps', summary: 'List reps (candidates) with their routing state', tags: ['assignment'],
      access: READ, query: repListQuery, responses: { 200: { description: 'Reps', schema: z.object({ reps: z.array(repResponse) }) } },
      handler: async ({ query }) => ({ status: 200, body: { reps: await listReps(deps.orm, query) } }),
    }),
    defineRoute({
      method: 'post', path: '/reps', operationId: 'createRep', summary: 'Create a rep', tags: ['assignment'], access: ['admin'], body: repBody,
      responses: { 201: { description: 'Created', schema: repResponse }, 409: { description: 'Id or e-mail taken' }, 422: { description: 'Unknown manager or team' } },
      handler: async ({ body }) => {
        const rep = await createRep(deps.orm, body);
        return { status: 201, headers: { Location: `/reps/${rep.id}` }, body: rep };
      },
    }),
    defineRoute({
      method: 'get', path: '/reps/:id', operationId: 'getRep', summary: 'A rep (reps may read themselves)', tags: ['assignment'],
      access: [...READ, 'rep'], params: uuidParam, responses: { 200: { description: 'The rep', schema: repResponse }, 404: { description: 'No such rep' } },
      handler: async ({ params, principal }) => {
        selfOnly(principal, params.id);
        const rep = await findRep(deps.orm.em.fork(), params.id);
        if (!rep) throw notFound('rep', params.id);
        return { status: 200, body: rep };
      },
    }),
    defineRoute({
      method: 'put', path: '/reps/:id', operationId: 'replaceRep', summary: 'Replace a rep’s configuration (routing state is kept)', tags: ['assignment'],
      access: ['admin'], params: uuidParam, body: repBody,
      responses: { 200: { description: 'Updated', schema: repResponse }, 404: { description: 'No such rep' }, 409: { description: 'E-mail taken' }, 422: { description: 'Unknown manager or team, or a management loop' } },
      handler: async ({ params, body }) => {
        const rep = await updateRep(deps.orm, params.id, body);
        await signalQueuedLeadsFor(deps, rep); // more room or reactivated: queued leads may go now
        return { status: 200, body: rep };
      },
    }),
    defineRoute({
      method: 'patch', path: '/reps/:id', operationId: 'updateRep', summary: 'Change some of a rep’s fields', tags: ['assignment'],
      access: ['admin'], params: uuidParam, body: repPatchBody,
      responses: { 200: { description: 'Updated', schema: repResponse }, 404: { description: 'No such rep' }, 409: { description: 'E-mail taken' }, 422: { description: 'Unknown manager or team, or a management loop' } },
      handler: async ({ params, body }) => {
        const rep = await updateRep(deps.orm, params.id, body);
        await signalQueuedLeadsFor(deps, rep);
        return { status: 200, body: rep };
      },
    }),
    defineRoute({
      method: 'delete', path: '/reps/:id', operationId: 'deleteRep', summary: 'Delete a rep that nothing refers to (else deactivate or offboard)', tags: ['assignment'],
      access: ['admin'], params: uuidParam, responses: { 204: { description: 'Deleted' }, 404: { description: 'No such rep' }, 409: { description: 'Still referenced' } },
      handler: async ({ params }) => {
        await deleteRep(deps.orm, params.id);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'post', path: '/reps/:id/availability', operationId: 'setRepAvailability',
      summary: 'Away/back toggle and out-of-office periods (the rep itself, or admin/manager); coming back rejoins without a flood of leads',
      tags: ['assignment'], access: ['admin', 'manager', 'rep'], params: uuidParam, body: availabilityBody,
      responses: { 200: { description: 'Availability changed', schema: availabilityResponse }, 404: { description: 'No such rep' } },
      handler: async ({ params, body, principal }) => {
        selfOnly(principal, params.id);
        return { status: 200, body: await setAvailability(deps, params.id, body) };
      },
    }),
    defineRoute({
      method: 'post', path: '/reps/:id/offboard', operationId: 'offboardRep',
      summary: 'Reassign all open leads of a rep (reason Workload) in a workflow; the rep gets no new leads', tags: ['assignment'],
      access: ['admin', 'manager'], params: uuidParam, body: offboardBody,
      responses: { 202: { description: 'Offboarding started', schema: offboardingResponse }, 404: { description: 'No such rep' }, 409: { description: 'Already running' } },
      handler: async ({ params, body, principal }) => {
        const o = await startOffboarding(deps, params.id, body, principalActor(principal));
        return { status: 202, headers: { Location: `/offboardings/${o.id}` }, body: o };
      },
    }),
    defineRoute({
      method: 'get', path: '/reps/:id/offboard', operationId: 'getRepOffboarding', summary: 'Progress of the rep’s latest offboarding', tags: ['assignment'],
      access: ['admin', 'manager', 'ops'], params: uuidParam,
      responses: { 200: { description: 'Progress', schema: offboardingResponse }, 404: { description: 'Never offboarded' } },
      handler: async ({ params }) => {
        const o = await latestOffboarding(deps.orm.em.fork(), params.id);
        if (!o) throw notFound('offboarding of rep', params.id);
        return { status: 200, body: o };
      },
    }),
  ];
}
