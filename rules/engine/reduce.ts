// Turns "which rules matched" into a result, per set type and mode. Shared by the fast path, the
// explained path and the trace replay, so a trace re-derives exactly the result it explains.
// Plain loops and one object literal per result: this runs once per lead and rule set.
import type { CompiledRuleSet } from './compile.js';
import type { RuleSetResult } from './results.js';

function names(set: CompiledRuleSet, matched: readonly number[]): string[] {
  const out = new Array<string>(matched.length);
  for (let i = 0; i < matched.length; i++) out[i] = set.rules[matched[i]!]!.name;
  return out;
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

export function reduceMatches(set: CompiledRuleSet, processed: boolean, matched: readonly number[]): RuleSetResult {
  const ruleSet = set.ref;
  const matchedRules = names(set, matched);
  const allMatch = set.mode === 'all_match';
  switch (set.type) {
    case 'qualification': {
      if (!processed) return { type: set.type, ruleSet, processed, matchedRules, qualified: null, status: null };
      // all_match: a matching disqualify rule wins over qualify rules.
      let qualified = matched.length > 0;
      for (let i = 0; i < (allMatch ? matched.length : Math.min(1, matched.length)); i++) qualified &&= set.rules[matched[i]!]!.then.qualified;
      return { type: set.type, ruleSet, processed, matchedRules, qualified, status: qualified ? 'Qualified' : 'Unqualified' };
    }
    case 'rating':
    case 'ranking': {
      // all_match keeps the best label (labels are best first).
      const labels = set.definition.labels;
      let rank: string | null = null;
      for (let i = 0; i < matched.length && processed; i++) {
        const r = set.rules[matched[i]!]!.then.rank;
        if (rank === null || (allMatch && labels.indexOf(r) < labels.indexOf(rank))) rank = r;
      }
      return { type: set.type, ruleSet, processed, matchedRules, rank } as RuleSetResult;
    }
    case 'scoring': {
      if (!processed) return { type: set.type, ruleSet, processed, matchedRules, score: null, rawScore: null };
      let raw = 0;
      for (let i = 0; i < matched.length; i++) raw += set.rules[matched[i]!]!.then.points;
      const { min, max } = set.definition.scoreRange;
      return { type: set.type, ruleSet, processed, matchedRules, score: raw < min ? min : raw > max ? max : raw, rawScore: raw };
    }
    case 'channel': {
      const channels: string[] = [];
      for (let i = 0; i < matched.length; i++) pushUnique(channels, set.rules[matched[i]!]!.then.salesChannel);
      return { type: set.type, ruleSet, processed, matchedRules, salesChannel: channels[0] ?? null, channels };
    }
    case 'assignment': {
      const teams: string[] = [];
      const exclusionReasons: string[] = [];
      let points = 0;
      let selects = 0;
      for (let i = 0; i < matched.length; i++) {
        const a = set.rules[matched[i]!]!.then;
        if (a.effect === 'exclude') pushUnique(exclusionReasons, a.reason ?? 'excluded by rule');
        else {
          selects++;
          points += a.points ?? 0;
          if (a.team) pushUnique(teams, a.team);
        }
      }
      const { minPoints } = set.definition;
      const excluded = exclusionReasons.length > 0;
      const selected = processed && !excluded && selects > 0 && (minPoints === undefined || points >= minPoints);
      return { type: set.type, ruleSet, processed, matchedRules, selected, excluded, exclusionReasons, teams, points };
    }
    case 'territory_filter': {
      if (!processed) return { type: set.type, ruleSet, processed, matchedRules, keep: null };
      let keep = set.definition.unmatched === 'keep';
      if (matched.length > 0) {
        keep = true;
        // first_match: the first rule decides; all_match: a matching drop rule wins.
        for (let i = 0; i < (allMatch ? matched.length : 1); i++) keep &&= set.rules[matched[i]!]!.then.keep;
      }
      return { type: set.type, ruleSet, processed, matchedRules, keep };
    }
  }
}
