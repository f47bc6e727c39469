// The lead lifecycle through the API on the dev server: capture -> offer -> accept -> convert,
// simultaneous accepts, 50 identical concurrent captures, duplicates, attribute changes that
// re-route, retire, notes, history, and 4xx for invalid actions (nothing changes).
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness.js';
import { actions, capture, offered, openLeads, salesSetup, visionLead, waitForLead, type SalesSetup } from '../support/lifecycle.js';
import { leadWorkflowId } from '../../workflows/messages.js';
import { recordHistory } from '../support/histories.js';

let h: Harness;
let team: SalesSetup;
beforeAll(async () => {
  h = await startHarness();
  team = await salesSetup(h, 3);
});
afterAll(async () => { await h?.close(); });

const asRep = (repId: string) => ({ role: 'rep' as const, repId });

it('capture -> offer -> accept -> convert, every step audited, the workflow ends', async () => {
  const id = await capture(h, visionLead('A'));
  const lead = await waitForLead(h, id, offered, 'an offer');
  expect(lead).toMatchObject({ status: 'Qualified', rank: 'A', qualified: true, acceptance: null, attempts: 1 });
  const rep = lead.offeredToId as string;

  const accepted = await h.api('post', `/leads/${id}/accept`, {}, asRep(rep));
  expect(accepted.status).toBe(200);
  expect(accepted.body).toMatchObject({ ownerId: rep, assignmentStatus: 'Assigned', acceptance: 'Yes', offeredToId: null, live: { ownerId: rep } });
  // the owner is on record (previous-owner routing); their access comes from owning it, not from a lead-team row
  expect(await h.sql('select rep_id from lead_owner_history where lead_id = $1', [id])).toEqual([{ rep_id: rep }]);
  expect(await h.sql('select rep_id from lead_team_member where lead_id = $1', [id])).toEqual([]);

  const converted = await h.api('post', `/leads/${id}/convert`, { opportunity: { name: 'Vision monitors rollout', amount: 60000, currency: 'USD', closeDate: '2027-03-31' } }, asRep(rep));
  expect(converted.status).toBe(200);
  expect(converted.body).toMatchObject({ status: 'Converted', ownerId: rep });
  expect(converted.body.closedAt).not.toBeNull();
  const [opp] = await h.sql('select id, lead_id, name, amount, owner_id from opportunity where lead_id = $1', [id]);
  expect(opp).toMatchObject({ lead_id: id, name: 'Vision monitors rollout', amount: '60000.00', owner_id: rep });
  expect(await openLeads(h, rep)).toBe(0);

  const result = await h.temporal.workflow.getHandle(leadWorkflowId(id)).result();
  expect(result).toMatchObject({ status: 'Converted', closed: true, opportunityId: opp.id });
  expect(await actions(h, id)).toEqual(['captured', 'processed', 'offered', 'accepted', 'converted']);
  const history = await h.api('get', `/leads/${id}/history`);
  expect(history.body.items.map((e: any) => [e.action, e.actor])).toEqual([
    ['captured', 'user:test-admin'], ['processed', 'system:leadflow'], ['offered', 'system:leadflow'], ['accepted', `user:${rep}`], ['converted', `user:${rep}`],
  ]);
  expect(history.body.items[3]).toMatchObject({ before: { ownerId: null, assignmentStatus: 'Offered' }, after: { ownerId: rep, assignmentStatus: 'Assigned' } });

  // a closed lead takes no more actions
  const again = await h.api('post', `/leads/${id}/retire`, { reason: 'No purchase interest' });
  expect(again).toMatchObject({ status: 409, body: { code: 'lead_closed' } });
  await recordHistory(h.temporal, leadWorkflowId(id), 'lead-accepted-converted');
});

