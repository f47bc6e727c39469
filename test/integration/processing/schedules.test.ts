// Schedule modes on the Temporal dev server (the time-skipping server has no Schedules), through
// the API: Schedule date runs once at its date; Repeats runs at its start and again on its interval
// (the following days are taken through a Schedule backfill: Temporal runs the actions of that
// period as if it had passed); Weeks / Months / Years map to the action times Temporal computes;
// pause stops it, resume and run now; delete removes the Schedule. Leads stored by SQL.
import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { processingScheduleId } from '../../../workflows/messages.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { createActivity, eventually, finishedRuns, insertLeads, runs } from '../../support/processing.js';
import { createRuleSet } from '../../support/rule-fixtures.js';

let h: Harness;
let setId: string;
const DAY = 86_400_000;
beforeAll(async () => {
  h = await startHarness();
  setId = await createRuleSet(h, { name: 'Score', type: 'scoring', rules: [{ name: 'big', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 50 } }] });
  await insertLeads(h, [{ country: 'SE' }, { country: 'SE', purchaseAmount: 10 }]);
});
afterAll(async () => { await h?.close(); });

/** A whole second at least `ms` from now (calendar specs fire on whole seconds). */
const secondsFromNow = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 1000) * 1000);
const base = { processType: 'Scoring', ruleSetId: () => setId, criteria: [{ attr: 'country', op: 'eq', value: 'SE' }] };
const body = (name: string, schedule: Record<string, unknown>) => ({ name, processType: base.processType, ruleSetId: base.ruleSetId(), criteria: base.criteria, schedule });
const schedule = (id: string) => h.temporal.schedule.getHandle(processingScheduleId(id));
const get = async (id: string) => (await h.api('get', `/processing-activities/${id}`)).body;

describe('Schedule date', () => {
  it('is a one-shot Temporal Schedule: one run at that date, Scheduled before, Completed after', async () => {
    const runAt = secondsFromNow(4000);
    const a = await createActivity(h, body('Once', { mode: 'Schedule date', runAt: runAt.toISOString(), catchupWindowMinutes: 30 }));
    expect(a).toMatchObject({ scheduleId: `processing-${a.id}`, progressStatus: 'Scheduled', schedule: { mode: 'Schedule date', runAt: runAt.toISOString(), catchupWindowMinutes: 30 }, startedWorkflowId: null });
    const d = await schedule(a.id).describe();
    expect(d.state).toMatchObject({ paused: false, remainingActions: 1 });
    expect(d.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 30 * 60_000 });
    expect(d.info.nextActionTimes.map((t) => t.toISOString())).toEqual([runAt.toISOString()]);
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'processingRunWorkflow', workflowId: `processing-run-${a.id}`, taskQueue: h.taskQueue });
    expect(d.typedSearchAttributes.get({ name: 'ProcessingActivityId', type: 'KEYWORD' } as never)).toBe(a.id);

    const [run] = await finishedRuns(h, a.id, 1, 60_000);
    expect(run).toMatchObject({ status: 'Completed', trigger: 'schedule', counts: { selected: 2, changed: 2 } });
    expect(run.workflowId).toBe(`processing-run-${a.id}-${runAt.toISOString().replace('.000Z', 'Z')}`);
    expect(Date.parse(run.startedAt)).toBeGreaterThanOrEqual(runAt.getTime());
    const after = await get(a.id);
    expect(after).toMatchObject({ progressStatus: 'Completed', temporalSchedule: { remainingActions: 0, numActionsTaken: 1, nextActionTimes: [] } });
    // Ops can find the run in the Temporal UI by the search attribute.
    const found = await eventually('the run in visibility', async () => {
      const ids: string[] = [];
      for await (const w of h.temporal.workflow.list({ query: `ProcessingActivityId = "${a.id}"` })) ids.push(w.workflowId);
      return ids.length > 0 ? ids : undefined;
    }, 20_000);
    expect(found).toEqual([run.workflowId]);
  });
});

