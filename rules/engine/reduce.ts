// Turns "which rules matched" into a result, per set type and mode. Shared by the fast path, the
// explained path and the trace replay, so a trace re-derives exactly the result it explains.
import type { CompiledRuleSet } from './compile.js';
import type { RuleSetResult } from './results.js';

const unique = (xs: string[]): string[] => [...new Set(xs)];

export function reduceMatches(set: CompiledRuleSet, processed: boolean, matched: readonly number[]): RuleSetResult {
  const matchedRules = matched.map((i) => set.rules[i]!.name);
  const base = { ruleSet: set.ref, processed, matchedRules };
  const allMatch = set.mode === 'all_match';
  switch (set.type) {
    case 'qualification': {
      if (!processed) return { ...base, type: set.type, qualified: null, status: null };
      const flags = matched.map((i) => set.rules[i]!.then.qualified);
      // all_match: a matching disqualify rule wins over qualify rules.
      const qualified = allMatch ? flags.length > 0 && flags.every(Boolean) : flags[0] === true;
      return { ...base, type: set.type, qualified, status: qualified ? 'Qualified' : 'Unqualified' };
    }
    case 'rating':
    case 'ranking': {
      const ranks = matched.map((i) => set.rules[i]!.then.rank);
      const order = set.definition.labels;
      // all_match keeps the best label (labels are best first).
      const best = allMatch ? [...ranks].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] : ranks[0];
      return { ...base, type: set.type, rank: processed ? (best ?? null) : null } as RuleSetResult;
    }
    case 'scoring': {
      if (!processed) return { ...base, type: set.type, score: null, rawScore: null };
      const raw = matched.reduce((sum, i) => sum + set.rules[i]!.then.points, 0);
      const { min, max } = set.definition.scoreRange;
      return { ...base, type: set.type, score: Math.min(max, Math.max(min, raw)), rawScore: raw };
    }
    case 'channel': {
      const channels = unique(matched.map((i) => set.rules[i]!.then.salesChannel));
      return { ...base, type: set.type, salesChannel: channels[0] ?? null, channels };
    }
    case 'assignment': {
      const actions = matched.map((i) => set.rules[i]!.then);
      const selects = actions.filter((a) => a.effect === 'select');
      const excludes = actions.filter((a) => a.effect === 'exclude');
      const points = selects.reduce((sum, a) => sum + (a.points ?? 0), 0);
      const { minPoints } = set.definition;
      const selected = processed && excludes.length === 0 && selects.length > 0 && (minPoints === undefined || points >= minPoints);
      return {
        ...base, type: set.type, selected, excluded: excludes.length > 0,
        exclusionReasons: unique(excludes.map((a) => a.reason ?? 'excluded by rule')),
        teams: unique(selects.flatMap((a) => (a.team ? [a.team] : []))), points,
      };
    }
    case 'territory_filter': {
      if (!processed) return { ...base, type: set.type, keep: null };
      const keeps = matched.map((i) => set.rules[i]!.then.keep);
      const decided = keeps.length === 0 ? set.definition.unmatched === 'keep' : allMatch ? keeps.every(Boolean) : keeps[0] === true;
      return { ...base, type: set.type, keep: decided };
    }
  }
}
