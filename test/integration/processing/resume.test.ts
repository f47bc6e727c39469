// A worker killed mid-run: the run resumes after the last committed page and no page is processed
// twice (one audit event per lead, pages contiguous in lead id order, those before the crash
// committed by the first worker and the rest by the restarted one); an edit made meanwhile applies
// to the next run only. 3,000 leads stored by SQL, pages of 50; the run workflow is started with
// small pages-per-call and calls-before-continue-as-new so it also continues as new several times.
import { PROCESSING_RUN_WORKFLOW_TYPE, processingRunWorkflowPrefix, type ProcessingRunInput } from '../../../workflows/messages.js';
import { ProcessingActivityIdKey } from '../../../workflows/search-attributes.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { createActivity, eventually, finishedRuns, insertLeads, runLog } from '../../support/processing.js';
import { createRuleSet } from '../../support/rule-fixtures.js';

let h: Harness;
// Shut down at once: the page in flight is abandoned at its next checkpoint (its transaction rolls back).
beforeAll(async () => { h = await startHarness({ workerTuning: { shutdownGraceTime: '1 ms' } }); });
afterAll(async () => { await h?.close(); });

const LEADS = 3000;
const PAGE = 50;

it('resumes from the last committed page after the worker is killed, never redoing one; an edit affects the next run only', async () => {
  const setId = await createRuleSet(h, { name: 'Score', type: 'scoring', rules: [{ name: 'big', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 50 } }] });
  const ids = await insertLeads(h, Array.from({ length: LEADS }, () => ({ country: 'IS' })));
  const otherIds = await insertLeads(h, Array.from({ length: 20 }, () => ({ country: 'GL' })));
  const definition = (criteria: unknown[], diagnostic = false) => ({
    name: 'Rescore Iceland', processType: 'Scoring', ruleSetId: setId, pageSize: PAGE, diagnostic, criteria,
    schedule: { mode: 'Repeats', frequency: 'Years', startAt: '2031-01-01T00:00:00Z' },
  });
  const a = await createActivity(h, definition([{ attr: 'country', op: 'eq', value: 'IS' }]));

  const args: [ProcessingRunInput] = [{ activityId: a.id, trigger: 'api', pagesPerCall: 3, callsBeforeContinueAsNew: 4 }];
  const handle = await h.temporal.workflow.start(PROCESSING_RUN_WORKFLOW_TYPE, {
    workflowId: `${processingRunWorkflowPrefix(a.id)}-resume-test`, taskQueue: h.taskQueue, args, typedSearchAttributes: [{ key: ProcessingActivityIdKey, value: a.id }],
  });

  const run = async () => (await h.sql('select id, status, pages from processing_run where activity_id = $1', [a.id]))[0];
  await eventually('a few committed pages', async () => ((await run())?.pages >= 5 ? true : undefined), 60_000, 20);
  await h.stopWorker();
  const atCrash = await run();
  expect(atCrash.status).toBe('In progress');
  expect(atCrash.pages).toBeLessThan(LEADS / PAGE);

  // Meanwhile: a second run is refused, and the definition changes (other leads, diagnostic).
  expect((await h.api('get', `/processing-activities/${a.id}`)).body).toMatchObject({ progressStatus: 'In progress', lastRun: { id: atCrash.id, status: 'In progress' } });
  const again = await h.api('post', `/processing-activities/${a.id}/run`);
  expect(again.status).toBe(409);
  expect(again.body).toMatchObject({ code: 'run_in_progress', runId: atCrash.id });
  const edited = await h.api('put', `/processing-activities/${a.id}`, definition([{ attr: 'country', op: 'eq', value: 'GL' }], true));
  expect(edited.body.revision).toBe(2);

  await h.startWorker();
  const [done] = await finishedRuns(h, a.id, 1, 120_000);
  expect(done).toMatchObject({ id: atCrash.id, status: 'Completed', pages: LEADS / PAGE, counts: { estimated: LEADS, selected: LEADS, processed: LEADS, changed: LEADS, failed: 0 } });
  expect(handle.firstExecutionRunId).not.toBe((await handle.describe()).runId); // continued as new

  // Every lead exactly once: one audit event each, scored once.
  const events = await h.sql("select lead_id, count(*)::int as n from audit_event where action = 'processed' and event_key like $1 group by lead_id", [`processing/${done.id}/%`]);
  expect(events).toHaveLength(LEADS);
  expect(events.every((e: any) => e.n === 1)).toBe(true);
  expect(new Set(events.map((e: any) => e.lead_id))).toEqual(new Set(ids));

  // The page log: pages 1..60 in lead id order without gaps or overlaps; before the crash the first worker, after it the restarted one.
  const pages = await h.sql('select page_no, first_lead_id, last_lead_id, selected, processed_by from processing_run_page where run_id = $1 order by page_no', [done.id]);
  expect(pages.map((p: any) => p.page_no)).toEqual(Array.from({ length: LEADS / PAGE }, (_, i) => i + 1));
  const sorted = [...ids].sort();
  pages.forEach((p: any, i: number) => {
    expect(p.selected).toBe(PAGE);
    expect([p.first_lead_id, p.last_lead_id]).toEqual([sorted[i * PAGE], sorted[i * PAGE + PAGE - 1]]);
  });
  const instance = (p: any) => String(p.processed_by).split('/')[0];
  const before = pages.filter((p: any) => p.page_no <= atCrash.pages);
  const after = pages.filter((p: any) => p.page_no > atCrash.pages);
  expect(new Set(before.map(instance)).size).toBe(1);
  expect(new Set(after.map(instance)).size).toBe(1);
  expect(instance(after[0])).not.toBe(instance(before[0]));

  // The run kept the definition it started with; the next run uses the edit.
  const detail = await h.api('get', `/processing-runs/${done.id}`);
  expect(detail.body.definition).toMatchObject({ revision: 1, diagnostic: false, criteria: [{ attr: 'country', op: 'eq', value: 'IS' }] });
  expect(await h.sql("select count(*)::int as n from lead where country = 'GL' and score is not null")).toEqual([{ n: 0 }]);
  expect((await h.api('post', `/processing-activities/${a.id}/run`)).status).toBe(202);
  const [next] = await finishedRuns(h, a.id, 2, 60_000);
  expect(next.id).not.toBe(done.id);
  expect(next.counts).toMatchObject({ selected: otherIds.length, changed: otherIds.length });
  expect((await runLog(h, next.id)).map((e) => e.leadId).sort()).toEqual([...otherIds].sort());
});

