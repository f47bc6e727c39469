import { defineRoute, type RouteSpec } from '../http/route.js';
import { notFound } from '../http/problem.js';
import { HttpProblem } from '../http/problem.js';
import type { AppDeps } from '../app-deps.js';
import { principalActor } from '../auth/principal.js';
import { uuidParam } from '../schemas/common.js';
import { captureLeadBody, captureResponseSchema, leadWithLiveSchema } from '../schemas/lead.js';
import { captureLead } from '../services/lead-capture.js';
import { findLead, liveState, toLeadDto } from '../services/lead-read.js';

export function leadRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/leads',
      operationId: 'captureLead',
      summary: 'Capture a lead (starts its workflow; idempotent per source + Original System Reference)',
      tags: ['leads'],
      access: ['admin', 'manager', 'rep', 'integration'],
      body: captureLeadBody,
      idempotent: true,
      responses: {
        201: { description: 'Lead captured', schema: captureResponseSchema },
        200: { description: 'Lead already existed (same source and Original System Reference)', schema: captureResponseSchema },
      },
      handler: async ({ body, principal, req }) => {
        if (principal.source && principal.source !== body.source) {
          throw new HttpProblem(403, 'source_not_allowed', `This API key may capture only source '${principal.source}'`, {
            errors: [{ field: 'body.source', path: ['body', 'source'], message: `must be '${principal.source}'`, code: 'source_not_allowed' }],
          });
        }
        const result = await captureLead(deps, body, principalActor(principal), req.requestId);
        const row = await findLead(deps.orm, result.leadId);
        if (!row) throw new Error(`lead ${result.leadId} captured but not found`);
        const live = await liveState(deps.temporal, result.leadId);
        return {
          status: result.created ? 201 : 200,
          headers: { Location: `/leads/${result.leadId}` },
          body: { ...toLeadDto(row), live, created: result.created },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/leads/:id',
      operationId: 'getLead',
      summary: 'A lead: stored attributes and derived values, plus its workflow’s live state',
      tags: ['leads'],
      access: ['admin', 'manager', 'rep', 'ops'],
      params: uuidParam,
      responses: {
        200: { description: 'The lead', schema: leadWithLiveSchema },
        404: { description: 'No such lead' },
      },
      handler: async ({ params }) => {
        const row = await findLead(deps.orm, params.id);
        if (!row) throw notFound('lead', params.id);
        return { status: 200, body: { ...toLeadDto(row), live: await liveState(deps.temporal, params.id) } };
      },
    }),
  ];
}
