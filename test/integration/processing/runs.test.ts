// Processing runs on the dev server through the API: each process type changes exactly the
// selected leads (and only its own fields), audit events per changed lead, the diagnostic output
// log, a failing lead. Leads are stored by direct SQL (test/support/processing.ts): these tests
// assert Postgres effects, not lifecycle reactions (see lifecycle.test.ts for those).
import { recordHistory } from '../../support/histories.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { finishedRuns, createActivity, insertLeads, leadValues, runLog } from '../../support/processing.js';
import { activate, createRuleSet, seeds } from '../../support/rule-fixtures.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

const scoring = {
  name: 'Deal size score', type: 'scoring',
  rules: [
    { name: 'big deal', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 60 } },
    { name: 'approved', when: { attr: 'budgetStatus', op: 'eq', value: 'Approved' }, then: { points: 30 } },
  ],
};

const processedEvents = (runId: string) =>
  h.sql("select lead_id, actor, reason, before, after, trace, detail from audit_event where action = 'processed' and event_key like $1 order by lead_id", [`processing/${runId}/%`]);

describe('Scoring', () => {
  it('scores exactly the selected leads, one audit event each, and changes nothing else', async () => {
    const setId = await createRuleSet(h, scoring);
    // Selected: FR leads (criteria country = FR, amount >= 1000); the US ones and the small FR one are not.
    const selected = await insertLeads(h, [
      { country: 'FR', purchaseAmount: 150_000 }, { country: 'FR', purchaseAmount: 5_000, budgetStatus: 'Pending' }, { country: 'FR', purchaseAmount: 120_000, rank: 'B', status: 'Qualified', qualified: true },
    ]);
    const others = await insertLeads(h, [{ country: 'US' }, { country: 'FR', purchaseAmount: 10 }, { country: 'DE' }]);
    const before = await leadValues(h, others);

    const activity = await createActivity(h, {
      name: 'Rescore FR', processType: 'Scoring', ruleSetId: setId,
      criteria: [{ attr: 'country', op: 'Equal to', value: 'FR' }, { attr: 'purchaseAmount', op: 'gte', value: 1000 }],
    });
    expect(activity).toMatchObject({ processType: 'Scoring', schedule: { mode: 'Immediate' }, criteria: [{ attr: 'country', op: 'eq', value: 'FR' }, { attr: 'purchaseAmount', op: 'gte', value: 1000 }] });
    expect(activity.startedWorkflowId).toMatch(new RegExp(`^processing-run-${activity.id}-api-`));

    const [run] = await finishedRuns(h, activity.id);
    expect(run).toMatchObject({
      status: 'Completed', trigger: 'api', processType: 'Scoring', ruleSet: { ruleSetId: setId, version: 1, type: 'scoring' },
      counts: { estimated: 3, selected: 3, processed: 3, changed: 3, skipped: 0, failed: 0 }, pages: 1, error: null,
    });
    expect(run.finishedAt).not.toBeNull();
    await h.temporal.workflow.getHandle(activity.startedWorkflowId).result();
    await recordHistory(h.temporal, activity.startedWorkflowId, 'processing-run-scoring');

    const after = await leadValues(h, [...selected, ...others]);
    expect(selected.map((id) => after.get(id)!.score)).toEqual([90, 0, 90]);
    expect(after.get(selected[2]!)).toMatchObject({ status: 'Qualified', rank: 'B' }); // only the score changes
    for (const id of selected) expect(after.get(id)!.rule_versions).toEqual({ scoring: { ruleSetId: setId, version: 1 } });
    for (const id of others) expect(after.get(id)).toEqual(before.get(id));

    const events = await processedEvents(run.id);
    expect(events.map((e: any) => e.lead_id).sort()).toEqual([...selected].sort());
    const first = events.find((e: any) => e.lead_id === selected[0]);
    expect(first).toMatchObject({
      actor: `system:processing/${activity.id}`, reason: 'processing',
      before: { score: null }, after: { score: 90 },
      detail: { runId: run.id, processingActivityId: activity.id, processType: 'Scoring' },
      trace: { matchedRules: { scoring: ['big deal', 'approved'] }, ruleSetVersions: { scoring: { id: setId, version: 1, type: 'scoring' } } },
    });
    expect([first.before, first.after]).toEqual([{ score: null }, { score: 90 }]); // versions are in the trace
    // Not diagnostic: nothing logged (no failures).
    expect(await runLog(h, run.id)).toEqual([]);
  });
});