describe('Repeats', () => {
  it('every N days: an interval aligned on the start; runs at the start and again on its interval', async () => {
    const startAt = secondsFromNow(4000);
    const endAt = new Date(startAt.getTime() + 10 * DAY);
    const a = await createActivity(h, body('Daily', { mode: 'Repeats', frequency: 'Days', every: 2, startAt: startAt.toISOString(), endAt: endAt.toISOString() }));
    const d = await schedule(a.id).describe();
    expect(d.spec.intervals).toEqual([{ every: 2 * DAY, offset: startAt.getTime() % (2 * DAY) }]);
    expect(d.spec.startAt?.toISOString()).toBe(startAt.toISOString());
    expect(d.spec.endAt?.toISOString()).toBe(endAt.toISOString());
    expect(d.info.nextActionTimes.slice(0, 3).map((t) => t.getTime())).toEqual([0, 2, 4].map((n) => startAt.getTime() + n * DAY));

    const [first] = await finishedRuns(h, a.id, 1, 60_000);
    expect(first.trigger).toBe('schedule');
    // The next two intervals, taken now through a backfill of the Schedule (in order, not overlapping).
    await schedule(a.id).backfill({ start: new Date(startAt.getTime() + 1000), end: new Date(startAt.getTime() + 4 * DAY + 1000), overlap: ScheduleOverlapPolicy.BUFFER_ALL });
    const all = await finishedRuns(h, a.id, 3, 60_000);
    const stamp = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
    expect(all.map((r) => r.workflowId).sort()).toEqual([0, 2, 4].map((n) => `processing-run-${a.id}-${stamp(startAt.getTime() + n * DAY)}`).sort());
    expect(all.every((r) => r.status === 'Completed')).toBe(true);
    expect((await get(a.id)).progressStatus).toBe('Scheduled'); // more runs to come
  });

  it.each([
    ['Weeks', 3, ['2031-01-06T09:30:00Z', '2031-01-27T09:30:00Z', '2031-02-17T09:30:00Z', '2031-03-10T09:30:00Z']],
    ['Months', 5, ['2031-01-06T09:30:00Z', '2031-06-06T09:30:00Z', '2031-11-06T09:30:00Z', '2032-04-06T09:30:00Z', '2032-09-06T09:30:00Z', '2033-02-06T09:30:00Z']],
    ['Months', 1, ['2031-01-06T09:30:00Z', '2031-02-06T09:30:00Z', '2031-03-06T09:30:00Z']],
    ['Years', 2, ['2031-01-06T09:30:00Z', '2033-01-06T09:30:00Z', '2035-01-06T09:30:00Z']],
  ] as const)('every %s (%i): the action times Temporal computes', async (frequency, every, expected) => {
    const a = await createActivity(h, body(`Every ${every} ${frequency}`, { mode: 'Repeats', frequency, every, startAt: '2031-01-06T09:30:00Z' }));
    const d = await schedule(a.id).describe();
    expect(d.info.nextActionTimes.slice(0, expected.length).map((t) => t.toISOString().replace('.000Z', 'Z'))).toEqual(expected);
    expect(d.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
  });

  it('stops at endAt', async () => {
    const a = await createActivity(h, body('Two months', { mode: 'Repeats', frequency: 'Months', every: 1, startAt: '2031-01-31T00:00:00Z', endAt: '2031-05-01T00:00:00Z' }));
    const d = await schedule(a.id).describe();
    // February and April have no 31st: those months are skipped.
    expect(d.info.nextActionTimes.map((t) => t.toISOString())).toEqual(['2031-01-31T00:00:00.000Z', '2031-03-31T00:00:00.000Z']);
  });
});

describe('pause, resume, run now, delete', () => {
  it('pause stops the schedule; resume restarts it; run now triggers through the Schedule; delete removes it', async () => {
    const startAt = secondsFromNow(3000);
    const a = await createActivity(h, body('Paused', { mode: 'Repeats', frequency: 'Days', startAt: startAt.toISOString() }));
    const paused = await h.api('post', `/processing-activities/${a.id}/pause`);
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({ paused: true, progressStatus: 'New' });
    expect((await schedule(a.id).describe()).state.paused).toBe(true);
    // Its start passes while paused: no run.
    await new Promise((r) => setTimeout(r, startAt.getTime() - Date.now() + 3000));
    expect(await runs(h, a.id)).toEqual([]);
    expect((await schedule(a.id).describe()).info.numActionsTaken).toBe(0);

    const resumed = await h.api('post', `/processing-activities/${a.id}/resume`);
    expect(resumed.body).toMatchObject({ paused: false, progressStatus: 'Scheduled' });
    const d = await schedule(a.id).describe();
    expect(d.state.paused).toBe(false);
    expect(d.info.nextActionTimes[0]!.getTime()).toBe(startAt.getTime() + DAY);

    const triggered = await h.api('post', `/processing-activities/${a.id}/run`);
    expect(triggered.status).toBe(202);
    expect(triggered.body).toEqual({ activityId: a.id, via: 'schedule', workflowId: null });
    const [run] = await finishedRuns(h, a.id, 1, 60_000);
    expect(run).toMatchObject({ trigger: 'schedule', status: 'Completed' });

    const deleted = await h.api('delete', `/processing-activities/${a.id}`);
    expect(deleted.status).toBe(204);
    await expect(schedule(a.id).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await h.api('get', `/processing-activities/${a.id}`)).status).toBe(404);
    expect((await h.api('get', `/processing-runs/${run.id}`)).status).toBe(200); // history stays
  });

  it('Immediate activities have no schedule to pause', async () => {
    const a = await createActivity(h, body('Now', { mode: 'Immediate' }));
    await finishedRuns(h, a.id);
    expect(a.scheduleId).toBeNull();
    await expect(schedule(a.id).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    const res = await h.api('post', `/processing-activities/${a.id}/pause`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('not_scheduled');
  });
});
