// Lifecycle settings as a versioned document: every write bumps `revision` (If-Match /
// ?expectedRevision= make a stale edit a 409 instead of a lost update), PUT replaces the whole
// document (omitted fields take their defaults), PATCH merges (nothing else changes). The
// telemarketing team must exist. After a change the stale sweep runs at once, so a lowered
// stale threshold reaches waiting leads within minutes (see activities/stale-sweep.ts).
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/postgresql';
import { LIFECYCLE_SETTINGS_KEY } from '../../activities/lifecycle.js';
import { Setting, Team } from '../../db/entities/index.js';
import { lifecycleSettingsSchema, type LifecycleSettings } from '../../rules/lifecycle-settings.js';
import { fieldError, unprocessable } from '../http/problem.js';
import { staleVersion } from './versioning.js';

export interface StoredSettings {
  settings: LifecycleSettings;
  revision: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export async function readSettings(em: EntityManager): Promise<StoredSettings> {
  const row = await em.findOne(Setting, { key: LIFECYCLE_SETTINGS_KEY });
  return {
    settings: lifecycleSettingsSchema.parse(row?.value ?? {}),
    revision: row?.revision ?? 0,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt ? new Date(row.updatedAt).toISOString() : null,
  };
}

/** JSON merge of a partial settings document onto the current one (objects merge, arrays and values replace). */
export function mergeSettings(current: LifecycleSettings, patch: Record<string, unknown>): unknown {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    const base = merged[k];
    merged[k] = v && typeof v === 'object' && !Array.isArray(v) && base && typeof base === 'object' && !Array.isArray(base) ? { ...base, ...v } : v;
  }
  return merged;
}

export interface SettingsWrite {
  /** The whole document (PUT) or the fields to change (PATCH). */
  change: Record<string, unknown>;
  mode: 'replace' | 'merge';
  expectedRevision?: number;
  actor: string;
}

/** Writes the settings in one transaction (row locked); returns the stored document and whether anything changed. */
export async function writeSettings(orm: MikroORM, w: SettingsWrite): Promise<StoredSettings & { changed: boolean; before: LifecycleSettings }> {
  return orm.em.fork().transactional(async (em) => {
    // The row exists from here on (revision 0 = defaults), so concurrent writers queue on its lock.
    await em.execute(`insert into setting (key, value, updated_by, updated_at, revision) values (?, '{}', 'system:defaults', now(), 0) on conflict (key) do nothing`, [LIFECYCLE_SETTINGS_KEY]);
    const row = await em.findOneOrFail(Setting, { key: LIFECYCLE_SETTINGS_KEY }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const before = lifecycleSettingsSchema.parse(row.value ?? {});
    if (w.expectedRevision !== undefined && w.expectedRevision !== row.revision) throw staleVersion('lifecycle settings', LIFECYCLE_SETTINGS_KEY, w.expectedRevision, row.revision);
    const next = lifecycleSettingsSchema.parse(w.mode === 'replace' ? w.change : mergeSettings(before, w.change));
    if (next.telemarketingTeamId && !(await em.findOne(Team, { id: next.telemarketingTeamId }, { fields: ['id'] }))) {
      throw unprocessable('unknown_team', `telemarketingTeamId: team '${next.telemarketingTeamId}' does not exist`, [
        fieldError('body', ['telemarketingTeamId'], 'no such team', 'unknown_team'),
      ]);
    }
    const changed = JSON.stringify(next) !== JSON.stringify(before);
    if (changed) {
      row.value = next;
      row.revision += 1;
      row.updatedBy = w.actor;
      row.updatedAt = new Date();
      await em.flush();
    }
    return { settings: next, revision: row.revision, updatedBy: row.updatedBy, updatedAt: new Date(row.updatedAt).toISOString(), changed, before };
  });
}
