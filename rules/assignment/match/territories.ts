// Territory-based matching: FINALIZED territories whose mappings all hold, optionally filtered by a
// rule set (Oracle "territory-based assignment with rule-based filtering"), reduced to the most
// specific ones; candidates are their owners/members, then ancestor territory owners as later tiers.
import type { LeadTeam, RuleOutcome, Tier, TerritoryTrace } from '../decision.js';
import type { EvaluateRule } from '../evaluate-rule.js';
import type { AssignmentLead } from '../model/lead.js';
import type { Territory } from '../model/territory.js';
import type { MatchSpec } from '../routing-config.js';
import { matchMapping } from './territory-dimensions.js';

type TerritorySpec = Extract<MatchSpec, { kind: 'territory' }>;

export interface TerritoryMatch {
  matched: Territory[];
  trace: TerritoryTrace[];
  tiers: Tier[];
  leadTeam: LeadTeam;
  explanation: string;
}

export function matchTerritories(
  lead: AssignmentLead,
  territories: readonly Territory[],
  spec: TerritorySpec,
  evaluateRule: EvaluateRule,
): TerritoryMatch {
  const byId = new Map(territories.map((t) => [t.id, t]));
  const trace = new Map<string, TerritoryTrace>();
  const note = (t: Territory, matched: boolean, reason: string, rule?: RuleOutcome) =>
    trace.set(t.id, { id: t.id, name: t.name, type: t.type, matched, reason, ...(rule ? { rule } : {}) });

  let survivors: Territory[] = [];
  for (const t of territories) {
    if (t.status !== 'FINALIZED') {
      note(t, false, `status ${t.status}: only FINALIZED territories match`);
      continue;
    }
    const results = spec.mappings.map((m) => matchMapping(lead, t, m));
    const failed = results.find((r) => !r.ok);
    if (failed) note(t, false, failed.reason);
    else {
      note(t, true, results.map((r) => r.reason).join('; '));
      survivors.push(t);
    }
  }

  if (spec.ruleFilter) {
    const { ruleSetId } = spec.ruleFilter;
    survivors = survivors.filter((t) => {
      const r = evaluateRule(ruleSetId, { lead, territory: t });
      const rule: RuleOutcome = { ruleSetId, matched: r.matched, explanation: r.explanation, ...(r.trace === undefined ? {} : { trace: r.trace }) };
      const prev = trace.get(t.id)?.reason ?? '';
      note(t, r.matched, r.matched ? `${prev}; rule filter ${ruleSetId} passed` : `rule filter ${ruleSetId} failed: ${r.explanation}`, rule);
      return r.matched;
    });
  }

  if (spec.mostSpecificOnly) {
    const kept = survivors;
    survivors = kept.filter((t) => {
      const child = kept.find((c) => c.id !== t.id && ancestorsOf(c, byId).some((a) => a.id === t.id));
      if (child) note(t, false, `more specific territory ${child.name} matched`);
      return !child;
    });
  }

  const tiers: Tier[] = [];
  const first = unique(survivors.flatMap((t) => candidateReps(t, spec.candidates)));
  if (first.length > 0) tiers.push({ label: `territory ${spec.candidates.replaceAll('_', ' ')}`, repIds: first });
  if (spec.ancestorOwners) {
    const seen = new Set(first);
    for (let level = 1; level <= 10; level++) {
      const owners = unique(survivors.map((t) => ancestorsOf(t, byId)[level - 1]?.ownerRepId ?? null).filter((id): id is string => id !== null)).filter((id) => !seen.has(id));
      owners.forEach((id) => seen.add(id));
      if (owners.length > 0) tiers.push({ label: `ancestor territory owners (level ${level})`, repIds: owners });
    }
  }

  const matched = survivors;
  const explanation =
    matched.length === 0
      ? `No territory matched (${territories.length} evaluated).`
      : `Matched ${matched.map((t) => `${t.name} (${t.type})`).join(', ')}.`;
  return { matched, trace: territories.map((t) => trace.get(t.id)).filter((x): x is TerritoryTrace => x !== undefined), tiers, leadTeam: leadTeamOf(matched, byId), explanation };
}

/** Parent first, then grandparent...; stops on cycles and unknown parents. */
export function ancestorsOf(t: Territory, byId: ReadonlyMap<string, Territory>): Territory[] {
  const out: Territory[] = [];
  const seen = new Set([t.id]);
  let cur = t.parentId ? byId.get(t.parentId) : undefined;
  while (cur && !seen.has(cur.id)) {
    out.push(cur);
    seen.add(cur.id);
    cur = cur.parentId ? byId.get(cur.parentId) : undefined;
  }
  return out;
}

function candidateReps(t: Territory, which: TerritorySpec['candidates']): string[] {
  const owner = t.ownerRepId ? [t.ownerRepId] : [];
  if (which === 'owner') return owner;
  if (which === 'members') return t.memberRepIds;
  return [...owner, ...t.memberRepIds];
}

/** Members and owners of the lead's territories, and owners of their ancestors, get Full access. */
export function leadTeamOf(matched: readonly Territory[], byId: ReadonlyMap<string, Territory>): LeadTeam {
  const members: LeadTeam['members'] = [];
  const seen = new Set<string>();
  const add = (repId: string | null, via: LeadTeam['members'][number]['via'], territoryId: string) => {
    if (repId === null || seen.has(repId)) return;
    seen.add(repId);
    members.push({ repId, access: 'Full', via, territoryId });
  };
  for (const t of matched) add(t.ownerRepId, 'territory_owner', t.id);
  for (const t of matched) t.memberRepIds.forEach((id) => add(id, 'territory_member', t.id));
  for (const t of matched) ancestorsOf(t, byId).forEach((a) => add(a.ownerRepId, 'ancestor_territory_owner', a.id));
  return { territoryIds: matched.map((t) => t.id), members };
}

const unique = (ids: string[]): string[] => [...new Set(ids)];
