// "Does this rule set accept these facts?" for callers that treat a rule set as a yes/no gate or
// filter (the assignment engine's `EvaluateRule` seam: gates, candidate rules, territory filters).
import type { Facts } from './attributes.js';
import type { CompiledRuleSet } from './compile.js';
import { describeTrace } from './describe.js';
import { evaluate } from './evaluate.js';
import type { RuleSetResult } from './results.js';
import type { RuleSetTrace } from './trace.js';

export interface RuleMatch {
  matched: boolean;
  /** Readable lines from the trace (or a one-line summary with explain off). */
  explanation: string;
  trace?: RuleSetTrace;
  result: RuleSetResult;
}

/**
 * Acceptance per set type: assignment -> candidate selected; territory_filter -> kept (a filter
 * that does not apply keeps); qualification -> qualified; the others -> some rule matched.
 */
export function accepts(result: RuleSetResult): boolean {
  switch (result.type) {
    case 'assignment': return result.selected;
    case 'territory_filter': return result.keep !== false;
    case 'qualification': return result.qualified === true;
    default: return result.processed && result.matchedRules.length > 0;
  }
}

function summary(r: RuleSetResult): string {
  const head = `${r.ruleSet.type} rule set ${r.ruleSet.id} v${r.ruleSet.version}`;
  if (!r.processed) return `${head}: outside the guards`;
  return r.matchedRules.length > 0 ? `${head}: matched ${r.matchedRules.map((n) => `"${n}"`).join(', ')}` : `${head}: no rule matched`;
}

type Attributes = object;
export type RuleMatcher = (ruleSetId: string, facts: { lead: Attributes; candidate?: Attributes; territory?: Attributes }) => RuleMatch;

/** Binds compiled sets (by id) and `now`; throws on an unknown rule set id (a configuration error). */
export function createRuleMatcher(
  sets: ReadonlyMap<string, CompiledRuleSet> | Readonly<Record<string, CompiledRuleSet>>, now: Date, options: { explain?: boolean } = {},
): RuleMatcher {
  const explain = options.explain ?? true;
  const lookup = (id: string): CompiledRuleSet | undefined => (sets instanceof Map ? sets.get(id) : Object.hasOwn(sets, id) ? (sets as Record<string, CompiledRuleSet>)[id] : undefined);
  return (ruleSetId, { lead, candidate, territory }) => {
    const set = lookup(ruleSetId);
    if (!set) throw new Error(`unknown rule set "${ruleSetId}"`);
    const facts = { lead, candidate, territory, now } as Facts;
    const result = evaluate(set, facts, { explain });
    const match: RuleMatch = { matched: accepts(result), explanation: result.trace ? describeTrace(result.trace).join('\n') : summary(result), result };
    if (result.trace) match.trace = result.trace;
    return match;
  };
}
