// The lead lifecycle's timers on the time-skipping server, driven through the API: the offer SLA
// (timeout -> next rep, never back to one who had it), rejections, the hopper after N misses, and
// the 30-day stale rule (escalate rank A/B once, retire others; activity restarts the clock).
import { startHarness, type Harness } from '../support/harness.js';
import { actions, capture, offered, openLeads, salesSetup, visionLead, waitForLead, type SalesSetup } from '../support/lifecycle.js';

let h: Harness;
let team: SalesSetup;
beforeAll(async () => {
  h = await startHarness({ timeSkipping: true });
  team = await salesSetup(h, 3);
});
afterAll(async () => { await h?.close(); });

const sleep = (d: string) => h.env!.sleep(d);
const asRep = (repId: string) => ({ role: 'rep' as const, repId });

describe('offer SLA', () => {
  it('moves an offer nobody accepts within 30 minutes to the next rep and releases the first', async () => {
    const id = await capture(h, visionLead('C'));
    const first = await waitForLead(h, id, offered, 'the first offer');
    expect(team.reps).toContain(first.offeredToId);
    expect(await openLeads(h, first.offeredToId)).toBe(1);

    await sleep('29 minutes');
    expect((await h.api('get', `/leads/${id}`)).body.offeredToId).toBe(first.offeredToId);
    await sleep('2 minutes');
    const second = await waitForLead(h, id, (l) => offered(l) && l.offeredToId !== first.offeredToId, 'the second offer');
    expect(team.reps).toContain(second.offeredToId);
    expect(second.attempts).toBe(2);
    expect(await openLeads(h, first.offeredToId)).toBe(0);
    expect(await actions(h, id)).toEqual(['captured', 'processed', 'offered', 'offer_timed_out', 'offered']);
    const [timeout] = await h.sql("select actor, reason, detail from audit_event where lead_id = $1 and action = 'offer_timed_out'", [id]);
    expect(timeout).toMatchObject({ actor: 'system:leadflow', reason: 'not accepted within 30 minutes', detail: { repId: first.offeredToId, attempt: 1 } });
  });

  it('sends a rejected lead to the next rep and never back to one who had it; after N misses it goes to the hopper', async () => {
    const id = await capture(h, visionLead('C'));
    const seen: string[] = [];
    let lead = await waitForLead(h, id, offered, 'the first offer');
    const before = Object.fromEntries(await Promise.all(team.reps.map(async (r) => [r, await openLeads(h, r)] as const)));
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(seen).not.toContain(lead.offeredToId);
      seen.push(lead.offeredToId);
      const res = await h.api('post', `/leads/${id}/reject`, { reason: 'Failed to reach contact' }, asRep(lead.offeredToId));
      expect(res.status).toBe(200);
      if (attempt < 3) lead = await waitForLead(h, id, (l) => offered(l) && !seen.includes(l.offeredToId), `offer ${attempt + 1}`);
    }
    expect(new Set(seen)).toEqual(new Set(team.reps));
    lead = await waitForLead(h, id, (l) => l.assignmentStatus === 'Hopper', 'the hopper');
    expect(lead.offeredToId).toBeNull();
    // every rep who had it was released again (their other leads untouched)
    for (const rep of team.reps) expect(await openLeads(h, rep)).toBe(before[rep]! - (rep === seen[0] ? 1 : 0));
    const [hopper] = await h.sql("select reason from audit_event where lead_id = $1 and action = 'moved_to_hopper'", [id]);
    expect(hopper.reason).toBe('3 offers not accepted (limit 3)');

    // first caller wins the claim
    const [a, b] = team.reps as [string, string];
    const claims = await Promise.all([h.api('post', `/leads/${id}/claim`, {}, asRep(a)), h.api('post', `/leads/${id}/claim`, {}, asRep(b))]);
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const winner = claims.find((c) => c.status === 200)!.body;
    expect(claims.find((c) => c.status === 409)!.body.code).toBe('lead_already_owned');
    expect(winner).toMatchObject({ assignmentStatus: 'Assigned', acceptance: 'Yes' });
    expect([a, b]).toContain(winner.ownerId);
  });

  it('times out three times in a row into the hopper', async () => {
    const id = await capture(h, visionLead('C'));
    const seen = new Set<string>();
    for (let attempt = 1; attempt <= 3; attempt++) {
      const lead = await waitForLead(h, id, (l) => offered(l) && !seen.has(l.offeredToId), `offer ${attempt}`);
      seen.add(lead.offeredToId);
      await sleep('31 minutes');
    }
    await waitForLead(h, id, (l) => l.assignmentStatus === 'Hopper', 'the hopper');
    expect((await actions(h, id)).filter((a) => a === 'offer_timed_out')).toHaveLength(3);
  });
});

