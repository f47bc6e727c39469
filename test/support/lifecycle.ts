// Helpers for lead lifecycle tests: a sales team with round-robin routing, the seeds' rule sets
// (so leads get a rank), lifecycle settings, and waiting on a lead's live state.
import type { Harness } from './harness.js';
import { activate, createRuleSet, seeds } from './rule-fixtures.js';
import { apiRep, apiRouting, apiTeam } from './assignment.js';

export interface SalesSetup {
  reps: string[];
  teamId: string;
  telemarketingReps: string[];
  telemarketingTeamId: string;
}

/** n sales reps in a round-robin team (capacity filter on), a telemarketing team, the Vision rule sets. */
export async function salesSetup(h: Harness, n = 3, settings: Record<string, unknown> = {}): Promise<SalesSetup> {
  const reps: string[] = [];
  for (let i = 0; i < n; i++) reps.push((await apiRep(h, { name: `Sales ${i + 1}`, capacity: 50 })).id);
  const team = await apiTeam(h, { name: 'Sales', memberRepIds: reps });
  const telemarketingReps = [(await apiRep(h, { name: 'Tele 1', capacity: 50 })).id, (await apiRep(h, { name: 'Tele 2', capacity: 50 })).id];
  const tele = await apiTeam(h, { name: 'Telemarketing', memberRepIds: telemarketingReps });
  await apiRouting(h, [{ id: 'sales', name: 'Sales team, round robin', match: { kind: 'team', teamId: team.id }, distribution: { strategy: 'round_robin' }, whenUnavailable: 'continue' }], { fallback: { kind: 'hopper' } });
  const put = await h.api('put', '/settings/lifecycle', { offerTimeoutMinutes: 30, maxOfferAttempts: 3, staleAfterDays: 30, escalateRanks: ['A', 'B'], telemarketingTeamId: tele.id, ...settings });
  if (put.status !== 200) throw new Error(`PUT /settings/lifecycle ${put.status}: ${JSON.stringify(put.body)}`);
  for (const def of [seeds.visionQualification, seeds.visionRating]) await activate(h, await createRuleSet(h, def));
  return { reps, teamId: team.id, telemarketingReps, telemarketingTeamId: tele.id };
}

let serial = 0;
/** A Vision road-show lead: rank A (within 1 month, budget approved) or C (3-6 months). */
export function visionLead(rank: 'A' | 'C', extra: Record<string, unknown> = {}): Record<string, unknown> {
  serial++;
  return {
    source: 'campaign',
    firstName: 'Lead',
    lastName: `${rank}${serial}`,
    email: `buyer${serial}-${Date.now()}@vision-${serial}.example`,
    companyName: `Vision Buyer ${serial} ${Date.now()}`,
    country: 'US',
    productCategory: 'Monitors',
    purchaseTimeframe: rank === 'A' ? 'Within 1 month' : '3-6 months',
    budgetStatus: 'Approved',
    purchaseAmount: 60_000,
    ...extra,
  };
}

export async function capture(h: Harness, attributes: Record<string, unknown>): Promise<string> {
  const res = await h.api('post', '/leads', attributes);
  if (res.status !== 201) throw new Error(`POST /leads ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Polls GET /leads/:id until the live state satisfies `ok` (real time; the test server's clock does not move). */
export async function waitForLead(h: Harness, leadId: string, ok: (lead: any) => boolean, what: string, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  for (;;) {
    const res = await h.api('get', `/leads/${leadId}`);
    last = res.body;
    if (res.status === 200 && ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`lead ${leadId}: timed out waiting for ${what}; last: ${JSON.stringify({ status: last?.status, assignmentStatus: last?.assignmentStatus, offeredToId: last?.offeredToId, ownerId: last?.ownerId, live: last?.live })}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const offered = (lead: any): boolean => lead.assignmentStatus === 'Offered' && lead.live?.assignmentStatus === 'Offered' && lead.offeredToId !== null;

export async function actions(h: Harness, leadId: string): Promise<string[]> {
  return (await h.sql<{ action: string }>('select action from audit_event where lead_id = $1 order by id', [leadId])).map((r) => r.action);
}

export async function openLeads(h: Harness, repId: string): Promise<number> {
  const [row] = await h.sql<{ n: number }>('select open_lead_count as n from rep where id = $1', [repId]);
  return Number(row?.n);
}