it('deleting an activity cancels its run in progress, which ends Completed with error (never stuck)', async () => {
  const setId = await createRuleSet(h, { name: 'Score 2', type: 'scoring', rules: [{ name: 'big', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 50 } }] });
  await insertLeads(h, Array.from({ length: 600 }, () => ({ country: 'FO' })));
  const a = await createActivity(h, { name: 'Rescore Faroe', processType: 'Scoring', ruleSetId: setId, pageSize: 10, criteria: [{ attr: 'country', op: 'eq', value: 'FO' }] });
  const run = async () => (await h.sql('select id, status, pages, error from processing_run where activity_id = $1', [a.id]))[0];
  await eventually('a committed page', async () => ((await run())?.pages >= 1 ? true : undefined), 60_000, 20);
  await h.stopWorker(); // the run cannot finish before the delete
  expect((await run()).status).toBe('In progress');
  expect((await h.api('delete', `/processing-activities/${a.id}`)).status).toBe(204);
  await h.startWorker();
  const ended = await eventually('the run to end', async () => {
    const r = await run();
    return r.status !== 'In progress' ? r : undefined;
  }, 60_000);
  expect(ended).toMatchObject({ status: 'Completed with error', error: 'cancelled' });
  expect(ended.pages).toBeLessThan(60);
  expect((await h.api('get', `/processing-runs/${ended.id}`)).body).toMatchObject({ status: 'Completed with error', error: 'cancelled' });
});
