// Assessments of a lead: take one (Active templates only; scored, stored, audited, and the lead's
// workflow told), list them. Admin, manager and rep take them; ops may read them too.
// Lead-level access (a rep only on leads they may edit / view) is not checked here yet.
import type { AppDeps } from '../app-deps.js';
import type { Role } from '../auth/principal.js';
import { principalActor } from '../auth/principal.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { assessmentListSchema, assessmentSchema, leadAssessmentParams, takeAssessmentBody, takenAssessmentSchema } from '../schemas/assessments.js';
import { uuidParam } from '../schemas/common.js';
import { getAssessment, listAssessments, takeAssessment } from '../services/assessments.js';

const TAKE: readonly Role[] = ['admin', 'manager', 'rep'];
const READ: readonly Role[] = ['admin', 'manager', 'rep', 'ops'];
const tags = ['assessments', 'leads'];

export function assessmentRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post', path: '/leads/:id/assessments', operationId: 'takeAssessment', tags, access: TAKE, leadAccess: { param: 'id', level: 'edit' },
      summary: 'Take an assessment of a lead: answers -> total score, rating, feedback and recommended task templates',
      params: uuidParam, body: takeAssessmentBody,
      responses: {
        201: { description: 'Stored (and audited as assessment_taken)', schema: takenAssessmentSchema },
        404: { description: 'No such lead' },
        409: { description: 'The template is not Active' },
        422: { description: 'Unknown template, or answers naming unknown questions / responses (errors[] name body.answers.<i>.<field>)' },
      },
      handler: async ({ params, body, principal, req }) => {
        const taken = await takeAssessment(deps, params.id, body, principalActor(principal), req.requestId);
        return { status: 201, headers: { Location: `/leads/${params.id}/assessments/${taken.id}` }, body: taken };
      },
    }),
    defineRoute({
      method: 'get', path: '/leads/:id/assessments', operationId: 'listLeadAssessments', tags, access: READ, leadAccess: { param: 'id', level: 'view' },
      summary: 'The assessments of a lead, newest first',
      params: uuidParam,
      responses: { 200: { description: 'Assessments', schema: assessmentListSchema }, 404: { description: 'No such lead' } },
      handler: async ({ params }) => ({ status: 200, body: { leadId: params.id, items: await listAssessments(deps.orm.em.fork(), params.id) } }),
    }),
    defineRoute({
      method: 'get', path: '/leads/:id/assessments/:assessmentId', operationId: 'getLeadAssessment', tags, access: READ, leadAccess: { param: 'id', level: 'view' },
      summary: 'One assessment of a lead',
      params: leadAssessmentParams,
      responses: { 200: { description: 'The assessment', schema: assessmentSchema }, 404: { description: 'No such assessment of this lead' } },
      handler: async ({ params }) => ({ status: 200, body: await getAssessment(deps.orm.em.fork(), params.id, params.assessmentId) }),
    }),
  ];
}
