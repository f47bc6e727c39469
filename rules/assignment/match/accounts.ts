// Account-based matching: the lead's account owner first, then its account team, then the same
// up the account hierarchy (a subsidiary's lead can reach the parent enterprise's rep).
import type { Tier } from '../decision.js';
import type { Account } from '../model/account.js';
import type { AssignmentLead } from '../model/lead.js';

export function matchAccount(
  lead: AssignmentLead,
  accounts: ReadonlyMap<string, Account>,
  options: { includeAccountTeam: boolean; parentDepth: number },
): { tiers: Tier[]; explanation: string } {
  if (!lead.accountId) return { tiers: [], explanation: 'Lead has no matched account.' };
  const account = accounts.get(lead.accountId);
  if (!account) return { tiers: [], explanation: `Account ${lead.accountId} is not known.` };
  const tiers: Tier[] = [];
  const seen = new Set<string>();
  const push = (label: string, ids: readonly (string | null)[]) => {
    const fresh = ids.filter((id): id is string => id !== null && !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    if (fresh.length > 0) tiers.push({ label, repIds: fresh });
  };
  const chain: Account[] = [account];
  for (let cur = account; chain.length <= options.parentDepth && cur.parentAccountId; ) {
    const parent = accounts.get(cur.parentAccountId);
    if (!parent || chain.includes(parent)) break;
    chain.push(parent);
    cur = parent;
  }
  chain.forEach((a, level) => {
    const where = level === 0 ? `account ${a.name}` : `parent account ${a.name} (level ${level})`;
    push(`${where} owner`, [a.ownerRepId]);
    if (options.includeAccountTeam) push(`${where} team`, a.teamRepIds);
  });
  const names = chain.map((a) => a.name).join(' -> ');
  return { tiers, explanation: tiers.length > 0 ? `Account hierarchy ${names}.` : `Account hierarchy ${names} has no owner or team.` };
}