it('two reps accepting the same lead at the same instant: exactly one owner, the other gets 409', async () => {
  const id = await capture(h, visionLead('C'));
  const lead = await waitForLead(h, id, offered, 'an offer');
  const offeredTo = lead.offeredToId as string;
  const other = team.reps.find((r) => r !== offeredTo)!;
  // the offered rep (twice: a double click) and, on behalf of another rep, a manager acting for them
  await h.sql('update rep set manager_id = null where id = $1', [other]);
  const results = await Promise.all([
    h.api('post', `/leads/${id}/accept`, {}, asRep(offeredTo)),
    h.api('post', `/leads/${id}/accept`, { repId: other }, { role: 'admin' }),
    h.api('post', `/leads/${id}/accept`, {}, asRep(offeredTo)),
  ]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  for (const r of results.filter((x) => x.status === 409)) expect(r.body.code).toBe('lead_not_offered_to_rep');
  const stored = (await h.api('get', `/leads/${id}`)).body;
  expect(stored).toMatchObject({ ownerId: offeredTo, assignmentStatus: 'Assigned', live: { ownerId: offeredTo } });
  expect((await actions(h, id)).filter((a) => a === 'accepted')).toHaveLength(1);
  expect(await openLeads(h, other)).toBeGreaterThanOrEqual(0);
  await recordHistory(h.temporal, leadWorkflowId(id), 'lead-simultaneous-accepts');
});

it('the same capture sent 50 times concurrently: one lead, one workflow, one offer', async () => {
  const ref = `WEB-${randomUUID()}`;
  const body = visionLead('C', { source: 'web_form', origSystemReference: ref });
  const responses = await Promise.all(Array.from({ length: 50 }, () => h.api('post', '/leads', body)));
  expect(responses.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
  expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
  const ids = new Set(responses.map((r) => r.body.id));
  expect(ids.size).toBe(1);
  const [id] = [...ids] as [string];
  expect(await h.sql('select count(*)::int as n from lead where orig_system_reference = $1', [ref])).toEqual([{ n: 1 }]);
  const runs = await h.temporal.workflow.list({ query: `WorkflowId = '${leadWorkflowId(id)}'` });
  let n = 0;
  for await (const _ of runs) n++;
  expect(n).toBe(1);
  await waitForLead(h, id, offered, 'its offer');
  expect((await actions(h, id)).filter((a) => a === 'captured' || a === 'offered')).toEqual(['captured', 'offered']);
});

it('links a duplicate of an open lead (same contact) instead of opening a second live lead', async () => {
  const email = `dup-${randomUUID()}@acme-dup.example`;
  const first = await capture(h, visionLead('C', { email, companyName: 'Acme Dup Inc.' }));
  const second = await h.api('post', '/leads', visionLead('C', { email: email.toUpperCase(), companyName: 'ACME DUP' }));
  // never answered like a new lead: 200, outcome duplicate, the open lead it duplicates
  expect(second.status).toBe(200);
  expect(second.body).toMatchObject({ outcome: 'duplicate', created: false, status: 'Retired', retireReason: 'Duplicate lead', duplicateOfId: first });
  const one = (await h.api('get', `/leads/${first}`)).body;
  expect(second.body.accountId).toBe(one.accountId);
  expect(second.body.contactId).toBe(one.contactId);
  expect(await actions(h, second.body.id)).toEqual(['captured', 'retired']);
  expect(await actions(h, first)).toContain('duplicate_linked');
  const [linked] = await h.sql("select detail from audit_event where lead_id = $1 and action = 'duplicate_linked'", [first]);
  expect(linked.detail).toMatchObject({ duplicateLeadId: second.body.id, rule: 'contact_email' });
  await recordHistory(h.temporal, leadWorkflowId(second.body.id), 'lead-duplicate');
});

it('an attribute change re-runs the pipeline and re-routes a lead not yet accepted when routing would change', async () => {
  // a routing step for enterprise deals (>= 1,000,000) to one rep, then the team
  const big = team.telemarketingReps[0]!; // not in the sales team: the first offer never goes to them
  const rule = await h.api('post', '/rule-sets', { name: 'Enterprise deals', type: 'assignment', rules: [{ name: 'big', when: { all: [{ attr: 'purchaseAmount', op: 'gte', value: 1_000_000 }] }, then: { effect: 'select', reason: 'deal size at least 1,000,000' } }] });
  expect(rule.status).toBe(201);
  const routing = await h.api('put', '/routing-config', { config: { id: 'tiered', name: 'Tiered', steps: [
    { id: 'enterprise', when: { ruleSetId: rule.body.id }, match: { kind: 'specific_user', repId: big }, filters: { capacity: false } },
    { id: 'team', match: { kind: 'team', teamId: team.teamId }, whenUnavailable: 'continue' },
  ] } });
  expect(routing.status).toBe(200);
  try {
    const id = await capture(h, visionLead('C', { purchaseAmount: 60_000 }));
    const lead = await waitForLead(h, id, offered, 'an offer');
    const res = await h.api('patch', `/leads/${id}`, { purchaseAmount: 2_000_000, purchaseTimeframe: 'Within 1 month' });
    expect(res.status).toBe(200);
    const rerouted = await waitForLead(h, id, (l) => offered(l) && l.offeredToId === big, 'the enterprise offer');
    expect(rerouted).toMatchObject({ purchaseAmount: 2_000_000, rank: 'A' });
    const acts = await actions(h, id);
    expect(acts.slice(acts.indexOf('attributes_updated'))).toEqual(expect.arrayContaining(['attributes_updated', 'processed', 'rerouted', 'offered']));
    expect(lead.offeredToId).not.toBe(big);
    await recordHistory(h.temporal, leadWorkflowId(id), 'lead-attributes-rerouted');
  } finally {
    await h.api('put', '/routing-config', { config: { id: 'sales', name: 'Sales', steps: [{ id: 'sales', match: { kind: 'team', teamId: team.teamId }, whenUnavailable: 'continue' }] } });
  }
});

it('rejects invalid actions with 4xx naming the reason, and changes nothing', async () => {
  const id = await capture(h, visionLead('C'));
  const lead = await waitForLead(h, id, offered, 'an offer');
  const before = await actions(h, id);
  const other = team.reps.find((r) => r !== lead.offeredToId)!;
  expect((await h.api('post', `/leads/${id}/reject`, { reason: 'Because' }, asRep(lead.offeredToId))).body.errors[0].field).toBe('body.reason');
  expect(await h.api('post', `/leads/${id}/convert`, { opportunity: { name: 'x' } })).toMatchObject({ status: 409, body: { code: 'lead_not_owned' } });
  expect(await h.api('post', `/leads/${id}/claim`, { repId: other })).toMatchObject({ status: 409, body: { code: 'lead_not_in_hopper' } });
  expect(await h.api('post', `/leads/${id}/retire`, { reason: 'No activity' })).toMatchObject({ status: 400 });
  expect(await h.api('patch', `/leads/${id}`, {})).toMatchObject({ status: 400 });
  expect(await h.api('post', `/leads/${randomUUID()}/accept`, {}, { role: 'admin' })).toMatchObject({ status: 404 });
  expect(await actions(h, id)).toEqual(before);

  // retire with a reason from the lookups ends it
  const retired = await h.api('post', `/leads/${id}/retire`, { reason: 'No purchase interest', note: 'budget cut' });
  expect(retired.body).toMatchObject({ status: 'Retired', retireReason: 'No purchase interest', offeredToId: null });
  expect(await openLeads(h, lead.offeredToId)).toBeGreaterThanOrEqual(0);
  const [event] = await h.sql("select reason, detail from audit_event where lead_id = $1 and action = 'retired'", [id]);
  expect(event).toMatchObject({ reason: 'No purchase interest', detail: { note: 'budget cut' } });
  await recordHistory(h.temporal, leadWorkflowId(id), 'lead-invalid-actions-retired');
});

it('reassign: the owner or an admin hands the lead to a specific rep, or routes it again', async () => {
  const id = await capture(h, visionLead('C'));
  const lead = await waitForLead(h, id, offered, 'an offer');
  const owner = lead.offeredToId as string;
  expect((await h.api('post', `/leads/${id}/accept`, {}, asRep(owner))).status).toBe(200);
  const target = team.reps.find((r) => r !== owner)!;
  const res = await h.api('post', `/leads/${id}/reassign`, { reason: 'Workload', toRepId: target }, asRep(owner));
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ ownerId: target, assignmentStatus: 'Assigned' });
  // the previous owner no longer owns it: cannot reassign again
  expect((await h.api('post', `/leads/${id}/reassign`, { reason: 'Other' }, asRep(owner))).status).toBe(403);
  // an admin routes it again: never back to who had it in this round
  expect((await h.api('post', `/leads/${id}/reassign`, { reason: 'Other' })).status).toBe(200);
  const rerouted = await waitForLead(h, id, (l) => offered(l), 'the new offer');
  expect(rerouted.offeredToId).not.toBe(target);
  // one audit event per reassignment: to a specific rep (after.ownerId = that rep), then back to routing
  expect(await actions(h, id)).toEqual(['captured', 'processed', 'offered', 'accepted', 'reassigned', 'reassigned', 'offered']);
  await recordHistory(h.temporal, leadWorkflowId(id), 'lead-reassigned');
});

