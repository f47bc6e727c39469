// Rule sets for the API: create (version 1), change (a new immutable version), read, list, archive.
// Every write is one transaction on the locked rule set row, so nothing is half-saved and
// concurrent writers to one set serialize.
import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { RuleSetRecord, RuleSetVersion, type IRuleSetRecord } from '../../db/entities/index.js';
import { stageOf, toDate } from '../../db/rule-set-store.js';
import { validateRuleSet, type RuleSet, type RuleSetType } from '../../rules/index.js';
import { HttpProblem, conflict, notFound } from '../http/problem.js';
import type { RuleSetBody } from '../schemas/rule-sets.js';
import { canonicalJson } from './canonical-json.js';
import { invalidDefinition } from './definition-errors.js';
import { findRuleSetReferences } from './rule-set-references.js';
import { decodeCursor, encodeCursor, staleVersion } from './versioning.js';

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : toDate(v).toISOString());

export interface ActiveInfo { stage: string; version: number; activatedAt: string; activatedBy: string }
export interface RuleSetSummary {
  id: string; name: string; type: RuleSetType; description: string | null; latestVersion: number;
  stage: string | null; active: ActiveInfo | null; archived: boolean;
  createdBy: string; createdAt: string; updatedAt: string; archivedAt: string | null;
}
export interface RuleSetDetail extends RuleSetSummary { version: number; definition: RuleSet }

const SUMMARY_SQL = `
  select s.id, s.name, s.type, s.description, s.latest_version, s.archived, s.created_by, s.created_at, s.updated_at,
         s.archived_at, s.updated_at::text as updated_key, act.stage as active_stage, act.version as active_version,
         act.activated_at, act.activated_by
    from rule_set s
    left join (select v.rule_set_id, a.stage, v.version, a.activated_at, a.activated_by
                 from rule_set_activation a join rule_set_version v on v.id = a.rule_set_version_id) act on act.rule_set_id = s.id`;

function toSummary(r: Row): RuleSetSummary {
  const type = r['type'] as RuleSetType;
  return {
    id: String(r['id']), name: String(r['name']), type, description: (r['description'] as string | null) ?? null,
    latestVersion: Number(r['latest_version']), stage: stageOf(type),
    active: r['active_stage'] ? { stage: String(r['active_stage']), version: Number(r['active_version']), activatedAt: iso(r['activated_at'])!, activatedBy: String(r['activated_by']) } : null,
    archived: Boolean(r['archived']), createdBy: String(r['created_by']), createdAt: iso(r['created_at'])!, updatedAt: iso(r['updated_at'])!,
    archivedAt: iso(r['archived_at']),
  };
}

/** The lead's `rank` column holds at most this many characters (rank labels allow 50). */
const RANK_COLUMN_LENGTH = 40;

/** Validates a body as the definition of (id, version): 422 naming every failing `body.<path>`. */
export function validateDefinition(body: RuleSetBody, id: string, version: number, prefix: (string | number)[] = []): RuleSet {
  const result = validateRuleSet({ ...body, id, version });
  if (!result.ok) throw invalidDefinition('invalid_rule_set', 'rule set', result.errors, prefix);
  const def = result.value;
  if (def.type === 'rating' || def.type === 'ranking') {
    const tooLong = def.labels.flatMap((label, i) => (label.length > RANK_COLUMN_LENGTH ? [{ path: ['labels', i], code: 'label_too_long', message: `rank labels are stored with at most ${RANK_COLUMN_LENGTH} characters` }] : []));
    if (tooLong.length > 0) throw invalidDefinition('invalid_rule_set', 'rule set', tooLong, prefix);
  }
  return def;
}

export async function findSummary(em: EntityManager, id: string): Promise<RuleSetSummary | null> {
  const rows = await em.execute<Row[]>(`${SUMMARY_SQL} where s.id = ?`, [id]);
  return rows[0] ? toSummary(rows[0]) : null;
}

export async function getRuleSet(em: EntityManager, id: string): Promise<RuleSetDetail> {
  const summary = await findSummary(em, id);
  if (!summary) throw notFound('rule set', id);
  const v = await em.findOneOrFail(RuleSetVersion, { ruleSetId: id, version: summary.latestVersion });
  return { ...summary, version: v.version, definition: v.definition as RuleSet };
}

export async function createRuleSet(orm: MikroORM, body: RuleSetBody, actor: string): Promise<RuleSetDetail> {
  const id = randomUUID();
  const def = validateDefinition(body, id, 1);
  await orm.em.fork().transactional(async (em: EntityManager) => {
    await em.insert(RuleSetRecord, { id, name: def.name, type: def.type, description: def.description ?? null, latestVersion: 1, createdBy: actor });
    await em.insert(RuleSetVersion, { ruleSetId: id, version: 1, definition: def, createdBy: actor });
  });
  return getRuleSet(orm.em.fork(), id);
}

/** Locks the rule set row for the rest of the transaction; 404 when it does not exist. */
export async function lockRuleSet(em: EntityManager, id: string): Promise<IRuleSetRecord> {
  const row = await em.findOne(RuleSetRecord, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!row) throw notFound('rule set', id);
  return row;
}

