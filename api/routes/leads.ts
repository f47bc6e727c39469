import { z } from 'zod';
import { Lead } from '../../db/entities/index.js';
import { ASSIGNMENT_STATUSES, LEAD_SOURCES, LEAD_STATUSES } from '../../rules/lookups.js';
import type { AppDeps } from '../app-deps.js';
import type { LeadAccessLoader } from '../auth/lead-access-loader.js';
import { principalActor } from '../auth/principal.js';
import { keysetPage, listQuerySchema, pageResult, pageSchema } from '../http/pagination.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { isoDateTime, uuidParam } from '../schemas/common.js';
import { captureLeadBody, captureResponseSchema, leadSchema, leadWithLiveSchema } from '../schemas/lead.js';
import { createLeadCapture } from '../services/lead-capture.js';
import { findLead, liveState, toLeadDto } from '../services/lead-read.js';

const leadSorts = {
  createdAt: { nullable: false, cursorValue: isoDateTime.transform((s) => new Date(s)) },
  score: { nullable: true, cursorValue: z.number().int() },
};
export const listLeadsQuery = listQuerySchema({
  sorts: leadSorts,
  defaultSort: '-createdAt',
  filters: {
    status: z.enum(LEAD_STATUSES).optional(),
    assignmentStatus: z.enum(ASSIGNMENT_STATUSES).optional(),
    ownerId: z.uuid().optional().describe('Leads owned by this rep'),
    rank: z.string().min(1).max(40).optional(),
    source: z.enum(LEAD_SOURCES).optional(),
    createdFrom: isoDateTime.optional().describe('Created at or after this instant'),
    createdTo: isoDateTime.optional().describe('Created before this instant'),
  },
});

export function leadRoutes(deps: AppDeps, access: LeadAccessLoader): RouteSpec[] {
  const captureLead = createLeadCapture({ ...deps, leadExists: async (id) => (await findLead(deps.orm, id)) !== null });
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
        201: { description: 'Lead captured (outcome: created)', schema: captureResponseSchema },
        200: { description: 'No new lead: the same source and Original System Reference was captured before (outcome: existing), or the same person as an open lead (outcome: duplicate, duplicateOfId)', schema: captureResponseSchema },
      },
      handler: async ({ body, principal, req }) => {
        if (principal.source && principal.source !== body.source) {
          throw new HttpProblem(403, 'source_not_allowed', `This API key may capture only source '${principal.source}'`, {
            errors: [{ field: 'body.source', path: ['body', 'source'], message: `must be '${principal.source}'`, code: 'source_not_allowed' }],
          });
        }
        const result = await captureLead(body, principalActor(principal), req.requestId);
        const row = await findLead(deps.orm, result.leadId);
        if (!row) throw new Error(`lead ${result.leadId} captured but not found`);
        // A duplicate is never answered like a new lead: 200, outcome duplicate, duplicateOfId.
        const outcome = row.duplicateOfId ? 'duplicate' : result.created ? 'created' : 'existing';
        deps.metrics?.captures.inc({ source: body.source, outcome });
        const live = await liveState(deps.temporal, result.leadId);
        return {
          status: outcome === 'created' ? 201 : 200,
          headers: { Location: `/leads/${result.leadId}` },
          body: { ...toLeadDto(row), live, created: outcome === 'created', outcome },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/leads',
      operationId: 'listLeads',
      summary: 'Leads the caller may see, filtered and sorted (cursor pagination)',
      description: 'Reps see the leads they own, are offered, or reach through a lead team or territory; managers also those of the reps below them.',
      tags: ['leads'],
      access: ['admin', 'manager', 'rep', 'ops'],
      query: listLeadsQuery,
      responses: { 200: { description: 'A page of leads', schema: pageSchema(leadSchema) } },
      handler: async ({ query, principal }) => {
        const page = keysetPage(query, leadSorts);
        const filters: Record<string, unknown> = {};
        for (const k of ['status', 'assignmentStatus', 'ownerId', 'rank', 'source'] as const) if (query[k] !== undefined) filters[k] = query[k];
        if (query.createdFrom || query.createdTo) {
          filters.createdAt = {
            ...(query.createdFrom ? { $gte: new Date(query.createdFrom) } : {}),
            ...(query.createdTo ? { $lt: new Date(query.createdTo) } : {}),
          };
        }
        const qb = deps.orm.em.fork().createQueryBuilder(Lead, 'l').select('*').where(filters);
        if (Object.keys(page.where).length) qb.andWhere(page.where);
        const visible = await access.visibleLeadsCondition(principal, 'l');
        if (visible) qb.andWhere(visible.sql, visible.params);
        const rows = await qb.orderBy(page.orderBy as never).limit(page.fetch).getResultList();
        return {
          status: 200,
          body: pageResult(rows, page, (r) => (page.field === 'score' ? r.score ?? null : r.createdAt.toISOString()), toLeadDto),
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
      leadAccess: { param: 'id', level: 'view' },
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
