// Processing runs on the dev server through the API: each process type changes exactly the
// selected leads (and only its own fields), audit events per changed lead, the diagnostic output
// log, a failing lead. Leads are stored by direct SQL (test/support/processing.ts): these tests
// assert Postgres effects, not lifecycle reactions (see lifecycle.test.ts for those).
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
      before: { score: null, ruleVersions: {} }, after: { score: 90, ruleVersions: { scoring: { ruleSetId: setId, version: 1 } } },
      detail: { runId: run.id, processingActivityId: activity.id, processType: 'Scoring' },
      trace: { matchedRules: { scoring: ['big deal', 'approved'] }, runId: run.id },
    });
    // Not diagnostic: nothing logged (no failures).
    expect(await runLog(h, run.id)).toEqual([]);
  });
});
