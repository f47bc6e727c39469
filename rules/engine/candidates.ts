// Assignment and territory filtering over many candidates: the same compiled set evaluated once per
// (lead, candidate) or (lead, territory). The assignment engine applies its strategy afterwards.
import type { CompiledRuleSet } from './compile.js';
import { evaluate, type EvaluateOptions } from './evaluate.js';
import type { AssignmentResult, TerritoryFilterResult } from './results.js';

type Attrs = Readonly<Record<string, unknown>>;

export interface CandidateSelection<C extends Attrs> {
  selected: { candidate: C; points: number; teams: string[]; matchedRules: string[]; result: AssignmentResult }[];
  excluded: { candidate: C; reasons: string[]; result: AssignmentResult }[];
  /** Neither selected nor excluded (no select rule matched, or below minPoints). */
  unmatched: { candidate: C; result: AssignmentResult }[];
}

/** Evaluates an assignment set for each candidate (`candidate.*` attributes). Input order is kept. */
export function selectCandidates<C extends Attrs>(
  set: CompiledRuleSet<'assignment'>, lead: Attrs, candidates: readonly C[], now: Date, options: EvaluateOptions = {},
): CandidateSelection<C> {
  const out: CandidateSelection<C> = { selected: [], excluded: [], unmatched: [] };
  for (const candidate of candidates) {
    const result = evaluate(set, { lead, candidate, now }, options);
    if (result.excluded) out.excluded.push({ candidate, reasons: result.exclusionReasons, result });
    else if (result.selected) out.selected.push({ candidate, points: result.points, teams: result.teams, matchedRules: result.matchedRules, result });
    else out.unmatched.push({ candidate, result });
  }
  return out;
}

export interface TerritoryFiltering<T extends Attrs> {
  kept: T[];
  dropped: T[];
  results: TerritoryFilterResult[];
}

/** Keeps or drops each territory (`territory.*` attributes). Outside the guards the filter does not apply: kept. */
export function filterTerritories<T extends Attrs>(
  set: CompiledRuleSet<'territory_filter'>, lead: Attrs, territories: readonly T[], now: Date, options: EvaluateOptions = {},
): TerritoryFiltering<T> {
  const out: TerritoryFiltering<T> = { kept: [], dropped: [], results: [] };
  for (const territory of territories) {
    const result = evaluate(set, { lead, territory, now }, options);
    out.results.push(result);
    (result.keep === false ? out.dropped : out.kept).push(territory);
  }
  return out;
}
