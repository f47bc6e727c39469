// Evaluates one compiled rule set against the facts. With explain off this is the fast path: the
// compiled closures only, no trace allocation.
import type { Facts } from './attributes.js';
import type { CompiledRuleSet } from './compile.js';
import { reduceMatches } from './reduce.js';
import type { ResultOf } from './results.js';
import { traceRuleSet } from './trace.js';

export interface EvaluateOptions {
  /** Record a trace of guards and rules (slower; for audit, diagnostics and the UI). */
  explain?: boolean;
}

const NONE: readonly number[] = Object.freeze([]);

function matchFast(set: CompiledRuleSet, facts: Facts): number[] {
  const rules = set.rules;
  const matched: number[] = [];
  const first = set.mode === 'first_match';
  for (let i = 0; i < rules.length; i++) {
    if (rules[i]!.when.test(facts)) {
      matched.push(i);
      if (first) break;
    }
  }
  return matched;
}

export function evaluate<S extends CompiledRuleSet>(set: S, facts: Facts, options: EvaluateOptions = {}): ResultOf<S['type']> {
  type R = ResultOf<S['type']>;
  const s: CompiledRuleSet = set;
  if (options.explain) {
    const { processed, matched, trace } = traceRuleSet(s, facts);
    return { ...reduceMatches(s, processed, matched), trace } as R;
  }
  if (s.guard && !s.guard.test(facts)) return reduceMatches(s, false, NONE) as R;
  return reduceMatches(s, true, matchFast(s, facts)) as R;
}