describe('stale rule (30 days without activity)', () => {
  async function acceptedLead(rank: 'A' | 'C'): Promise<{ id: string; owner: string }> {
    const id = await capture(h, visionLead(rank));
    const lead = await waitForLead(h, id, offered, 'an offer');
    expect(lead.rank).toBe(rank);
    const res = await h.api('post', `/leads/${id}/accept`, {}, asRep(lead.offeredToId));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ownerId: lead.offeredToId, assignmentStatus: 'Assigned' });
    return { id, owner: lead.offeredToId };
  }

  it('escalates a rank A lead once to the telemarketing team and retires a rank C lead', async () => {
    const a = await acceptedLead('A');
    const c = await acceptedLead('C');
    await sleep('29 days');
    expect((await h.api('get', `/leads/${a.id}`)).body.ownerId).toBe(a.owner);
    await sleep('1 day');
    await sleep('5 minutes'); // the stale rule has acted; the escalation offer (30 min) is still open
    const escalated = await waitForLead(h, a.id, (l) => offered(l) && team.telemarketingReps.includes(l.offeredToId), 'the escalation');
    expect(escalated.ownerId).toBeNull();
    const retired = await waitForLead(h, c.id, (l) => l.status === 'Retired', 'retirement');
    expect(retired).toMatchObject({ retireReason: 'No activity', ownerId: c.owner });
    expect(await openLeads(h, c.owner)).toBe(0);
    expect(await actions(h, a.id)).toContain('escalated');
    const [esc] = await h.sql("select reason, detail from audit_event where lead_id = $1 and action = 'escalated'", [a.id]);
    expect(esc).toMatchObject({ reason: 'No activity', detail: { rank: 'A', staleAfterDays: 30, telemarketingTeamId: team.telemarketingTeamId, previousHolder: a.owner } });

    // the escalation round stays in the telemarketing team: a missed offer goes to the other member
    await sleep('31 minutes');
    const next = await waitForLead(h, a.id, (l) => offered(l) && l.offeredToId !== escalated.offeredToId, 'the second telemarketing offer');
    expect(team.telemarketingReps).toContain(next.offeredToId);
    // escalated once only: accepted by telemarketing, stale again -> retired
    expect((await h.api('post', `/leads/${a.id}/accept`, {}, asRep(next.offeredToId))).status).toBe(200);
    await sleep('31 days');
    await waitForLead(h, a.id, (l) => l.status === 'Retired' && l.retireReason === 'No activity', 'retirement after the escalation');
    expect((await actions(h, a.id)).filter((x) => x === 'escalated')).toHaveLength(1);
  });

  it('restarts the clock on activity (a note)', async () => {
    const c = await acceptedLead('C');
    await sleep('20 days');
    expect((await h.api('post', `/leads/${c.id}/notes`, { text: 'Called, they are still evaluating' }, asRep(c.owner))).status).toBe(201);
    await sleep('20 days');
    expect((await h.api('get', `/leads/${c.id}`)).body.status).toBe('Qualified');
    await sleep('11 days');
    await waitForLead(h, c.id, (l) => l.status === 'Retired', 'retirement 30 days after the note');
  });
});
