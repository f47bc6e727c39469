// Admin settings: the lead lifecycle (offer SLA, attempts before the hopper, stale rule, dedupe).
// A versioned document: GET gives it with its revision (and ETag); PUT replaces it whole; PATCH
// changes only the fields it names; both take If-Match / ?expectedRevision= (409 when stale).
import { z } from 'zod';
import { lifecycleSettingsPatchSchema, lifecycleSettingsSchema } from '../../rules/lifecycle-settings.js';
import { actorLabel, staleSweepWorkflowId, sweepNowSignal } from '../../workflows/messages.js';
import type { AppDeps } from '../app-deps.js';
import { principalActor } from '../auth/principal.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { readSettings, writeSettings, type StoredSettings } from '../services/lifecycle-settings.js';
import { etag, expectedVersion } from '../services/versioning.js';

const storedSchema = lifecycleSettingsSchema.extend({
  revision: z.number().int().describe('Bumped by every change; send it back as If-Match (or ?expectedRevision=) to refuse a change based on an older revision.'),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const revisionQuery = z.strictObject({ expectedRevision: z.coerce.number().int().min(0).max(1e9).optional() });
const respond = (s: StoredSettings) => ({
  status: 200,
  body: { ...s.settings, revision: s.revision, updatedBy: s.updatedBy, updatedAt: s.updatedAt },
  headers: { ETag: etag(s.revision) },
});
const stale = { description: 'The settings changed since the given revision (If-Match / expectedRevision): reload and apply the change again' };
const unknownTeam = { description: 'telemarketingTeamId names no team (errors[].field = body.telemarketingTeamId)' };

export function settingsRoutes(deps: AppDeps): RouteSpec[] {
  const write = async (change: Record<string, unknown>, mode: 'replace' | 'merge', expected: number | undefined, actor: string) => {
    const stored = await writeSettings(deps.orm, { change, mode, actor, ...(expected !== undefined ? { expectedRevision: expected } : {}) });
    // Waiting leads learn of a changed stale rule from the sweep (now, then every few minutes);
    // without a running sweep (a worker started with it off) there is nothing to kick.
    if (stored.changed) await deps.temporal.workflow.getHandle(staleSweepWorkflowId(deps.taskQueue)).signal(sweepNowSignal).catch(() => undefined);
    return respond(stored);
  };
  return [
    defineRoute({
      method: 'get',
      path: '/settings/lifecycle',
      operationId: 'getLifecycleSettings',
      summary: 'Lead lifecycle settings (defaults filled in) with their revision',
      tags: ['settings'],
      access: ['admin', 'manager', 'ops'],
      responses: { 200: { description: 'Current settings; ETag = the revision', schema: storedSchema } },
      handler: async () => respond(await readSettings(deps.orm.em.fork())),
    }),
    defineRoute({
      method: 'put',
      path: '/settings/lifecycle',
      operationId: 'putLifecycleSettings',
      summary: 'Replace the lead lifecycle settings: the whole document — fields left out take their defaults (use PATCH to change some)',
      description: 'Applies to the next offer and timer of every lead; a changed stale threshold reaches waiting leads within minutes.',
      tags: ['settings'],
      access: ['admin'],
      query: revisionQuery,
      body: lifecycleSettingsSchema,
      responses: { 200: { description: 'Stored settings', schema: storedSchema }, 409: stale, 422: unknownTeam },
      handler: async ({ body, query, principal, req }) => write(body, 'replace', expectedVersion(req, query.expectedRevision), actorLabel(principalActor(principal))),
    }),
    defineRoute({
      method: 'patch',
      path: '/settings/lifecycle',
      operationId: 'patchLifecycleSettings',
      summary: 'Change some lead lifecycle settings: only the fields given change (a nested dedupe object merges)',
      description: 'Applies to the next offer and timer of every lead; a changed stale threshold reaches waiting leads within minutes.',
      tags: ['settings'],
      access: ['admin'],
      query: revisionQuery,
      body: lifecycleSettingsPatchSchema,
      responses: { 200: { description: 'Stored settings', schema: storedSchema }, 409: stale, 422: unknownTeam },
      handler: async ({ body, query, principal, req }) => write(body, 'merge', expectedVersion(req, query.expectedRevision), actorLabel(principalActor(principal))),
    }),
  ];
}
