// Scoring, Ranking and Qualification runs: one stage of the lead pipeline, compiled once per
// activity call and evaluated per lead (lead-pipeline.ts); only the process type's fields change,
// and the versions of the other stages the lead recorded are kept.
import type { LeadFactsRow } from '../../db/lead-facts.js';
import { toDate } from '../../db/rule-set-store.js';
import { describeTrace, type RuleSet } from '../../rules/index.js';
import { PROCESS_TYPE_SPECS, type ProcessedField } from '../../rules/processing/process-types.js';
import { CompiledRuleSetCache } from '../../db/rule-set-store.js';
import { deriveLeadValues, differs, planLeadPipeline, type DerivedField, type DerivedLeadValues, type LeadPipelinePlan } from '../lead-pipeline.js';
import type { LeadOutcome, PageEvaluator, RunDefinition, SignalRequest } from './types.js';

const pick = (v: DerivedLeadValues, fields: readonly DerivedField[]): Record<string, unknown> => Object.fromEntries(fields.map((f) => [f, v[f]]));

/** A raw lead row (camelCase columns) as the facts conversion reads it. */
export function factsRow(row: Readonly<Record<string, unknown>>): LeadFactsRow {
  return { ...row, createdAt: toDate(row['createdAt']) } as unknown as LeadFactsRow;
}

export function deriveEvaluator(def: RunDefinition, definition: RuleSet, cache = new CompiledRuleSetCache()): PageEvaluator {
  const ref = def.ruleSet;
  if (!ref) throw new Error(`${def.processType} runs need a rule set`);
  const spec = PROCESS_TYPE_SPECS[def.processType];
  const plan: LeadPipelinePlan = planLeadPipeline([{ ...ref, definition, activatedBy: 'processing', activatedAt: new Date(0) }], cache);
  const tracked: readonly DerivedField[] = [...spec.fields, 'ruleVersions'];
  const shown: readonly DerivedField[] = tracked;

  function one(raw: Readonly<Record<string, unknown>>, asOf: Date): LeadOutcome {
    const row = factsRow(raw);
    const d = deriveLeadValues(plan, row, asOf, { explain: def.diagnostic });
    if (d.skipped) {
      return { leadId: row.id, outcome: 'skipped', before: def.diagnostic ? pick(d.before, shown) : null, after: null, message: d.skipped === 'closed' ? `the lead is ${d.before.status}` : 'no rule set' };
    }
    const result = d.result!;
    const after: DerivedLeadValues = { ...d.before, ruleVersions: { ...d.before.ruleVersions, ...d.after.ruleVersions } };
    for (const f of spec.fields) (after as unknown as Record<ProcessedField, unknown>)[f] = d.after[f];
    const changed = tracked.filter((f) => differs(f, d.before, after));
    const trace = def.diagnostic
      ? { ruleSetVersions: result.ruleSetVersions, matchedRules: result.matchedRules, lines: result.traces.flatMap((t) => describeTrace(t)), traces: result.traces }
      : undefined;
    if (changed.length === 0) {
      return { leadId: row.id, outcome: 'unchanged', before: def.diagnostic ? pick(d.before, shown) : null, after: def.diagnostic ? pick(after, shown) : null, ...(trace ? { trace } : {}) };
    }
    let signal: SignalRequest | undefined;
    if (spec.fields.some((f) => changed.includes(f))) {
      const newlyQualified = d.before.status !== 'Qualified' && after.status === 'Qualified';
      signal = {
        leadId: row.id,
        kind: newlyQualified ? 'requalified' : 'rescored',
        derived: { status: after.status, qualified: after.qualified, rank: after.rank, score: after.score },
      };
    }
    return {
      leadId: row.id,
      outcome: 'changed',
      before: pick(d.before, def.diagnostic ? shown : changed),
      after: pick(after, def.diagnostic ? shown : changed),
      write: { status: after.status, qualified: after.qualified, rank: after.rank, score: after.score, ruleVersions: after.ruleVersions },
      // The audit event shows the business fields; the versions that decided are in its trace (the
      // recorded versions alone show only when nothing else changed).
      auditFields: changed.length > 1 ? changed.filter((f) => f !== 'ruleVersions') : changed,
      audit: { ruleSetVersions: result.ruleSetVersions, matchedRules: result.matchedRules, ...(trace ? { lines: trace.lines } : {}) },
      ...(trace ? { trace } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  return {
    locksLeads: true,
    evaluate(rows, asOf) {
      return rows.map((raw) => {
        try {
          return one(raw, asOf);
        } catch (err) {
          return { leadId: String(raw['id']), outcome: 'failed', before: null, after: null, message: `evaluation failed: ${err instanceof Error ? err.message : String(err)}` };
        }
      });
    },
  };
}
