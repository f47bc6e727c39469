// Regression tests for lifecycle defects found when leadflow was used for real (the timer side,
// on the time-skipping server): an edit pulled a hopper lead back out and forgot who had it; a
// stale lead closed while offered stayed "Offered"; without a telemarketing team a stale rank A
// lead took two events to reach the hopper; a lowered stale threshold never reached waiting leads;
// a rep whose offer timed out kept access.
import { leadWorkflowId } from '../../workflows/messages.js';
import { recordHistory } from '../support/histories.js';
import { startHarness, type Harness } from '../support/harness.js';
import { actions, capture, offered, openLeads, salesSetup, visionLead, waitForLead, type SalesSetup } from '../support/lifecycle.js';

let h: Harness;
let team: SalesSetup;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true, staleSweepMinutes: 60 });
  team = await salesSetup(h, 3);
});
afterAll(async () => { await h?.close(); });

const sleep = (d: string) => h.env!.sleep(d);
const asRep = (repId: string) => ({ role: 'rep' as const, repId });
const settings = async (patch: Record<string, unknown>) => {
  const res = await h.api('patch', '/settings/lifecycle', patch);
  expect(res.status).toBe(200);
};
/** The workflow's search attributes as the Temporal server holds them. */
async function searchAttributes(id: string): Promise<Record<string, unknown>> {
  const desc = await h.temporal.workflow.getHandle(leadWorkflowId(id)).describe();
  return Object.fromEntries(desc.typedSearchAttributes.getAll().map((p) => [p.key.name, p.value]));
}

it('an edit leaves a hopper lead in the hopper and keeps who had it (2 timeouts, attempts before the hopper = 2)', async () => {
  await settings({ maxOfferAttempts: 2 });
  try {
    const id = await capture(h, visionLead('C'));
    const first = await waitForLead(h, id, offered, 'the first offer');
    await sleep('31 minutes');
    const second = await waitForLead(h, id, (l) => offered(l) && l.offeredToId !== first.offeredToId, 'the second offer');
    await sleep('31 minutes');
    const hopper = await waitForLead(h, id, (l) => l.assignmentStatus === 'Hopper', 'the hopper');
    expect(new Set(hopper.live.hadIt)).toEqual(new Set([first.offeredToId, second.offeredToId]));

    const edited = await h.api('patch', `/leads/${id}`, { city: 'Boston' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ city: 'Boston', assignmentStatus: 'Hopper', offeredToId: null, live: { assignmentStatus: 'Hopper' } });
    expect(new Set(edited.body.live.hadIt)).toEqual(new Set([first.offeredToId, second.offeredToId]));
    expect(await actions(h, id)).toEqual(['captured', 'processed', 'offered', 'offer_timed_out', 'offered', 'offer_timed_out', 'moved_to_hopper', 'attributes_updated']);
    await recordHistory(h.temporal, leadWorkflowId(id), 'lead-edit-keeps-hopper');
  } finally {
    await settings({ maxOfferAttempts: 3 });
  }
});

it('an edit that routing does not read leaves an offer where it is', async () => {
  const id = await capture(h, visionLead('C'));
  const lead = await waitForLead(h, id, offered, 'an offer');
  const edited = await h.api('patch', `/leads/${id}`, { city: 'Austin', jobTitle: 'CTO' });
  expect(edited.body).toMatchObject({ assignmentStatus: 'Offered', offeredToId: lead.offeredToId, attempts: 1 });
  expect(await actions(h, id)).not.toContain('rerouted');
});

it('a lead closed by the stale rule while offered is not Offered: row, live state and search attributes', async () => {
  await settings({ offerTimeoutMinutes: 7 * 24 * 60, staleAfterDays: 2, escalateRanks: [] });
  try {
    const id = await capture(h, visionLead('C'));
    const lead = await waitForLead(h, id, offered, 'an offer');
    await sleep('2 days');
    await sleep('1 hour');
    const retired = await waitForLead(h, id, (l) => l.status === 'Retired', 'retirement');
    expect(retired).toMatchObject({ retireReason: 'No activity', assignmentStatus: 'Unassigned', offeredToId: null, offerDeadline: null, live: { assignmentStatus: 'Unassigned', offeredToId: null } });
    expect(await searchAttributes(id)).toMatchObject({ AssignmentStatus: 'Unassigned', LeadStatus: 'Retired' });
    expect((await searchAttributes(id)).OfferedToId).toBeUndefined();
    expect(await openLeads(h, lead.offeredToId)).toBe(0);
  } finally {
    await settings({ offerTimeoutMinutes: 30, staleAfterDays: 30, escalateRanks: ['A', 'B'] });
  }
});

