// Routing configuration: versioned (every PUT stores a new version, who and when), exactly one
// active. Validated by the zod schema (400) and here against the database (422 naming the path):
// referenced reps, teams and rule sets must exist.
import type { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DEFAULT_ROUTING, parseStoredRouting } from '../../../db/assignment/routing.js';
import type { RuleSetLoader } from '../../../db/assignment/rule-sets.js';
import { isoOf, json, rows, run, type Row } from '../../../db/assignment/sql.js';
import type { RoutingConfig } from '../../../rules/assignment/index.js';
import { conflict, notFound } from '../../http/problem.js';
import type { routingConfigBody } from '../../schemas/assignment.js';
import { configTx } from './config-tx.js';
import { References } from './references.js';

export type RoutingConfigBody = z.output<typeof routingConfigBody>;

function dto(row: Row | undefined) {
  if (!row) return { version: 0, isDefault: true, config: DEFAULT_ROUTING, webhook: null, note: null, createdBy: null, createdAt: null };
  const parsed = parseStoredRouting(row);
  return {
    version: parsed.version,
    isDefault: false,
    config: parsed.config,
    webhook: parsed.webhook ? { url: parsed.webhook.url, hasSecret: parsed.webhook.secret !== null } : null,
    note: (row.note as string | null) ?? null,
    createdBy: String(row.created_by),
    createdAt: isoOf(row.created_at),
  };
}

export async function activeRouting(orm: MikroORM) {
  const [row] = await rows(orm.em.fork(), 'select * from routing_config_version where active');
  return dto(row);
}

export async function routingVersion(orm: MikroORM, version: number) {
  const [row] = await rows(orm.em.fork(), 'select * from routing_config_version where version = ?', [version]);
  if (!row) throw notFound('routing configuration version', String(version));
  return dto(row);
}

export async function routingHistory(orm: MikroORM, limit: number, offset: number) {
  const found = await rows(orm.em.fork(), `select version, config_id, definition->>'name' as name, jsonb_array_length(definition->'steps') as steps, active,
      note, created_by, created_at from routing_config_version order by version desc limit ? offset ?`, [limit, offset]);
  return {
    versions: found.map((r) => ({
      version: Number(r.version), configId: String(r.config_id), name: String(r.name), steps: Number(r.steps), active: r.active === true,
      note: (r.note as string | null) ?? null, createdBy: String(r.created_by), createdAt: isoOf(r.created_at),
    })),
  };
}

/** Referential checks of a routing configuration; `at` is where it sits in the request body. */
export async function checkRoutingReferences(em: EntityManager, config: RoutingConfig, ruleSets: RuleSetLoader, at: (string | number)[]): Promise<void> {
  const refs = new References();
  const ruleRefs: { path: (string | number)[]; id: string }[] = [];
  config.steps.forEach((step, i) => {
    const p = [...at, 'steps', i];
    if (step.when) ruleRefs.push({ path: [...p, 'when', 'ruleSetId'], id: step.when.ruleSetId });
    if (step.candidateRule) ruleRefs.push({ path: [...p, 'candidateRule', 'ruleSetId'], id: step.candidateRule.ruleSetId });
    const m = step.match;
    if (m.kind === 'specific_user') refs.need('rep', [...p, 'match', 'repId'], m.repId);
    if (m.kind === 'team') refs.need('team', [...p, 'match', 'teamId'], m.teamId);
    if (m.kind === 'rep_attributes' || m.kind === 'rule') {
      refs.needAll('team', [...p, 'match', 'from', 'teamIds'], m.from.teamIds).needAll('rep', [...p, 'match', 'from', 'repIds'], m.from.repIds);
    }
    if (m.kind === 'rule') ruleRefs.push({ path: [...p, 'match', 'ruleSetId'], id: m.ruleSetId });
    if (m.kind === 'territory' && m.ruleFilter) ruleRefs.push({ path: [...p, 'match', 'ruleFilter', 'ruleSetId'], id: m.ruleFilter.ruleSetId });
  });
  if (config.fallback.kind === 'queue') refs.need('team', [...at, 'fallback', 'teamId'], config.fallback.teamId);
  const ids = [...new Set(ruleRefs.map((r) => r.id))];
  const known = ids.length > 0 ? await ruleSets(ids) : new Map();
  for (const r of ruleRefs) if (!known.has(r.id)) refs.fail(r.path, `rule set '${r.id}' does not exist`, 'unknown_reference');
  // Every id must be a UUID to be looked up; the schema allows any id string.
  await refs.check(em);
}

export async function putRouting(orm: MikroORM, body: RoutingConfigBody, createdBy: string, ruleSets: RuleSetLoader) {
  return configTx(orm, async (em) => {
    await rows(em, 'select revision from assignment_settings where id = 1 for update'); // one configuration change at a time
    const [current] = await rows(em, 'select version from routing_config_version where active');
    const activeVersion = current ? Number(current.version) : 0;
    if (body.expectedVersion !== undefined && body.expectedVersion !== activeVersion) {
      throw conflict('routing_config_changed', `the active routing configuration is version ${activeVersion}, not ${body.expectedVersion}`, { activeVersion });
    }
    await checkRoutingReferences(em, body.config, ruleSets, ['config']);
    const [max] = await rows(em, 'select coalesce(max(version), 0)::int as v from routing_config_version');
    const version = Number(max?.v ?? 0) + 1;
    await run(em, 'update routing_config_version set active = false where active');
    await run(em, `insert into routing_config_version (version, config_id, definition, active, webhook_url, webhook_secret, note, created_by)
      values (?, ?, ?::jsonb, true, ?, ?, ?, ?)`,
      [version, body.config.id, json({ ...body.config, version }), body.webhook?.url ?? null, body.webhook?.secret ?? null, body.note ?? null, createdBy]);
    const [row] = await rows(em, 'select * from routing_config_version where version = ?', [version]);
    return dto(row);
  });
}