describe('Ranking', () => {
  it('ranks exactly the selected qualified leads (rank in A, B selection too); diagnostic mode logs every lead with old/new values and the rule trace', async () => {
    const setId = await createRuleSet(h, seeds.visionRating);
    const q = { status: 'Qualified', qualified: true, jobTitle: 'Category Manager' };
    const selected = await insertLeads(h, [
      { ...q, purchaseTimeframe: 'Within 1 month', budgetStatus: 'Approved' }, // -> A
      { ...q, purchaseTimeframe: '1-3 months', budgetStatus: 'Approved', rank: 'A' }, // A -> B
      { ...q, purchaseTimeframe: '3-6 months', budgetStatus: 'Pending', rank: 'D' }, // D stays D
      { ...q, country: 'FR', rank: 'C' }, // outside the guards: no rank
      { status: 'Unqualified', rank: null, jobTitle: 'Category Manager' }, // unqualified: no rank, unchanged
      { status: 'Converted', rank: 'B', jobTitle: 'Category Manager' }, // closed: skipped
    ]);
    const others = await insertLeads(h, [{ ...q, purchaseTimeframe: 'Within 1 month', budgetStatus: 'Approved', rank: 'D', jobTitle: 'Intern' }]);
    const before = await leadValues(h, others);

    const activity = await createActivity(h, {
      name: 'Rank managers', processType: 'Ranking', ruleSetId: setId, diagnostic: true, pageSize: 10,
      criteria: [{ attr: 'jobTitle', op: 'eq', value: 'Category Manager' }],
    });
    const [run] = await finishedRuns(h, activity.id);
    expect(run).toMatchObject({ status: 'Completed', counts: { selected: 6, processed: 6, changed: 4, skipped: 1, failed: 0 } });

    const after = await leadValues(h, [...selected, ...others]);
    expect(selected.map((id) => after.get(id)!.rank)).toEqual(['A', 'B', 'D', null, null, 'B']);
    expect(after.get(selected[5]!)!.rule_versions).toBeNull(); // the Converted lead is untouched
    expect(after.get(others[0]!)).toEqual(before.get(others[0]!));

    const log = await runLog(h, run.id);
    expect(log.map((e) => e.leadId).sort()).toEqual([...selected].sort());
    const byLead = new Map(log.map((e) => [e.leadId, e]));
    expect(byLead.get(selected[1]!)).toMatchObject({
      outcome: 'changed', pageNo: 1, before: { rank: 'A' }, after: { rank: 'B', ruleVersions: { rating: { ruleSetId: setId, version: 1 } } },
      trace: { matchedRules: { rating: ['Rule 2'] }, lines: expect.arrayContaining([expect.stringContaining('Rule 2')]) },
    });
    expect(byLead.get(selected[5]!)).toMatchObject({ outcome: 'skipped', message: 'the lead is Converted' });
    expect(byLead.get(selected[4]!)).toMatchObject({ outcome: 'unchanged', before: { rank: null }, after: { rank: null } }); // unqualified leads are not graded
    // Paged and filtered by outcome.
    const page = await h.api('get', `/processing-runs/${run.id}/log?limit=2&outcome=changed`, undefined, { role: 'ops' });
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expect((await runLog(h, run.id, 'outcome=changed')).length).toBe(4);
    expect(await runLog(h, run.id, 'outcome=failed')).toEqual([]);

    // A second run with the same set: nothing changes; rank in (A, B) selects exactly those leads.
    const again = await createActivity(h, {
      name: 'Rank A and B again', processType: 'Ranking', ruleSetId: setId, diagnostic: true,
      criteria: [{ attr: 'jobTitle', op: 'eq', value: 'Category Manager' }, { attr: 'rank', op: 'in', value: ['A', 'B'] }],
    });
    const [second] = await finishedRuns(h, again.id);
    expect(second.counts).toMatchObject({ selected: 3, changed: 0, skipped: 1 });
    expect((await runLog(h, second.id)).map((e) => e.leadId).sort()).toEqual([selected[0], selected[1], selected[5]].sort());
  });
});

