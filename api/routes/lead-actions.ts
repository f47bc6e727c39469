// Lifecycle actions on a lead. Each is a workflow update: the workflow validates it against the
// live state (invalid calls change nothing and get a 4xx) and records it through activities.
import {
  acceptUpdate,
  addNoteUpdate,
  claimUpdate,
  convertUpdate,
  reassignUpdate,
  rejectUpdate,
  retireUpdate,
  updateAttributesUpdate,
} from '../../workflows/messages.js';
import type { AppDeps } from '../app-deps.js';
import { principalActor, type Principal } from '../auth/principal.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { leadWithLiveSchema } from '../schemas/lead.js';
import { acceptBody, claimBody, convertBody, noteBody, reassignBody, rejectBody, retireBody, updateAttributesBody } from '../schemas/lead-actions.js';
import { findLead, liveState, toLeadDto } from '../services/lead-read.js';
import { updateLead } from '../services/lead-updates.js';
import { z } from 'zod';
import { Rep } from '../../db/entities/index.js';

const ON_BEHALF_ROLES = new Set(['admin', 'manager']);

/** The rep an action is for: the caller's own rep record, or (admins, managers) the one named. */
function actingRep(principal: Principal, repId: string | undefined): string {
  if (repId && repId !== principal.repId && !ON_BEHALF_ROLES.has(principal.role)) {
    throw new HttpProblem(403, 'forbidden_on_behalf', 'Only admins and managers may act on behalf of another rep', {
      errors: [{ field: 'body.repId', path: ['body', 'repId'], message: 'must be your own rep id', code: 'forbidden_on_behalf' }],
    });
  }
  const rep = repId ?? principal.repId;
  if (!rep) {
    throw new HttpProblem(422, 'rep_required', 'Your credentials name no rep: send repId', {
      errors: [{ field: 'body.repId', path: ['body', 'repId'], message: 'required for callers without a rep record', code: 'required' }],
    });
  }
  return rep;
}

