// Admin settings: the lead lifecycle (offer SLA, attempts before the hopper, stale rule, dedupe).
import { Setting } from '../../db/entities/index.js';
import { LIFECYCLE_SETTINGS_KEY, readLifecycleSettings } from '../../activities/lifecycle.js';
import { lifecycleSettingsSchema } from '../../rules/lifecycle-settings.js';
import { actorLabel } from '../../workflows/messages.js';
import type { AppDeps } from '../app-deps.js';
import { principalActor } from '../auth/principal.js';
import { defineRoute, type RouteSpec } from '../http/route.js';

export function settingsRoutes(deps: AppDeps): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/settings/lifecycle',
      operationId: 'getLifecycleSettings',
      summary: 'Lead lifecycle settings',
      tags: ['settings'],
      access: ['admin', 'manager', 'ops'],
      responses: { 200: { description: 'Current settings (defaults filled in)', schema: lifecycleSettingsSchema } },
      handler: async () => ({ status: 200, body: await readLifecycleSettings(deps.orm.em.fork()) }),
    }),
    defineRoute({
      method: 'put',
      path: '/settings/lifecycle',
      operationId: 'putLifecycleSettings',
      summary: 'Replace the lead lifecycle settings (applies to the next offer / timer of every lead)',
      tags: ['settings'],
      access: ['admin'],
      body: lifecycleSettingsSchema,
      responses: { 200: { description: 'Stored settings', schema: lifecycleSettingsSchema } },
      handler: async ({ body, principal }) => {
        const em = deps.orm.em.fork();
        await em.upsert(Setting, { key: LIFECYCLE_SETTINGS_KEY, value: body, updatedBy: actorLabel(principalActor(principal)), updatedAt: new Date() });
        return { status: 200, body };
      },
    }),
  ];
}