describe('Qualification', () => {
  it('qualifies exactly the selected leads (lead age over 30 days) and only changes status, qualified and rank', async () => {
    const setId = await createRuleSet(h, seeds.visionQualification);
    const old = new Date(Date.now() - 45 * 86_400_000);
    const young = new Date(Date.now() - 5 * 86_400_000);
    const selected = await insertLeads(h, [
      { createdAt: old, purchaseTimeframe: '1-3 months', purchaseAmount: 80_000, score: 42 }, // newly qualified
      { createdAt: old, purchaseTimeframe: '1-3 months', purchaseAmount: 10_000, status: 'Qualified', qualified: true, rank: 'B' }, // disqualified: loses its rank
      { createdAt: old, purchaseTimeframe: 'More than 1 year', purchaseAmount: 10_000, status: 'Qualified', qualified: true, rank: 'C' }, // stays qualified
    ]);
    const others = await insertLeads(h, [{ createdAt: young, purchaseTimeframe: '1-3 months', purchaseAmount: 80_000 }]);
    const activity = await createActivity(h, {
      name: 'Requalify old leads', processType: 'Qualification', ruleSetId: setId,
      criteria: [{ attr: 'leadAgeDays', op: 'Greater than', value: 30 }, { attr: 'createdAt', op: 'gte', value: new Date(Date.now() - 60 * 86_400_000).toISOString() }],
    });
    const [run] = await finishedRuns(h, activity.id);
    expect(run).toMatchObject({ status: 'Completed', counts: { selected: 3, changed: 3, failed: 0 } });
    const after = await leadValues(h, [...selected, ...others]);
    expect(selected.map((id) => [after.get(id)!.status, after.get(id)!.qualified, after.get(id)!.rank, after.get(id)!.score])).toEqual([
      ['Qualified', true, null, 42], ['Unqualified', false, null, null], ['Qualified', true, 'C', null],
    ]);
    expect(after.get(others[0]!)).toMatchObject({ status: 'Unqualified', rule_versions: null });
    const events = await processedEvents(run.id);
    expect(events.find((e: any) => e.lead_id === selected[1])).toMatchObject({ before: { status: 'Qualified', qualified: true, rank: 'B' }, after: { status: 'Unqualified', qualified: false, rank: null } });
    // The newly qualified lead and the disqualified one were to be signalled (requalified / rescored); these leads have no workflow.
    const pages = await h.sql('select signalled, signals_missed, signals from processing_run_page where run_id = $1', [run.id]);
    expect(pages).toEqual([{ signalled: 0, signals_missed: 2, signals: null }]);
  });
});

describe('a lead that fails', () => {
  it('is logged and skipped; the others are written; the run ends Completed with error', async () => {
    const setId = await createRuleSet(h, scoring);
    const ids = await insertLeads(h, Array.from({ length: 12 }, () => ({ country: 'BE', purchaseAmount: 200_000 })));
    const bad = ids[7]!;
    // A database rule this lead's new score violates (the page's single UPDATE fails; each lead is then written alone).
    await h.sql(`alter table lead add constraint test_bad_lead check (id <> '${bad}' or score is null)`);
    try {
      const activity = await createActivity(h, { name: 'Rescore BE', processType: 'Scoring', ruleSetId: setId, pageSize: 10, criteria: [{ attr: 'country', op: 'eq', value: 'BE' }] });
      const [run] = await finishedRuns(h, activity.id);
      expect(run).toMatchObject({ status: 'Completed with error', counts: { selected: 12, processed: 11, changed: 11, failed: 1 }, pages: 2 });
      const log = await runLog(h, run.id);
      const pageOfBad = [...ids].sort().indexOf(bad) < 10 ? 1 : 2; // keyset pages in lead id order
      expect(log).toEqual([expect.objectContaining({ leadId: bad, outcome: 'failed', pageNo: pageOfBad, message: expect.stringContaining('violates check constraint "test_bad_lead"'), after: { score: 90, ruleVersions: expect.any(Object) } })]);
      const after = await leadValues(h, ids);
      expect(ids.filter((id) => after.get(id)!.score !== 90)).toEqual([bad]);
      expect((await processedEvents(run.id)).map((e: any) => e.lead_id)).not.toContain(bad);
      expect(await processedEvents(run.id)).toHaveLength(11);
      const activityView = await h.api('get', `/processing-activities/${activity.id}`);
      expect(activityView.body).toMatchObject({ progressStatus: 'Completed with error', lastRun: { id: run.id } });
      await h.temporal.workflow.getHandle(activity.startedWorkflowId).result();
      await recordHistory(h.temporal, activity.startedWorkflowId, 'processing-run-lead-failed');
    } finally {
      await h.sql('alter table lead drop constraint test_bad_lead');
    }
  });
});