export function leadActionRoutes(deps: AppDeps): RouteSpec[] {
  const load = async (id: string) => {
    const lead = await findLead(deps.orm, id);
    if (!lead) throw notFound('lead', id);
    return lead;
  };
  const respond = async (id: string, status = 200) => {
    const row = await load(id);
    return { status, body: { ...toLeadDto(row), live: await liveState(deps.temporal, id) } };
  };
  const meta = (principal: Principal, requestId: string) => ({ actor: principalActor(principal), requestId });
  /** A claim that lost is told who won: the owner's id (from the workflow's refusal) and name. */
  const withOwnerName = async (err: unknown): Promise<unknown> => {
    if (!(err instanceof HttpProblem) || err.code !== 'lead_already_owned' || typeof err.extras.ownerId !== 'string') return err;
    const rep = await deps.orm.em.fork().findOne(Rep, { id: err.extras.ownerId }, { fields: ['name'] });
    return new HttpProblem(err.status, err.code, rep ? `${err.message}: ${rep.name} claimed it first` : err.message, {
      extras: { ...err.extras, ownerName: rep?.name ?? null },
      headers: err.headers,
    });
  };
  const busy = { description: 'The lead is taking too many changes at once (lead_busy); retry after Retry-After seconds with the same Idempotency-Key' };
  const ok = { 200: { description: 'The lead after the action', schema: leadWithLiveSchema }, 404: { description: 'No such lead' }, 409: { description: 'The lead is not in a state that allows this (problem code says why)' }, 422: { description: 'The action is not valid for this lead' }, 503: busy };
  const common = { tags: ['lead lifecycle'], params: uuidParam, idempotent: true as const, responses: ok };

  return [
    defineRoute({
      ...common,
      method: 'post',
      path: '/leads/:id/accept',
      leadAccess: { param: 'id', level: 'offer' },
      operationId: 'acceptLead',
      summary: 'Accept an offered lead (only the rep it is offered to); the rep becomes the owner',
      access: ['admin', 'manager', 'rep'],
      body: acceptBody,
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        await updateLead(deps.temporal, params.id, acceptUpdate, { ...meta(principal, req.requestId), repId: actingRep(principal, body.repId) });
        return respond(params.id);
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/leads/:id/reject',
      leadAccess: { param: 'id', level: 'offer' },
      operationId: 'rejectLead',
      summary: 'Reject an offered lead with a reason; it goes to the next candidate (or the hopper)',
      access: ['admin', 'manager', 'rep'],
      body: rejectBody,
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        await updateLead(deps.temporal, params.id, rejectUpdate, {
          ...meta(principal, req.requestId),
          repId: actingRep(principal, body.repId),
          reason: body.reason,
          ...(body.note ? { note: body.note } : {}),
        });
        return respond(params.id);
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/leads/:id/claim',
      operationId: 'claimLead',
      summary: 'Claim a lead from the hopper (first caller wins; a later claim gets 409 lead_already_owned with ownerId and ownerName)',
      access: ['admin', 'manager', 'rep'],
      body: claimBody,
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        try {
          await updateLead(deps.temporal, params.id, claimUpdate, { ...meta(principal, req.requestId), repId: actingRep(principal, body.repId) });
        } catch (err) {
          throw await withOwnerName(err);
        }
        return respond(params.id);
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/leads/:id/reassign',
      leadAccess: { param: 'id', level: 'owner' },
      operationId: 'reassignLead',
      summary: 'Reassign a lead (owner, the owner’s management chain, or an admin): to a rep, or route it again',
      access: ['admin', 'manager', 'rep'],
      body: reassignBody,
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        await updateLead(deps.temporal, params.id, reassignUpdate, {
          ...meta(principal, req.requestId),
          reason: body.reason,
          ...(body.toRepId ? { toRepId: body.toRepId } : {}),
          ...(body.note ? { note: body.note } : {}),
        });
        return respond(params.id);
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/leads/:id/convert',
      leadAccess: { param: 'id', level: 'edit' },
      operationId: 'convertLead',
      summary: 'Convert an owned lead to an opportunity (ends its lifecycle)',
      access: ['admin', 'manager', 'rep'],
      body: convertBody,
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        await updateLead(deps.temporal, params.id, convertUpdate, { ...meta(principal, req.requestId), opportunity: body.opportunity });
        return respond(params.id);
      },
    }),
    defineRoute({
      ...common,
      method: 'post',
      path: '/leads/:id/retire',
      leadAccess: { param: 'id', level: 'edit' },
      operationId: 'retireLead',
      summary: 'Retire a lead (Duplicate lead, No purchase interest); ends its lifecycle',
      access: ['admin', 'manager', 'rep'],
      body: retireBody,
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        await updateLead(deps.temporal, params.id, retireUpdate, { ...meta(principal, req.requestId), reason: body.reason, ...(body.note ? { note: body.note } : {}) });
        return respond(params.id);
      },
    }),
    defineRoute({
      ...common,
      method: 'patch',
      path: '/leads/:id',
      leadAccess: { param: 'id', level: 'edit' },
      operationId: 'updateLeadAttributes',
      summary: 'Change attributes: re-runs qualification/rank/score and re-routes a not yet accepted lead when routing would change',
      access: ['admin', 'manager', 'rep'],
      body: updateAttributesBody,
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        await updateLead(deps.temporal, params.id, updateAttributesUpdate, { ...meta(principal, req.requestId), attributes: body });
        return respond(params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/leads/:id/notes',
      leadAccess: { param: 'id', level: 'view' },
      operationId: 'addLeadNote',
      summary: 'Add a note (counts as activity: restarts the stale clock)',
      tags: ['lead lifecycle'],
      access: ['admin', 'manager', 'rep'],
      params: uuidParam,
      body: noteBody,
      idempotent: true,
      responses: { 201: { description: 'The note was added', schema: z.object({ noteId: z.uuid() }) }, 404: { description: 'No such lead' }, 409: { description: 'The lead is closed' }, 503: busy },
      handler: async ({ params, body, principal, req }) => {
        await load(params.id);
        const result = await updateLead(deps.temporal, params.id, addNoteUpdate, { ...meta(principal, req.requestId), text: body.text });
        return { status: 201, body: result };
      },
    }),
  ];
}
