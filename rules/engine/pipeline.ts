// The lead processing engine in the seeds' order: qualification first; qualified leads go to
// rating, unqualified leads get no grade (rank null) and go straight to channel selection, which
// may use the qualified flag, the amount and the rating. Scoring, when given, runs before
// qualification because a score threshold and score-range ranking read the score.
//
// A stage whose set is given decides its value; a stage without a set passes the lead's current
// value through (qualified, score, rank). salesChannel keeps a caller-supplied channel when no
// channel rule matched.
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

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

export function runPipeline(sets: PipelineSets, lead: Readonly<Record<string, unknown>>, now: Date, options: { explain?: boolean } = {}): PipelineResult {
  const work: Record<string, unknown> = { ...lead };
  const facts = { lead: work, now };
  const out: PipelineResult = {
    qualified: false, status: 'Unqualified', rank: null, score: null, salesChannel: null,
    ruleSetVersions: {}, matchedRules: {}, traces: [],
  };
  const record = (stage: PipelineStage, r: { ruleSet: RuleSetRef; matchedRules: string[]; trace?: RuleSetTrace }): void => {
    out.ruleSetVersions[stage] = r.ruleSet;
    out.matchedRules[stage] = r.matchedRules;
    if (r.trace) out.traces.push(r.trace);
  };

  if (sets.scoring) {
    const r = evaluate(sets.scoring, facts, options);
    record('scoring', r);
    if (r.processed) work['score'] = r.score;
  }
  out.score = typeof work['score'] === 'number' ? work['score'] : null;

  if (sets.qualification) {
    const r = evaluate(sets.qualification, facts, options);
    record('qualification', r);
    out.qualified = r.qualified === true; // outside the guards: not qualified (seed 002)
  } else {
    out.qualified = work['qualified'] === true || work['status'] === 'Qualified';
  }
  out.status = out.qualified ? 'Qualified' : 'Unqualified';
  work['qualified'] = out.qualified;
  work['status'] = out.status;

  if (!out.qualified) out.rank = null;
  else if (sets.rating) {
    const r = evaluate(sets.rating, facts, options);
    record('rating', r);
    out.rank = r.rank;
  } else out.rank = str(work['rank']);
  work['rank'] = out.rank;

  out.salesChannel = str(work['salesChannel']);
  if (sets.channel) {
    const r = evaluate(sets.channel, facts, options);
    record('channel', r);
    if (r.salesChannel !== null) out.salesChannel = r.salesChannel;
  }
  return out;
}