it('retire sent many times at once, and again after the lead closed: one 200, every other answer a 409 lead_closed', async () => {
  const id = await capture(h, visionLead('C'));
  await waitForLead(h, id, offered, 'an offer');
  const answers = await Promise.all(Array.from({ length: 8 }, () => h.api('post', `/leads/${id}/retire`, { reason: 'Duplicate lead' })));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
  expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'lead_closed')).toBe(true);
  await h.temporal.workflow.getHandle(leadWorkflowId(id)).result();
  const late = await Promise.all(Array.from({ length: 3 }, () => h.api('post', `/leads/${id}/retire`, { reason: 'Duplicate lead' })));
  expect(late.map((a) => [a.status, a.body.code])).toEqual([[409, 'lead_closed'], [409, 'lead_closed'], [409, 'lead_closed']]);
  expect((await actions(h, id)).filter((a) => a === 'retired')).toHaveLength(1);
});

it('a burst of 40 simultaneous actions on one lead: every one answered (no 5xx), every note and change applied exactly once', async () => {
  // Before the per-lead admission in api/services/lead-updates.ts, such a burst ran into the
  // server's in-flight update limit and the SDK dropping update messages: 500s after up to 30 s.
  const id = await capture(h, visionLead('C'));
  await waitForLead(h, id, offered, 'an offer');
  const before = (await actions(h, id)).length;
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      i % 4 === 0 ? h.api('patch', `/leads/${id}`, { employeeCount: 1000 + i }) : h.api('post', `/leads/${id}/notes`, { text: `note ${i}` }),
    ),
  );
  expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  expect(answers.filter((a) => a.status === 201)).toHaveLength(30);
  expect(answers.filter((a) => a.status === 200)).toHaveLength(10);
  const after = await actions(h, id);
  expect(after.slice(before).filter((a) => a === 'note_added')).toHaveLength(30);
  const notes = await h.sql<{ n: number }>('select count(*)::int as n from lead_note where lead_id = $1', [id]);
  expect(notes[0]!.n).toBe(30);
});
