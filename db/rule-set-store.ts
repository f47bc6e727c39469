// Reading stored rule sets: one version (latest or pinned), the active version of each pipeline
// stage, and compiled sets cached per (id, version) — versions never change, so the cache is
// never stale. Used by the API (simulate), the lead-processing activity, batch runs and the
// routing configuration (rule sets referenced by id, latest or pinned version).
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  compileValidRuleSet, type CompiledRuleSet, type PipelineSets, type PipelineStage, type RuleSet, type RuleSetType,
} from '../rules/index.js';

/** The pipeline's stages in run order; each has at most one active rule set version. */
export const PIPELINE_STAGES = ['scoring', 'qualification', 'rating', 'channel'] as const satisfies readonly PipelineStage[];

/** Types that are activated for automatic processing (assignment and territory_filter sets are referenced by routing instead). */
export const ACTIVATABLE_TYPES = ['qualification', 'rating', 'scoring', 'ranking', 'channel'] as const satisfies readonly RuleSetType[];
export type ActivatableType = (typeof ACTIVATABLE_TYPES)[number];

/** The stage a set of this type runs in; null for candidate-selecting types. Rating and ranking share `rating`. */
export function stageOf(type: RuleSetType): PipelineStage | null {
  switch (type) {
    case 'rating': case 'ranking': return 'rating';
    case 'scoring': case 'qualification': case 'channel': return type;
    default: return null;
  }
}

export interface VersionRef { ruleSetId: string; version: number }

export interface StoredRuleSetVersion extends VersionRef {
  type: RuleSetType;
  name: string;
  archived: boolean;
  latestVersion: number;
  definition: RuleSet;
  createdBy: string;
  createdAt: Date;
}

export interface ActiveStage extends VersionRef {
  stage: PipelineStage;
  type: RuleSetType;
  name: string;
  definition: RuleSet;
  activatedBy: string;
  activatedAt: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string): boolean => UUID.test(s);

type Row = Record<string, unknown>;

/** Raw queries return timestamptz as text ('2025-01-31 12:00:00.123456+00'); entities get Dates. */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`not a timestamp: ${String(v)}`);
  return d;
}

/** One version of a rule set: the latest when `version` is omitted. Null when either does not exist. */
export async function loadRuleSetVersion(em: EntityManager, ruleSetId: string, version?: number | null): Promise<StoredRuleSetVersion | null> {
  if (!isUuid(ruleSetId)) return null;
  const rows = await em.execute<Row[]>(
    `select s.id, s.type, s.name, s.archived, s.latest_version, v.version, v.definition, v.created_by, v.created_at
       from rule_set s join rule_set_version v on v.rule_set_id = s.id and v.version = coalesce(?, s.latest_version)
      where s.id = ?`,
    [version ?? null, ruleSetId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ruleSetId: String(r['id']), version: Number(r['version']), type: r['type'] as RuleSetType, name: String(r['name']),
    archived: Boolean(r['archived']), latestVersion: Number(r['latest_version']), definition: r['definition'] as RuleSet,
    createdBy: String(r['created_by']), createdAt: toDate(r['created_at']),
  };
}

/** The active version of each stage that has one, in pipeline order. */
export async function loadActiveStages(em: EntityManager): Promise<ActiveStage[]> {
  const rows = await em.execute<Row[]>(
    `select a.stage, a.rule_set_type, a.activated_by, a.activated_at, v.rule_set_id, v.version, v.definition, s.name
       from rule_set_activation a
       join rule_set_version v on v.id = a.rule_set_version_id
       join rule_set s on s.id = v.rule_set_id`,
  );
  const byStage = new Map(rows.map((r) => [String(r['stage']), r]));
  return PIPELINE_STAGES.flatMap((stage) => {
    const r = byStage.get(stage);
    if (!r) return [];
    return [{
      stage, type: r['rule_set_type'] as RuleSetType, ruleSetId: String(r['rule_set_id']), version: Number(r['version']),
      name: String(r['name']), definition: r['definition'] as RuleSet, activatedBy: String(r['activated_by']), activatedAt: toDate(r['activated_at']),
    }];
  });
}

/** Compiled rule sets per (id, version), bounded (oldest entries evicted first). */
export class CompiledRuleSetCache {
  private readonly sets = new Map<string, CompiledRuleSet>();
  constructor(private readonly max = 500) {}

  get size(): number {
    return this.sets.size;
  }

  compile(v: VersionRef & { definition: RuleSet }): CompiledRuleSet {
    const key = `${v.ruleSetId}@${v.version}`;
    let set = this.sets.get(key);
    if (!set) {
      // Stored definitions were validated when saved; the id and version come from the row.
      set = compileValidRuleSet({ ...v.definition, id: v.ruleSetId, version: v.version } as RuleSet);
      if (this.sets.size >= this.max) this.sets.delete(this.sets.keys().next().value!);
      this.sets.set(key, set);
    }
    return set;
  }
}

/** The compiled pipeline for the given stage versions (e.g. the active ones). */
export function pipelineSetsOf(stages: readonly (VersionRef & { stage: PipelineStage; definition: RuleSet })[], cache: CompiledRuleSetCache): PipelineSets {
  const sets: Record<string, CompiledRuleSet> = {};
  for (const s of stages) sets[s.stage] = cache.compile(s);
  return sets as PipelineSets;
}

/**
 * For the routing configuration: the compiled sets it references, keyed by rule set id (what
 * `createRuleMatcher` takes). A ref without a version reads the latest version; ids that do not
 * exist are left out (the caller reports them).
 */
export async function resolveRuleSetRefs(
  em: EntityManager, refs: readonly { ruleSetId: string; version?: number | null }[], cache: CompiledRuleSetCache,
): Promise<Map<string, CompiledRuleSet>> {
  const out = new Map<string, CompiledRuleSet>();
  for (const ref of refs) {
    if (out.has(ref.ruleSetId)) continue;
    const stored = await loadRuleSetVersion(em, ref.ruleSetId, ref.version);
    if (stored) out.set(ref.ruleSetId, cache.compile(stored));
  }
  return out;
}
