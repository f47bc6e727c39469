// Simulations: evaluate a rule set (or the pipeline) against leads given inline or stored leads
// chosen by a filter, with results, traces and a summary. Reads only: nothing is written.
import type { EntityManager } from '@mikro-orm/postgresql';
import { leadFacts } from '../../db/lead-facts.js';
import { findLeadsByFilter, validateLeadFilter, type LeadFilterCondition } from '../../db/lead-filter.js';
import {
  describeTrace, evaluate, runPipeline, type CompiledRuleSet, type Facts, type PipelineSets, type RuleSetResult,
} from '../../rules/index.js';
import { invalidDefinition } from './definition-errors.js';

export interface SubjectSource {
  leads?: Record<string, unknown>[];
  filter?: { conditions: LeadFilterCondition[]; limit: number };
}

/** One lead to evaluate: facts plus how the caller recognizes it (index, ref, or stored id). */
export interface Subject {
  index: number;
  ref?: string;
  leadId?: string;
  lead: Record<string, unknown>;
  candidate?: Record<string, unknown>;
  territory?: Record<string, unknown>;
}

function inlineSubject(raw: Record<string, unknown>, index: number): Subject {
  const { ref, candidate, territory, ...lead } = raw;
  return {
    index, lead,
    ...(typeof ref === 'string' ? { ref } : {}),
    ...(candidate ? { candidate: candidate as Record<string, unknown> } : {}),
    ...(territory ? { territory: territory as Record<string, unknown> } : {}),
  };
}

/** The leads of a simulation: inline ones as given, or stored ones matching the filter (422 naming a bad condition). */
export async function selectSubjects(em: EntityManager, source: SubjectSource, now: Date): Promise<{ kind: 'inline' | 'filter'; subjects: Subject[] }> {
  if (source.leads) return { kind: 'inline', subjects: source.leads.map(inlineSubject) };
  const filter = source.filter!;
  const errors = validateLeadFilter(filter.conditions);
  if (errors.length > 0) throw invalidDefinition('invalid_filter', 'filter', errors, ['filter', 'conditions']);
  const rows = await findLeadsByFilter(em, filter.conditions, filter.limit, now);
  return { kind: 'filter', subjects: rows.map((row, index) => ({ index, leadId: row.id, lead: leadFacts(row, now) })) };
}

/** A short label per result for the summary counts. */
export function outcomeOf(r: RuleSetResult): string {
  if (!r.processed) return r.type === 'territory_filter' ? 'not_applicable' : 'not_processed';
  switch (r.type) {
    case 'qualification': return r.status ?? 'Unqualified';
    case 'rating': case 'ranking': return r.rank ?? 'no_rank';
    case 'scoring': return 'scored';
    case 'channel': return r.salesChannel ?? 'no_channel';
    case 'assignment': return r.excluded ? 'excluded' : r.selected ? 'selected' : 'unmatched';
    case 'territory_filter': return r.keep ? 'keep' : 'drop';
  }
}

const countInto = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const who = (s: Subject) => ({ index: s.index, ...(s.ref !== undefined ? { ref: s.ref } : {}), ...(s.leadId ? { leadId: s.leadId } : {}) });

export function simulateRuleSet(set: CompiledRuleSet, subjects: readonly Subject[], now: Date) {
  const outcomes: Record<string, number> = {};
  const scores: number[] = [];
  let processed = 0;
  const results = subjects.map((s) => {
    const facts = { lead: s.lead, candidate: s.candidate, territory: s.territory, now } as Facts;
    const { trace, ...result } = evaluate(set, facts, { explain: true });
    const outcome = outcomeOf(result as RuleSetResult);
    countInto(outcomes, outcome);
    if (result.processed) processed++;
    if (result.type === 'scoring' && result.score !== null) scores.push(result.score);
    return { ...who(s), outcome, result, explanation: trace ? describeTrace(trace) : [], trace: trace ?? null };
  });
  const scoreStats = scores.length > 0
    ? { min: Math.min(...scores), max: Math.max(...scores), mean: Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 }
    : null;
  return { results, summary: { total: subjects.length, processed, outcomes, ...(set.type === 'scoring' ? { score: scoreStats } : {}) } };
}

export function simulatePipeline(sets: PipelineSets, subjects: readonly Subject[], now: Date) {
  const byStatus: Record<string, number> = {};
  const byRank: Record<string, number> = {};
  const bySalesChannel: Record<string, number> = {};
  const results = subjects.map((s) => {
    const r = runPipeline(sets, s.lead, now, { explain: true });
    countInto(byStatus, r.status);
    countInto(byRank, r.rank ?? 'none');
    countInto(bySalesChannel, r.salesChannel ?? 'none');
    return {
      ...who(s), status: r.status, qualified: r.qualified, rank: r.rank, score: r.score, salesChannel: r.salesChannel,
      ruleSetVersions: r.ruleSetVersions, matchedRules: r.matchedRules,
      explanation: r.traces.flatMap((t) => describeTrace(t)), traces: r.traces,
    };
  });
  return { results, summary: { total: subjects.length, byStatus, byRank, bySalesChannel } };
}
