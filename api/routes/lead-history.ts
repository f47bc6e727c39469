// A lead's audit log and notes.
import { AuditEvent, LeadNote } from '../../db/entities/index.js';
import type { AppDeps } from '../app-deps.js';
import { notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { historyQuery, historyResponse, notesResponse } from '../schemas/lead-actions.js';
import { findLead } from '../services/lead-read.js';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export function leadHistoryRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/leads/:id/history',
      leadAccess: { param: 'id', level: 'view' },
      operationId: 'getLeadHistory',
      summary: 'Every state change of the lead: actor, action, reason, before/after, rule trace',
      tags: ['leads'],
      access: ['admin', 'manager', 'rep', 'ops'],
      params: uuidParam,
      query: historyQuery,
      responses: { 200: { description: 'Audit events, oldest first', schema: historyResponse }, 404: { description: 'No such lead' } },
      handler: async ({ params, query }) => {
        if (!(await findLead(deps.orm, params.id))) throw notFound('lead', params.id);
        const rows = await deps.orm.em.fork().find(
          AuditEvent,
          { leadId: params.id, ...(query.after !== undefined ? { id: { $gt: query.after } } : {}) },
          { orderBy: { id: 'asc' }, limit: query.limit + 1 },
        );
        const page = rows.slice(0, query.limit);
        return {
          status: 200,
          body: {
            items: page.map((e) => ({
              id: Number(e.id),
              action: e.action,
              actor: e.actor,
              reason: e.reason ?? null,
              before: e.before ?? null,
              after: e.after ?? null,
              detail: e.detail ?? null,
              trace: e.trace ?? null,
              requestId: e.requestId ?? null,
              at: iso(e.at),
            })),
            nextAfter: rows.length > query.limit ? Number(page[page.length - 1]!.id) : null,
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/leads/:id/notes',
      leadAccess: { param: 'id', level: 'view' },
      operationId: 'getLeadNotes',
      summary: 'Notes on the lead, newest first',
      tags: ['leads'],
      access: ['admin', 'manager', 'rep', 'ops'],
      params: uuidParam,
      responses: { 200: { description: 'Notes', schema: notesResponse }, 404: { description: 'No such lead' } },
      handler: async ({ params }) => {
        if (!(await findLead(deps.orm, params.id))) throw notFound('lead', params.id);
        const notes = await deps.orm.em.fork().find(LeadNote, { leadId: params.id }, { orderBy: { createdAt: 'desc' }, limit: 500 });
        return { status: 200, body: { items: notes.map((n) => ({ id: n.id, text: n.text, author: n.author, createdAt: iso(n.createdAt) })) } };
      },
    }),
  ];
}