const archivedProblem = (id: string) => conflict('rule_set_archived', `rule set '${id}' is archived: it can be read and simulated, not changed or activated`);

/** A new version when the definition differs from the latest; `changed: false` (and no version) when it does not. */
export async function updateRuleSet(orm: MikroORM, id: string, body: RuleSetBody, actor: string, expected: number | undefined): Promise<RuleSetDetail & { changed: boolean }> {
  const changed = await orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockRuleSet(em, id);
    if (row.archived) throw archivedProblem(id);
    if (expected !== undefined && expected !== row.latestVersion) throw staleVersion('rule set', id, expected, row.latestVersion);
    if (body.type !== row.type) {
      throw new HttpProblem(422, 'rule_set_type_immutable', `rule set '${id}' is a ${row.type} set; a new version keeps the type`, {
        errors: [{ field: 'body.type', path: ['body', 'type'], message: `must be '${row.type}' (create a new rule set for another type)`, code: 'type_immutable' }],
      });
    }
    const version = row.latestVersion + 1;
    const def = validateDefinition(body, id, version);
    const latest = await em.findOneOrFail(RuleSetVersion, { ruleSetId: id, version: row.latestVersion });
    if (canonicalJson({ ...latest.definition, version }) === canonicalJson(def)) return false;
    await em.insert(RuleSetVersion, { ruleSetId: id, version, definition: def, createdBy: actor });
    await em.nativeUpdate(RuleSetRecord, { id }, { name: def.name, description: def.description ?? null, latestVersion: version, updatedAt: new Date() });
    return true;
  });
  return { ...(await getRuleSet(orm.em.fork(), id)), changed };
}

export interface ListQuery { limit: number; cursor?: string; type?: RuleSetType; active?: boolean; archived: boolean; sort: 'name' | 'updatedAt' }

export async function listRuleSets(em: EntityManager, q: ListQuery): Promise<{ items: RuleSetSummary[]; nextCursor: string | null }> {
  const where: string[] = ['s.archived = ?'];
  const params: unknown[] = [q.archived];
  if (q.type) { where.push('s.type = ?'); params.push(q.type); }
  if (q.active !== undefined) where.push(q.active ? 'act.stage is not null' : 'act.stage is null');
  if (q.cursor) {
    const [, key, id] = decodeCursor(q.cursor, q.sort, 3);
    if (q.sort === 'name') where.push('(s.name, s.id) > (?, ?::uuid)');
    else where.push('(s.updated_at, s.id) < (?::timestamptz, ?::uuid)');
    params.push(key, id);
  }
  const order = q.sort === 'name' ? 's.name asc, s.id asc' : 's.updated_at desc, s.id desc';
  const rows = await em.execute<Row[]>(`${SUMMARY_SQL} where ${where.join(' and ')} order by ${order} limit ?`, [...params, q.limit + 1]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeCursor([q.sort, String(q.sort === 'name' ? last['name'] : last['updated_key']), String(last['id'])]) : null;
  return { items: page.map(toSummary), nextCursor };
}

export interface VersionView { ruleSetId: string; version: number; name: string; createdBy: string; createdAt: string }

export async function listVersions(em: EntityManager, id: string): Promise<VersionView[]> {
  if (!(await findSummary(em, id))) throw notFound('rule set', id);
  const rows = await em.find(RuleSetVersion, { ruleSetId: id }, { orderBy: { version: 'desc' } });
  return rows.map((v) => ({ ruleSetId: id, version: v.version, name: String((v.definition as { name?: unknown }).name ?? ''), createdBy: v.createdBy, createdAt: v.createdAt.toISOString() }));
}

export async function getVersion(em: EntityManager, id: string, version: number): Promise<VersionView & { definition: RuleSet }> {
  const v = await em.findOne(RuleSetVersion, { ruleSetId: id, version });
  if (!v) {
    if (!(await findSummary(em, id))) throw notFound('rule set', id);
    throw new HttpProblem(404, 'not_found', `rule set '${id}' has no version ${version}`, { extras: { resource: 'rule set version', id, version } });
  }
  const definition = v.definition as RuleSet;
  return { ruleSetId: id, version, name: definition.name, createdBy: v.createdBy, createdAt: v.createdAt.toISOString(), definition };
}

/** Archives (never deletes): 409 while active or referenced (e.g. by routing). Idempotent. */
export async function archiveRuleSet(orm: MikroORM, id: string): Promise<void> {
  await orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockRuleSet(em, id);
    if (row.archived) return;
    const summary = (await findSummary(em, id))!;
    if (summary.active) {
      throw conflict('rule_set_active', `rule set '${id}' v${summary.active.version} is active for ${summary.active.stage}: activate another set or deactivate it first`, { active: summary.active });
    }
    const references = await findRuleSetReferences(em, id);
    if (references.length > 0) {
      throw conflict('rule_set_referenced', `rule set '${id}' is referenced by ${references.map((r) => `${r.kind} ${r.id}`).join(', ')}`, { references });
    }
    const now = new Date();
    await em.nativeUpdate(RuleSetRecord, { id }, { archived: true, archivedAt: now, updatedAt: now });
  });
}
