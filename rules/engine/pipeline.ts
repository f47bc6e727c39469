// The lead processing engine in the seeds' order: qualification first; qualified leads go to
// rating, unqualified leads get no grade (rank null) and go straight to channel selection, which
// may use the qualified flag, the amount and the rating. Scoring, when given, runs before
// qualification because a score threshold and score-range ranking read the score.
//
// A stage whose set is given decides its value; a stage without a set passes the lead's current
// value through (qualified, score, rank). salesChannel keeps a caller-supplied channel when no
// channel rule matched. The lead is not modified: derived values travel in `facts.derived`.
import type { DerivedValues, Facts } from './attributes.js';
import type { CompiledRuleSet } from './compile.js';
import { evaluate } from './evaluate.js';
import type { RuleSetRef } from './schema.js';
import type { RuleSetTrace } from './trace.js';

export interface PipelineSets {
  scoring?: CompiledRuleSet<'scoring'>;
  qualification?: CompiledRuleSet<'qualification'>;
  /** A rating (seed 002) or ranking (Fusion, may rank by score ranges) set. */
  rating?: CompiledRuleSet<'rating' | 'ranking'>;
  channel?: CompiledRuleSet<'channel'>;
}
export type PipelineStage = keyof PipelineSets;

export interface PipelineResult {
  qualified: boolean;
  status: 'Qualified' | 'Unqualified';
  rank: string | null;
  score: number | null;
  salesChannel: string | null;
  /** Which rule set version ran for each stage ("which version decided"). */
  ruleSetVersions: Partial<Record<PipelineStage, RuleSetRef>>;
  /** The rules that matched per stage. */
  matchedRules: Partial<Record<PipelineStage, string[]>>;
  /** One trace per stage that ran, in order; empty unless explain is on. */
  traces: RuleSetTrace[];
}

type StageResult = { ruleSet: RuleSetRef; matchedRules: string[]; trace?: RuleSetTrace };

function record(out: PipelineResult, stage: PipelineStage, r: StageResult): void {
  out.ruleSetVersions[stage] = r.ruleSet;
  out.matchedRules[stage] = r.matchedRules;
  if (r.trace) out.traces.push(r.trace);
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null;
}

export function runPipeline(sets: PipelineSets, lead: Readonly<Record<string, unknown>>, now: Date, options: { explain?: boolean } = {}): PipelineResult {
  const derived: DerivedValues = { score: lead['score'], qualified: lead['qualified'], status: lead['status'], rank: lead['rank'] };
  const facts: Facts = { lead, derived, now };
  const out: PipelineResult = {
    qualified: false, status: 'Unqualified', rank: null, score: null, salesChannel: null,
    ruleSetVersions: {}, matchedRules: {}, traces: [],
  };

  if (sets.scoring) {
    const r = evaluate(sets.scoring, facts, options);
    record(out, 'scoring', r);
    if (r.processed) derived.score = r.score;
  }
  out.score = typeof derived.score === 'number' ? derived.score : null;

  if (sets.qualification) {
    const r = evaluate(sets.qualification, facts, options);
    record(out, 'qualification', r);
    out.qualified = r.qualified === true; // outside the guards: not qualified (seed 002)
  } else {
    out.qualified = derived.qualified === true || derived.status === 'Qualified';
  }
  out.status = out.qualified ? 'Qualified' : 'Unqualified';
  derived.qualified = out.qualified;
  derived.status = out.status;

  if (!out.qualified) out.rank = null;
  else if (sets.rating) {
    const r = evaluate(sets.rating, facts, options);
    record(out, 'rating', r);
    out.rank = r.rank;
  } else out.rank = text(derived.rank);
  derived.rank = out.rank;

  out.salesChannel = text(lead['salesChannel']);
  if (sets.channel) {
    const r = evaluate(sets.channel, facts, options);
    record(out, 'channel', r);
    if (r.salesChannel !== null) out.salesChannel = r.salesChannel;
  }
  return out;
}
