// Lead-level access, as a pure function of who asks and what is known about the lead.
//
// Access follows the lead: the current owner, the rep it is offered to while the offer lasts (from
// the lead row), the owner's management chain, and lead-team members added on purpose (by access
// level: Full, Edit, View only). From the seeds:
// members of the lead's territories have full access, and so do owners of those territories and
// of their ancestor territories; only the owner, the owner's management chain (or an admin)
// change the owner. Roles on top: admin everything, ops reads everything, managers reach the
// leads of the reps in their management subtree, integrations reach no lead (capture only).

import { ACCESS_LEVELS as TEAM_ACCESS_LEVELS, type AccessLevel as TeamAccessLevel } from '../../rules/lookups.js';
import type { Principal } from './principal.js';

export { TEAM_ACCESS_LEVELS, type TeamAccessLevel };

/** Ordered: each level includes the ones before it. `owner` = may change the lead owner. */
export const ACCESS_LEVELS = ['none', 'view', 'edit', 'full', 'owner'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
/** What a route needs: a level, or `offer` (the rep the lead is offered to, to accept/reject). */
export type AccessRequirement = Exclude<AccessLevel, 'none'> | 'offer';

export interface LeadAccessFacts {
  lead: { id: string; ownerId: string | null; offeredToId: string | null };
  /** Lead team: rep id -> access level. */
  team: ReadonlyArray<{ repId: string; accessLevel: TeamAccessLevel }>;
  /** The lead's territories: their members, and the owners of the territory and its ancestors. */
  territories: ReadonlyArray<{ territoryId: string; memberRepIds: readonly string[]; ownerRepIds: readonly string[] }>;
  /** rep id -> manager rep id, for every rep that matters (the owner's and the asker's chains). */
  managerOf: ReadonlyMap<string, string | null>;
}

export interface LeadAccessDecision {
  level: AccessLevel;
  /** The lead is offered to the asker's rep: they may accept or reject it. */
  offered: boolean;
  /** Why, for people (problem details) and the audit log. */
  reason: string;
}

const rank = (l: AccessLevel): number => ACCESS_LEVELS.indexOf(l);
export const atLeast = (have: AccessLevel, need: AccessLevel): boolean => rank(have) >= rank(need);
const TEAM_LEVEL: Record<TeamAccessLevel, AccessLevel> = { Full: 'full', Edit: 'edit', 'View only': 'view' };

/** The management chain above a rep (manager, their manager, ...), cycle-safe. */
export function managementChain(repId: string, managerOf: ReadonlyMap<string, string | null>): string[] {
  const chain: string[] = [];
  const seen = new Set([repId]);
  for (let m = managerOf.get(repId); m && !seen.has(m); m = managerOf.get(m)) {
    chain.push(m);
    seen.add(m);
  }
  return chain;
}

interface Grant { level: AccessLevel; reason: string }

/** What a rep (by id) has on the lead on their own: owner, offer, lead team, territories. */
function repGrants(repId: string, f: LeadAccessFacts): Grant[] {
  const grants: Grant[] = [];
  if (f.lead.ownerId === repId) grants.push({ level: 'owner', reason: 'lead owner' });
  // The offered rep sees the lead and answers the offer while it lasts; nothing after, unless they accepted.
  if (f.lead.offeredToId === repId) grants.push({ level: 'view', reason: 'lead offered to this rep' });
  for (const m of f.team) if (m.repId === repId) grants.push({ level: TEAM_LEVEL[m.accessLevel], reason: `lead team (${m.accessLevel})` });
  for (const t of f.territories) {
    if (t.memberRepIds.includes(repId)) grants.push({ level: 'full', reason: `member of territory ${t.territoryId}` });
    if (t.ownerRepIds.includes(repId)) grants.push({ level: 'full', reason: `owner of territory ${t.territoryId} or an ancestor` });
  }
  return grants;
}

function best(grants: Grant[]): Grant | undefined {
  let top: Grant | undefined;
  for (const g of grants) if (!top || rank(g.level) > rank(top.level)) top = g;
  return top;
}

export function decideLeadAccess(principal: Principal, f: LeadAccessFacts): LeadAccessDecision {
  const none = (reason: string): LeadAccessDecision => ({ level: 'none', offered: false, reason });
  switch (principal.role) {
    case 'admin':
      return { level: 'owner', offered: false, reason: 'admin' };
    case 'ops':
      return { level: 'view', offered: false, reason: 'ops read every lead' };
    case 'integration':
      return none('integrations capture leads; they read none');
    case 'rep':
    case 'manager':
      break;
    default:
      return none('unknown role');
  }
  const me = principal.repId;
  if (!me) return none(`this ${principal.role} is not linked to a rep (no repId)`);
  const grants = repGrants(me, f);
  // The owner's management chain may change the owner (seeds), whatever the asker's role.
  if (f.lead.ownerId && managementChain(f.lead.ownerId, f.managerOf).includes(me)) {
    grants.push({ level: 'owner', reason: 'in the lead owner’s management chain' });
  }
  if (principal.role === 'manager') {
    // A manager reaches what the reps below them reach (never the owner change: that is the chain rule above).
    const reps = new Set<string>([f.lead.ownerId, f.lead.offeredToId, ...f.team.map((m) => m.repId), ...f.territories.flatMap((t) => [...t.memberRepIds, ...t.ownerRepIds])]
      .filter((r): r is string => !!r && r !== me));
    for (const rep of reps) {
      if (!managementChain(rep, f.managerOf).includes(me)) continue;
      const g = best(repGrants(rep, f));
      if (g) grants.push({ level: g.level === 'owner' ? 'full' : g.level, reason: `manager of ${rep} (${g.reason})` });
    }
  }
  const top = best(grants);
  const offered = f.lead.offeredToId === me;
  if (!top) return none(`rep ${me} is not the owner, not offered the lead, not on its lead team or territories, and manages none of them`);
  return { level: top.level, offered, reason: top.reason };
}

/**
 * Whether a decision satisfies what a route requires. `offer` admits the offered rep, admins
 * (acting for a rep), and whoever may edit the lead (its owner clicking accept twice): the lead
 * then answers 409 itself when it is not offered to the rep named.
 */
export function satisfies(principal: Principal, d: LeadAccessDecision, need: AccessRequirement): boolean {
  if (need === 'offer') return d.offered || principal.role === 'admin' || atLeast(d.level, 'edit');
  return atLeast(d.level, need);
}