it('without a telemarketing team a stale rank A lead is escalated to the hopper in one event, then retired if stale again', async () => {
  await settings({ telemarketingTeamId: null });
  try {
    const id = await capture(h, visionLead('A'));
    const lead = await waitForLead(h, id, offered, 'an offer');
    expect((await h.api('post', `/leads/${id}/accept`, {}, asRep(lead.offeredToId))).status).toBe(200);
    await sleep('30 days');
    await sleep('1 hour');
    const escalated = await waitForLead(h, id, (l) => l.assignmentStatus === 'Hopper', 'the hopper');
    expect(escalated).toMatchObject({ status: 'Qualified', ownerId: null, offeredToId: null });
    expect(await actions(h, id)).toEqual(['captured', 'processed', 'offered', 'accepted', 'escalated']);
    const [esc] = await h.sql("select reason, after, detail from audit_event where lead_id = $1 and action = 'escalated'", [id]);
    expect(esc).toMatchObject({ reason: 'No activity', after: { assignmentStatus: 'Hopper', ownerId: null }, detail: { escalatedTo: 'hopper', previousHolder: lead.offeredToId } });
    expect(await openLeads(h, lead.offeredToId)).toBe(0);
    // the former owner has no access any more
    expect((await h.api('patch', `/leads/${id}`, { city: 'Boston' }, asRep(lead.offeredToId))).body).toMatchObject({ status: 403, code: 'lead_access_denied', granted: 'none' });
    await sleep('31 days');
    await waitForLead(h, id, (l) => l.status === 'Retired' && l.retireReason === 'No activity', 'retirement');
    expect((await actions(h, id)).filter((a) => a === 'escalated')).toHaveLength(1);
    await recordHistory(h.temporal, leadWorkflowId(id), 'lead-stale-escalated-to-hopper');
  } finally {
    await settings({ telemarketingTeamId: team.telemarketingTeamId });
  }
});

it('a lowered stale threshold reaches waiting leads within the sweep interval; a raised one never retires early', async () => {
  const lowered = await capture(h, visionLead('C'));
  const twin = await capture(h, visionLead('C'));
  for (const id of [lowered, twin]) {
    const lead = await waitForLead(h, id, offered, 'an offer');
    expect((await h.api('post', `/leads/${id}/accept`, {}, asRep(lead.offeredToId))).status).toBe(200);
  }
  const start = Date.parse((await h.api('get', `/leads/${lowered}`)).body.lastActivityAt);
  await sleep('2 days');
  await settings({ staleAfterDays: 5 });
  await sleep('3 days');
  await sleep('2 hours'); // the sweep runs hourly here (every few minutes by default)
  const retired = await waitForLead(h, lowered, (l) => l.status === 'Retired', 'retirement at 5 days');
  expect(retired.retireReason).toBe('No activity');
  // it acted at the new threshold (5 days), not the old one (30): the time-skipping clock says when
  const closedAt = Date.parse(retired.closedAt);
  expect(closedAt - start).toBeGreaterThanOrEqual(5 * 86_400_000);
  expect(closedAt - start).toBeLessThan(5 * 86_400_000 + 3 * 3_600_000);

  // raised (40 days) while a lead is 4 days quiet: its 5-day timer finds nothing to do; it goes at 40
  const quiet = await capture(h, visionLead('C'));
  const q = await waitForLead(h, quiet, offered, 'an offer');
  expect((await h.api('post', `/leads/${quiet}/accept`, {}, asRep(q.offeredToId))).status).toBe(200);
  await sleep('4 days');
  await settings({ staleAfterDays: 40 });
  await sleep('30 days');
  expect((await h.api('get', `/leads/${quiet}`)).body.status).toBe('Qualified');
  expect((await h.api('get', `/leads/${twin}`)).body.status).toBe('Retired'); // as quiet as the first one
  await sleep('7 days');
  await waitForLead(h, quiet, (l) => l.status === 'Retired', 'retirement at 40 days');
  await settings({ staleAfterDays: 30 });
});

it('a rep whose offer timed out has no access to the lead afterwards', async () => {
  const id = await capture(h, visionLead('C'));
  const first = await waitForLead(h, id, offered, 'the first offer');
  expect((await h.api('get', `/leads/${id}`, undefined, asRep(first.offeredToId))).status).toBe(200);
  await sleep('31 minutes');
  await waitForLead(h, id, (l) => offered(l) && l.offeredToId !== first.offeredToId, 'the next offer');
  for (const [method, path, body] of [['get', `/leads/${id}`, undefined], ['patch', `/leads/${id}`, { city: 'Paris' }], ['post', `/leads/${id}/retire`, { reason: 'No purchase interest' }]] as const) {
    expect([method, (await h.api(method, path, body, asRep(first.offeredToId))).body.code]).toEqual([method, 'lead_access_denied']);
  }
  expect(await h.sql('select rep_id from lead_team_member where lead_id = $1', [id])).toEqual([]);
});
