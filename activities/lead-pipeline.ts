// The lead pipeline over stored leads, pure and bulk-friendly: compile the stage sets once
// (planLeadPipeline), then derive each lead's values (deriveLeadValues / deriveLeadValuesMany).
// The lead-processing activity writes one lead with it; batch scoring/ranking/qualification runs
// over many leads reuse it and write the `changed` fields in bulk.
import { leadFacts, type LeadFactsRow } from '../db/lead-facts.js';
import { CompiledRuleSetCache, pipelineSetsOf, type ActiveStage, type VersionRef } from '../db/rule-set-store.js';
import { runPipeline, type PipelineResult, type PipelineSets, type PipelineStage } from '../rules/index.js';
import type { LeadStatus } from '../rules/lookups.js';

export type RuleVersions = Record<string, VersionRef>;

/** The values the pipeline derives and stores on the lead. */
export interface DerivedLeadValues {
  status: LeadStatus;
  qualified: boolean;
  rank: string | null;
  score: number | null;
  salesChannel: string | null;
  ruleVersions: RuleVersions;
}
export type DerivedField = keyof DerivedLeadValues;
export const DERIVED_FIELDS: readonly DerivedField[] = ['status', 'qualified', 'score', 'rank', 'salesChannel', 'ruleVersions'];

export interface LeadPipelinePlan {
  sets: PipelineSets;
  /** The version of each stage's set (what `ruleVersions` records when the stage runs). */
  stages: Partial<Record<PipelineStage, VersionRef>>;
  /** No stage has a set: nothing is derived, nothing changes. */
  empty: boolean;
}

/** Compiles the stage sets once (cached per (id, version) when a cache is given). */
export function planLeadPipeline(stages: readonly ActiveStage[], cache: CompiledRuleSetCache = new CompiledRuleSetCache()): LeadPipelinePlan {
  return {
    sets: pipelineSetsOf(stages, cache),
    stages: Object.fromEntries(stages.map((s) => [s.stage, { ruleSetId: s.ruleSetId, version: s.version }])),
    empty: stages.length === 0,
  };
}

export interface LeadDerivation {
  leadId: string;
  /** Why nothing was evaluated: a closed (Converted / Retired) lead, or no active rule sets. */
  skipped: 'closed' | 'no_rule_sets' | null;
  before: DerivedLeadValues;
  after: DerivedLeadValues;
  /** The fields whose value differs (what to write); empty when nothing changes. */
  changed: DerivedField[];
  /** The pipeline's result (traces with explain on); null when skipped. */
  result: PipelineResult | null;
}

const CLOSED: readonly string[] = ['Converted', 'Retired'];

export function storedValues(row: LeadFactsRow): DerivedLeadValues {
  return {
    status: (row.status ?? 'Unqualified') as LeadStatus,
    qualified: row.qualified ?? false,
    rank: row.rank ?? null,
    score: row.score ?? null,
    salesChannel: row.salesChannel ?? null,
    ruleVersions: (row.ruleVersions ?? {}) as RuleVersions,
  };
}

const canonical = (v: RuleVersions): string => JSON.stringify(Object.keys(v).sort().map((k) => [k, v[k]!.ruleSetId, v[k]!.version]));

/** Whether a derived field differs between two value sets (rule versions compared canonically). */
export function differs(field: DerivedField, a: DerivedLeadValues, b: DerivedLeadValues): boolean {
  return field === 'ruleVersions' ? canonical(a.ruleVersions) !== canonical(b.ruleVersions) : a[field] !== b[field];
}

/**
 * Runs the plan on one stored lead. Status moves only between Unqualified and Qualified; a
 * Converted or Retired lead is not processed at all. The sales channel changes only when the
 * channel stage chose one. `ruleVersions` names the version of every stage that ran.
 */
export function deriveLeadValues(plan: LeadPipelinePlan, row: LeadFactsRow, now: Date, options: { explain?: boolean } = {}): LeadDerivation {
  const before = storedValues(row);
  const skip = (skipped: LeadDerivation['skipped']): LeadDerivation => ({ leadId: row.id, skipped, before, after: before, changed: [], result: null });
  if (CLOSED.includes(before.status)) return skip('closed');
  if (plan.empty) return skip('no_rule_sets');
  const result = runPipeline(plan.sets, leadFacts(row, now), now, options);
  const ruleVersions: RuleVersions = {};
  for (const [stage, ref] of Object.entries(result.ruleSetVersions)) ruleVersions[stage] = { ruleSetId: ref.id, version: ref.version };
  const after: DerivedLeadValues = {
    status: result.status,
    qualified: result.qualified,
    rank: result.rank,
    score: result.score,
    salesChannel: result.ruleSetVersions.channel && result.salesChannel !== null ? result.salesChannel : before.salesChannel,
    ruleVersions,
  };
  return { leadId: row.id, skipped: null, before, after, changed: DERIVED_FIELDS.filter((f) => differs(f, before, after)), result };
}

/** Compile once, evaluate many: the derivations of many leads with one plan and one `now`. */
export function deriveLeadValuesMany(plan: LeadPipelinePlan, rows: Iterable<LeadFactsRow>, now: Date, options: { explain?: boolean } = {}): LeadDerivation[] {
  const out: LeadDerivation[] = [];
  for (const row of rows) out.push(deriveLeadValues(plan, row, now, options));
  return out;
}

/** The changed fields only, as a partial update of the lead (for bulk writers). */
export function changedValues(d: LeadDerivation): Partial<DerivedLeadValues> {
  return Object.fromEntries(d.changed.map((f) => [f, d.after[f]])) as Partial<DerivedLeadValues>;
}
