// What evaluating one rule set returns, per type. `ruleSet` names the id/version that decided, so
// callers can store it with the derived values; `trace` is present only with explain on.
import type { RuleSetRef, RuleSetType } from './schema.js';
import type { RuleSetTrace } from './trace.js';

export interface ResultBase {
  ruleSet: RuleSetRef;
  /** false: the lead is outside the guards and was not processed (values are null / no decision). */
  processed: boolean;
  /** Names of the rules that matched (and were evaluated), in rule order. */
  matchedRules: string[];
  trace?: RuleSetTrace;
}

export interface QualificationResult extends ResultBase {
  type: 'qualification';
  qualified: boolean | null;
  status: 'Qualified' | 'Unqualified' | null;
}
export interface RankResult<T extends 'rating' | 'ranking' = 'rating' | 'ranking'> extends ResultBase {
  type: T;
  rank: string | null;
}
export interface ScoringResult extends ResultBase {
  type: 'scoring';
  /** Sum of the matching rules' points, clamped to scoreRange. */
  score: number | null;
  /** The sum before clamping. */
  rawScore: number | null;
}
export interface ChannelResult extends ResultBase {
  type: 'channel';
  salesChannel: string | null;
  /** Every channel matched (one with first_match). */
  channels: string[];
}
export interface AssignmentResult extends ResultBase {
  type: 'assignment';
  /** Selected: a select rule matched, no exclude rule matched, and points reach minPoints. */
  selected: boolean;
  excluded: boolean;
  exclusionReasons: string[];
  teams: string[];
  points: number;
}
export interface TerritoryFilterResult extends ResultBase {
  type: 'territory_filter';
  /** null: not processed (outside the guards), the filter does not apply. */
  keep: boolean | null;
}

export type ResultOf<T extends RuleSetType> = T extends 'qualification' ? QualificationResult
  : T extends 'rating' ? RankResult<'rating'>
  : T extends 'ranking' ? RankResult<'ranking'>
  : T extends 'scoring' ? ScoringResult
  : T extends 'channel' ? ChannelResult
  : T extends 'assignment' ? AssignmentResult
  : T extends 'territory_filter' ? TerritoryFilterResult
  : never;
export type RuleSetResult = ResultOf<RuleSetType>;