describe('Assignment', () => {
  it('asks exactly the selected unowned open leads to route again; owned, offered and closed ones are skipped; no lead row changes', async () => {
    const owner = '00000000-0000-4000-8000-000000000001';
    const selected = await insertLeads(h, [
      { country: 'NL', assignmentStatus: 'Unassigned' }, { country: 'NL', assignmentStatus: 'Hopper' }, { country: 'NL', assignmentStatus: 'Queued' },
      { country: 'NL', assignmentStatus: 'Assigned', ownerId: owner }, { country: 'NL', assignmentStatus: 'Offered' }, { country: 'NL', status: 'Retired' },
    ]);
    const before = await h.sql('select * from lead where country = $1 order by id', ['NL']);
    const activity = await createActivity(h, { name: 'Route NL', processType: 'Assignment', diagnostic: true, criteria: [{ attr: 'country', op: 'eq', value: 'NL' }] });
    const [run] = await finishedRuns(h, activity.id);
    expect(run).toMatchObject({ status: 'Completed', ruleSet: null, counts: { selected: 6, processed: 6, changed: 0, skipped: 3, failed: 0 } });
    const log = new Map((await runLog(h, run.id)).map((e) => [e.leadId, e]));
    expect(selected.map((id) => log.get(id)!.outcome)).toEqual(['signalled', 'signalled', 'signalled', 'skipped', 'skipped', 'skipped']);
    expect(log.get(selected[3]!)!.message).toBe('the lead has an owner');
    const [page] = await h.sql('select signalled, signals_missed from processing_run_page where run_id = $1', [run.id]);
    expect(page).toEqual({ signalled: 0, signals_missed: 3 }); // stored without workflows
    expect(await h.sql('select * from lead where country = $1 order by id', ['NL'])).toEqual(before);

    // "unassigned" selects Unassigned / Queued / Hopper leads or leads without owner.
    const unassigned = await createActivity(h, { name: 'Unassigned NL', processType: 'Assignment', criteria: [{ attr: 'country', op: 'eq', value: 'NL' }, { attr: 'unassigned', op: 'eq', value: true }] });
    const [r2] = await finishedRuns(h, unassigned.id);
    expect(r2.counts).toMatchObject({ selected: 5 }); // all but the owned one
  });
});

describe('the rule set', () => {
  it('defaults to the active set of the stage, resolved when the run starts (and recorded in the run)', async () => {
    const setId = await createRuleSet(h, { ...scoring, name: 'Active scoring' });
    await activate(h, setId);
    const ids = await insertLeads(h, [{ country: 'PT', purchaseAmount: 100_000 }]);
    const activity = await createActivity(h, { name: 'Score PT', processType: 'Scoring', criteria: [{ attr: 'country', op: 'eq', value: 'PT' }] });
    expect(activity.ruleSetId).toBeNull();
    const [run] = await finishedRuns(h, activity.id);
    expect(run).toMatchObject({ status: 'Completed', ruleSet: { ruleSetId: setId, version: 1, name: 'Active scoring' }, counts: { changed: 1 } });
    expect((await leadValues(h, ids)).get(ids[0]!)!.score).toBe(90);
    const detail = await h.api('get', `/processing-runs/${run.id}`, undefined, { role: 'manager' });
    expect(detail.body.definition).toMatchObject({ activityId: activity.id, revision: 1, processType: 'Scoring', criteria: [{ attr: 'country', op: 'eq', value: 'PT' }], ruleSet: { ruleSetId: setId } });
  });
});
