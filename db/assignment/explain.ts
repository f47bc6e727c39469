// Small decision post-processing shared by assignLead and the simulation endpoint.
import type { Decision, EvaluateRule } from '../../rules/assignment/index.js';
import type { RepRecord } from './rows.js';

/** Unavailable reps are inactive to the model; say why in their exclusions. */
export function describeUnavailable(d: Decision, records: ReadonlyMap<string, RepRecord>): Decision {
  if (!d.steps.some((s) => s.exclusions.some((e) => e.code === 'inactive'))) return d;
  return {
    ...d,
    steps: d.steps.map((s) => ({
      ...s,
      exclusions: s.exclusions.map((e) => {
        const rec = records.get(e.repId);
        return e.code === 'inactive' && rec && rec.activeFlag && !rec.available ? { ...e, text: `${rec.rep.name} is marked unavailable.`, detail: { available: false } } : e;
      }),
    })),
  };
}

/** A rule set that vanished after the configuration was validated matches nothing (explained). */
export function tolerant(evaluate: EvaluateRule, missing: readonly string[]): EvaluateRule {
  if (missing.length === 0) return evaluate;
  return (id, facts) => (missing.includes(id) ? { matched: false, explanation: `rule set ${id} does not exist` } : evaluate(id, facts));
}
