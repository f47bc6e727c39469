// Rule sets (configuration): the set itself (name, type, archived), its immutable versions (the
// definition as validated), and which version is active for each stage of the lead pipeline.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RuleSetRecord = defineEntity({
  name: 'RuleSetRecord',
  tableName: 'rule_set',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    /** One of RULE_SET_TYPES; never changes (a new version keeps the type). */
    type: p.string().length(20),
    description: p.text().nullable(),
    /** The newest version (versions are 1, 2, ...); the optimistic-concurrency token of PUT. */
    latestVersion: p.integer(),
    archived: p.boolean().default(false),
    createdBy: p.string().length(200),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    archivedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'rule_set_name_idx', properties: ['name', 'id'] },
    { name: 'rule_set_updated_idx', properties: ['updatedAt', 'id'] },
    { name: 'rule_set_type_idx', properties: ['type'] },
  ],
  checks: [{ name: 'rule_set_latest_version_check', expression: 'latest_version >= 1' }],
});
export type IRuleSetRecord = InferEntity<typeof RuleSetRecord>;

/** A version is never changed: evaluations name (rule set id, version) and can be replayed. */
export const RuleSetVersion = defineEntity({
  name: 'RuleSetVersion',
  tableName: 'rule_set_version',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    // No cascade: rule sets are archived, never deleted (leads and audit events name their versions).
    ruleSetId: p.manyToOne(RuleSetRecord).mapToPk().fieldName('rule_set_id'),
    version: p.integer(),
    /** The definition as validated (defaults applied), with `id` = rule set id and `version`. */
    definition: p.json<Record<string, unknown>>(),
    createdBy: p.string().length(200),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  uniques: [{ name: 'rule_set_version_unique', properties: ['ruleSetId', 'version'] }],
});
export type IRuleSetVersion = InferEntity<typeof RuleSetVersion>;

/**
 * The active version per pipeline stage (the seeds' profile options "Assignment Rule for
 * Qualifying / Ranking / Scoring Leads"). Keyed by stage, so the database holds at most one active
 * version per stage; rating and ranking sets share the `rating` stage (the pipeline ranks once).
 */
export const RuleSetActivation = defineEntity({
  name: 'RuleSetActivation',
  tableName: 'rule_set_activation',
  properties: {
    stage: p.string().length(20).primary(),
    ruleSetVersionId: p.manyToOne(RuleSetVersion).mapToPk().fieldName('rule_set_version_id'),
    /** The type of the active set (must fit the stage; checked by the database too). */
    ruleSetType: p.string().length(20),
    activatedBy: p.string().length(200),
    activatedAt: p.datetime().defaultRaw('now()'),
  },
  checks: [
    {
      name: 'rule_set_activation_stage_check',
      expression: "(stage = 'rating' and rule_set_type in ('rating', 'ranking')) or (stage in ('scoring', 'qualification', 'channel') and rule_set_type = stage)",
    },
  ],
});
export type IRuleSetActivation = InferEntity<typeof RuleSetActivation>;
