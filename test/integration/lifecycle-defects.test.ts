// Regression tests for lifecycle defects found when leadflow was used for real (dev server, real
// PostgreSQL): closing paths that left a lead "Offered", access that outlived a rep's hold on a
// lead, settings that a one-field PUT silently reset, a simulation that mispredicted a
// source-gated step, and duplicate defaults that retired different people as "Duplicate lead".
import { randomUUID } from 'node:crypto';
import { leadWorkflowId } from '../../workflows/messages.js';
import { startHarness, type Harness } from '../support/harness.js';
import { actions, capture, offered, openLeads, salesSetup, visionLead, waitForLead, type SalesSetup } from '../support/lifecycle.js';
import { apiRep, apiRouting, apiTeam } from '../support/assignment.js';
import { createRuleSet } from '../support/rule-fixtures.js';

let h: Harness;
let team: SalesSetup;
beforeAll(async () => {
  h = await startHarness();
  team = await salesSetup(h, 3);
});
afterAll(async () => { await h?.close(); });

const asRep = (repId: string) => ({ role: 'rep' as const, repId });
async function searchAttributes(id: string): Promise<Record<string, unknown>> {
  const desc = await h.temporal.workflow.getHandle(leadWorkflowId(id)).describe();
  return Object.fromEntries(desc.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
}
/** Search attributes reach visibility a moment after the workflow task: wait for them. */
async function settledSearchAttributes(id: string, ok: (sa: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; ; i++) {
    const sa = await searchAttributes(id);
    if (ok(sa) || i > 50) return sa;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a closed lead is never Offered', () => {
  it('retire while offered: row, live state, search attributes (and the visibility query) agree; the offer is released', async () => {
    const id = await capture(h, visionLead('C'));
    const lead = await waitForLead(h, id, offered, 'an offer');
    expect((await searchAttributes(id)).OfferedToId).toBe(lead.offeredToId);
    const res = await h.api('post', `/leads/${id}/retire`, { reason: 'No purchase interest' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'Retired', assignmentStatus: 'Unassigned', offeredToId: null, offerDeadline: null, live: { assignmentStatus: 'Unassigned', offeredToId: null } });
    const sa = await settledSearchAttributes(id, (a) => a.AssignmentStatus === 'Unassigned');
    expect(sa).toMatchObject({ LeadStatus: 'Retired', AssignmentStatus: 'Unassigned' });
    expect(sa.OfferedToId).toBeUndefined();
    expect(await openLeads(h, lead.offeredToId)).toBe(0);
    const [event] = await h.sql("select after from audit_event where lead_id = $1 and action = 'retired'", [id]);
    expect(event.after).toMatchObject({ status: 'Retired', assignmentStatus: 'Unassigned', offeredToId: null });
    // ops filtering by AssignmentStatus = "Offered" no longer find it
    for (let i = 0; i < 50; i++) {
      const listed = [];
      for await (const w of h.temporal.workflow.list({ query: `WorkflowId = "${leadWorkflowId(id)}" AND AssignmentStatus = "Offered"` })) listed.push(w.workflowId);
      if (listed.length === 0) break;
      await new Promise((r) => setTimeout(r, 200));
      if (i === 49) expect(listed).toEqual([]);
    }
  });

  it('convert and duplicate close without an offer too', async () => {
    const id = await capture(h, visionLead('C'));
    const lead = await waitForLead(h, id, offered, 'an offer');
    expect((await h.api('post', `/leads/${id}/accept`, {}, asRep(lead.offeredToId))).status).toBe(200);
    const converted = await h.api('post', `/leads/${id}/convert`, { opportunity: { name: 'Rollout' } }, asRep(lead.offeredToId));
    expect(converted.body).toMatchObject({ status: 'Converted', assignmentStatus: 'Assigned', ownerId: lead.offeredToId, offeredToId: null });

    const email = `dup-${randomUUID()}@borealis-energy.no`;
    const first = await capture(h, visionLead('C', { email }));
    const dup = await h.api('post', '/leads', visionLead('C', { email }));
    expect(dup.body).toMatchObject({ outcome: 'duplicate', duplicateOfId: first, status: 'Retired', assignmentStatus: 'Unassigned', offeredToId: null });
  });
});

describe('lead-team access follows the lead', () => {
  it('a rep who rejected, or an owner who lost the lead by reassignment, can no longer edit or retire it', async () => {
    const id = await capture(h, visionLead('C'));
    const first = await waitForLead(h, id, offered, 'an offer');
    expect((await h.api('post', `/leads/${id}/reject`, { reason: 'Incorrect data' }, asRep(first.offeredToId))).status).toBe(200);
    const second = await waitForLead(h, id, (l) => offered(l) && l.offeredToId !== first.offeredToId, 'the next offer');
    expect((await h.api('patch', `/leads/${id}`, { city: 'Oslo' }, asRep(first.offeredToId))).body.code).toBe('lead_access_denied');
    expect((await h.api('post', `/leads/${id}/retire`, { reason: 'No purchase interest' }, asRep(first.offeredToId))).body.code).toBe('lead_access_denied');

    // the offered rep sees it while the offer lasts; once they accept they own it (Full)
    expect((await h.api('get', `/leads/${id}`, undefined, asRep(second.offeredToId))).status).toBe(200);
    expect((await h.api('post', `/leads/${id}/accept`, {}, asRep(second.offeredToId))).status).toBe(200);
    const next = team.reps.find((r) => r !== first.offeredToId && r !== second.offeredToId)!;
    expect((await h.api('post', `/leads/${id}/reassign`, { reason: 'Workload', toRepId: next })).status).toBe(200);
    // the former owner: no edit, no retire of the new owner's lead
    expect((await h.api('patch', `/leads/${id}`, { city: 'Oslo' }, asRep(second.offeredToId))).body.code).toBe('lead_access_denied');
    expect((await h.api('post', `/leads/${id}/retire`, { reason: 'No purchase interest' }, asRep(second.offeredToId))).body.code).toBe('lead_access_denied');
    expect((await h.api('get', `/leads/${id}`)).body).toMatchObject({ status: 'Qualified', ownerId: next });
    expect((await h.api('patch', `/leads/${id}`, { city: 'Oslo' }, asRep(next))).status).toBe(200);
    expect(await h.sql('select rep_id from lead_team_member where lead_id = $1', [id])).toEqual([]);
    expect((await h.sql('select rep_id from lead_owner_history where lead_id = $1 order by owned_at', [id])).map((r) => r.rep_id)).toEqual([second.offeredToId, next]);
  });
});

describe('lifecycle settings', () => {
  it('PATCH changes only what it names; PUT replaces the whole document; revisions refuse stale edits; the telemarketing team must exist', async () => {
    const put = await h.api('put', '/settings/lifecycle', { maxOfferAttempts: 5, dedupe: { enabled: false } });
    expect(put.status).toBe(200);
    const rev = put.body.revision as number;
    expect(put.headers.get('etag')).toBe(`"${rev}"`);
    const patched = await h.api('patch', '/settings/lifecycle', { offerTimeoutMinutes: 45 }, { headers: { 'if-match': `"${rev}"` } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ offerTimeoutMinutes: 45, maxOfferAttempts: 5, dedupe: { enabled: false }, revision: rev + 1 });
    // a nested object merges
    expect((await h.api('patch', '/settings/lifecycle', { dedupe: { windowDays: 30 } })).body.dedupe).toEqual({ enabled: false, matchOn: ['contact_email', 'name_and_company'], windowDays: 30 });
    // an edit based on an old revision is refused, nothing changes
    const stale = await h.api('patch', '/settings/lifecycle?expectedRevision=' + rev, { maxOfferAttempts: 2 });
    expect(stale).toMatchObject({ status: 409, body: { code: 'version_conflict', status: 409 } });
    expect((await h.api('get', '/settings/lifecycle')).body.maxOfferAttempts).toBe(5);
    // an unknown team: 422 naming the field
    const bad = await h.api('patch', '/settings/lifecycle', { telemarketingTeamId: randomUUID() });
    expect(bad).toMatchObject({ status: 422, body: { errors: [{ field: 'body.telemarketingTeamId' }] } });
    // PUT with one field: the others take their defaults (documented)
    const replaced = await h.api('put', '/settings/lifecycle', { offerTimeoutMinutes: 30 });
    expect(replaced.body).toMatchObject({ offerTimeoutMinutes: 30, maxOfferAttempts: 3, dedupe: { enabled: true }, telemarketingTeamId: null });
    // back to the suite's settings
    expect((await h.api('put', '/settings/lifecycle', { offerTimeoutMinutes: 30, maxOfferAttempts: 3, staleAfterDays: 30, escalateRanks: ['A', 'B'], telemarketingTeamId: team.telemarketingTeamId })).status).toBe(200);
  });
});

describe('simulate predicts what routing does', () => {
  it('takes the capture shape (source included) and gives rules the same facts: a source-gated step', async () => {
    const vip = await apiRep(h, { name: 'Campaign desk', capacity: 50 });
    const gate = await createRuleSet(h, {
      name: `Campaign leads ${randomUUID().slice(0, 6)}`, type: 'assignment',
      rules: [{ name: 'From a campaign', when: { all: [{ attr: 'source', op: 'eq', value: 'campaign' }, { attr: 'status', op: 'eq', value: 'Qualified' }] }, then: {} }],
    });
    const sales = await apiTeam(h, { name: `Sim sales ${randomUUID().slice(0, 6)}`, memberRepIds: team.reps });
    await apiRouting(h, [
      { id: 'campaigns', when: { ruleSetId: gate }, match: { kind: 'specific_user', repId: vip.id } },
      { id: 'sales', match: { kind: 'team', teamId: sales.id }, distribution: { strategy: 'round_robin' }, whenUnavailable: 'continue' },
    ], { fallback: { kind: 'hopper' } });
    try {
      const lead = visionLead('C');
      const sim = await h.api('post', '/assignment/simulate', { leads: [{ attributes: lead }] });
      expect(sim.status).toBe(200);
      expect(sim.body.decisions[0]).toMatchObject({ outcome: 'offered', repId: vip.id, facts: { source: 'campaign', status: 'Qualified', qualified: true, rank: 'C' } });
      const id = await capture(h, lead);
      expect((await waitForLead(h, id, offered, 'an offer')).offeredToId).toBe(vip.id);
      // another source: both go to the team
      const web = { ...visionLead('C'), source: 'web_form' };
      const simWeb = await h.api('post', '/assignment/simulate', { leads: [{ attributes: web }] });
      expect(team.reps).toContain(simWeb.body.decisions[0].repId);
      const webId = await capture(h, web);
      expect(team.reps).toContain((await waitForLead(h, webId, offered, 'an offer')).offeredToId);
    } finally {
      await apiRouting(h, [{ id: 'sales', name: 'Sales team, round robin', match: { kind: 'team', teamId: team.teamId }, distribution: { strategy: 'round_robin' }, whenUnavailable: 'continue' }], { fallback: { kind: 'hopper' } });
    }
  });
});

describe('duplicate defaults', () => {
  it('two people at one company asking about one product are two leads; the same person (e-mail, or name at the company) is a duplicate', async () => {
    const company = `Nordlys Energi ${randomUUID().slice(0, 6)}`;
    const ada = await h.api('post', '/leads', visionLead('C', { firstName: 'Ada', lastName: 'Berg', email: `ada@nordlys-${company.slice(-6)}.no`, companyName: company, productCategory: 'Monitors' }));
    const bo = await h.api('post', '/leads', visionLead('C', { firstName: 'Bo', lastName: 'Lind', email: `bo@nordlys-${company.slice(-6)}.no`, companyName: company, productCategory: 'Monitors' }));
    expect([ada.status, ada.body.outcome, bo.status, bo.body.outcome]).toEqual([201, 'created', 201, 'created']);
    expect(bo.body.accountId).toBe(ada.body.accountId);
    // README-style example addresses are not one company
    const x = await h.api('post', '/leads', visionLead('C', { email: `x-${randomUUID()}@example.com`, companyName: `X ${randomUUID()}` }));
    const y = await h.api('post', '/leads', visionLead('C', { email: `y-${randomUUID()}@example.com`, companyName: `Y ${randomUUID()}` }));
    expect([x.body.outcome, y.body.outcome]).toEqual(['created', 'created']);
    expect(x.body.accountId).not.toBe(y.body.accountId);
    // the same name at the same company from another address: duplicate, answered as one
    const again = await h.api('post', '/leads', visionLead('C', { firstName: 'ADA', lastName: 'berg', email: `ada.berg@private-${randomUUID().slice(0, 6)}.no`, companyName: `${company} AS` }));
    expect(again).toMatchObject({ status: 200, body: { outcome: 'duplicate', created: false, duplicateOfId: ada.body.id, status: 'Retired', retireReason: 'Duplicate lead' } });
    expect(await actions(h, ada.body.id)).toContain('duplicate_linked');
  });
});
