// Activation: which version of which rule set each pipeline stage runs. One row per stage
// (the primary key), replaced atomically by an upsert inside the transaction that locks the rule
// set, so concurrent activations leave exactly one active version per stage.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { RuleSetActivation, RuleSetVersion } from '../../db/entities/index.js';
import { ACTIVATABLE_TYPES, PIPELINE_STAGES, loadActiveStages, stageOf } from '../../db/rule-set-store.js';
import type { RuleSetType } from '../../rules/index.js';
import { HttpProblem, conflict } from '../http/problem.js';
import { lockRuleSet } from './rule-sets.js';

export interface ActivationView {
  stage: string;
  ruleSetId: string;
  version: number;
  activatedAt: string;
  activatedBy: string;
  replaced: { ruleSetId: string; version: number } | null;
}

type Row = Record<string, unknown>;

async function currentOf(em: EntityManager, stage: string): Promise<{ ruleSetId: string; version: number } | null> {
  const rows = await em.execute<Row[]>(
    `select v.rule_set_id, v.version from rule_set_activation a join rule_set_version v on v.id = a.rule_set_version_id where a.stage = ? for update of a`,
    [stage],
  );
  const r = rows[0];
  return r ? { ruleSetId: String(r['rule_set_id']), version: Number(r['version']) } : null;
}

export async function activateRuleSet(orm: MikroORM, id: string, requested: number | undefined, actor: string): Promise<ActivationView> {
  return orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockRuleSet(em, id);
    const type = row.type as RuleSetType;
    const stage = stageOf(type);
    if (!stage) {
      throw new HttpProblem(422, 'rule_set_not_activatable', `a ${type} rule set is not activated: the routing configuration references it by id`, {
        extras: { ruleSetType: type, activatableTypes: [...ACTIVATABLE_TYPES] },
      });
    }
    if (row.archived) throw conflict('rule_set_archived', `rule set '${id}' is archived and cannot be activated`);
    const version = requested ?? row.latestVersion;
    const v = await em.findOne(RuleSetVersion, { ruleSetId: id, version });
    if (!v) {
      throw new HttpProblem(422, 'unknown_version', `rule set '${id}' has no version ${version} (latest: ${row.latestVersion})`, {
        errors: [{ field: 'body.version', path: ['body', 'version'], message: `no such version (1-${row.latestVersion})`, code: 'unknown_version' }],
      });
    }
    const before = await currentOf(em, stage);
    const activatedAt = new Date();
    await em.createQueryBuilder(RuleSetActivation)
      .insert({ stage, ruleSetVersionId: v.id, ruleSetType: type, activatedBy: actor, activatedAt })
      .onConflict('stage')
      .merge(['ruleSetVersionId', 'ruleSetType', 'activatedBy', 'activatedAt'])
      .execute('run');
    const replaced = before && !(before.ruleSetId === id && before.version === version) ? before : null;
    return { stage, ruleSetId: id, version, activatedAt: activatedAt.toISOString(), activatedBy: actor, replaced };
  });
}

/** Removes the set's activation (its stage then runs without a set). Idempotent. */
export async function deactivateRuleSet(orm: MikroORM, id: string): Promise<{ stage: string | null; deactivated: { ruleSetId: string; version: number } | null }> {
  return orm.em.fork().transactional(async (em: EntityManager) => {
    const row = await lockRuleSet(em, id);
    const stage = stageOf(row.type as RuleSetType);
    if (!stage) return { stage: null, deactivated: null };
    const current = await currentOf(em, stage);
    if (!current || current.ruleSetId !== id) return { stage, deactivated: null };
    await em.nativeDelete(RuleSetActivation, { stage });
    return { stage, deactivated: current };
  });
}

export async function activeSets(em: EntityManager): Promise<Record<string, unknown>> {
  const active = await loadActiveStages(em);
  const out: Record<string, unknown> = Object.fromEntries(PIPELINE_STAGES.map((s) => [s, null]));
  for (const a of active) {
    out[a.stage] = {
      stage: a.stage, ruleSetId: a.ruleSetId, type: a.type, name: a.name, version: a.version,
      activatedAt: a.activatedAt.toISOString(), activatedBy: a.activatedBy, definition: a.definition,
    };
  }
  return out;
}
