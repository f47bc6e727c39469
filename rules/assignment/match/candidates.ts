// One routing step's matching phase: from a match spec to ordered tiers of candidate rep ids (the
// first tier with an eligible rep is distributed among), with an explanation for the record.
import type { LeadTeam, MatchingTrace, NonMatch, Tier } from '../decision.js';
import type { EvaluateRule } from '../evaluate-rule.js';
import type { Account } from '../model/account.js';
import type { AssignmentLead } from '../model/lead.js';
import type { Rep } from '../model/rep.js';
import type { Team } from '../model/team.js';
import type { Territory } from '../model/territory.js';
import type { MatchSpec } from '../routing-config.js';
import { matchAccount } from './accounts.js';
import { repMismatch } from './rep-attributes.js';
import { matchTerritories } from './territories.js';

export interface MatchContext {
  lead: AssignmentLead;
  reps: readonly Rep[];
  repsById: ReadonlyMap<string, Rep>;
  teamsById: ReadonlyMap<string, Team>;
  territories: readonly Territory[];
  accountsById: ReadonlyMap<string, Account>;
  evaluateRule: EvaluateRule;
}

export interface MatchResult {
  trace: MatchingTrace;
  leadTeam?: LeadTeam;
}

const result = (kind: string, explanation: string, tiers: Tier[], nonMatches: NonMatch[] = []): MatchResult => ({
  trace: { kind, explanation, tiers: tiers.filter((t) => t.repIds.length > 0), nonMatches },
});

export function matchCandidates(ctx: MatchContext, spec: MatchSpec): MatchResult {
  switch (spec.kind) {
    case 'specific_user':
      return result(spec.kind, `Specific user ${spec.repId}.`, [{ label: 'specific user', repIds: [spec.repId] }]);
    case 'team': {
      const team = ctx.teamsById.get(spec.teamId);
      if (!team) return result(spec.kind, `Team ${spec.teamId} is not known.`, []);
      return result(spec.kind, `Members of ${team.kind} ${team.name}.`, [{ label: `${team.kind} ${team.name}`, repIds: [...team.memberRepIds] }]);
    }
    case 'previous_owner': {
      const owners = ctx.lead.previousOwnerIds.slice(0, spec.maxOwners);
      if (owners.length === 0) return result(spec.kind, 'Lead has no previous owner.', []);
      return result(spec.kind, `Previous owners, most recent first: ${owners.join(', ')}.`, owners.map((id, i) => ({ label: `previous owner ${i + 1}`, repIds: [id] })));
    }
    case 'account': {
      const m = matchAccount(ctx.lead, ctx.accountsById, spec);
      return result(spec.kind, m.explanation, m.tiers);
    }
    case 'territory': {
      const m = matchTerritories(ctx.lead, ctx.territories, spec, ctx.evaluateRule);
      const trace: MatchingTrace = {
        kind: spec.kind,
        explanation: m.explanation,
        tiers: m.tiers,
        nonMatches: m.trace.filter((t) => !t.matched).map((t) => ({ id: t.id, kind: 'territory', reason: t.reason })),
        territories: m.trace,
      };
      return { trace, leadTeam: m.leadTeam };
    }
    case 'rep_attributes': {
      const pool = poolOf(ctx, spec.from);
      const nonMatches: NonMatch[] = [];
      const ids = pool.filter((rep) => {
        const why = repMismatch(ctx.lead, rep, spec.require, spec.skills);
        if (why) nonMatches.push({ id: rep.id, kind: 'rep', reason: why });
        return !why;
      });
      const criteria = [...spec.require, ...spec.skills.map((s) => `skill ${s}`)].join(', ') || 'no criteria';
      return result(spec.kind, `${ids.length} of ${pool.length} reps match on ${criteria}.`, [{ label: 'matching reps', repIds: ids.map((r) => r.id) }], nonMatches);
    }
    case 'rule': {
      const pool = poolOf(ctx, spec.from);
      const nonMatches: NonMatch[] = [];
      const ids = pool.filter((rep) => {
        const r = ctx.evaluateRule(spec.ruleSetId, { lead: ctx.lead, candidate: rep });
        if (!r.matched) nonMatches.push({ id: rep.id, kind: 'rep', reason: r.explanation });
        return r.matched;
      });
      return result(spec.kind, `${ids.length} of ${pool.length} reps accepted by rule set ${spec.ruleSetId}.`, [{ label: `rule set ${spec.ruleSetId}`, repIds: ids.map((r) => r.id) }], nonMatches);
    }
  }
}

/** Members of the teams plus the listed reps (known reps only); both empty = every rep. */
function poolOf(ctx: MatchContext, from: { teamIds: string[]; repIds: string[] }): Rep[] {
  if (from.teamIds.length === 0 && from.repIds.length === 0) return [...ctx.reps];
  const ids = new Set([...from.teamIds.flatMap((t) => ctx.teamsById.get(t)?.memberRepIds ?? []), ...from.repIds]);
  return ctx.reps.filter((r) => ids.has(r.id));
}
