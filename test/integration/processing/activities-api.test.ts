// Processing activity definitions through the API: validation naming each bad field (nothing
// saved), roles, listing with cursors, PUT with revisions (the Schedule follows), rule sets in use
// cannot be archived, 404s. Schedules start far in the future: no run happens here.
import { processingScheduleId } from '../../../workflows/messages.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { createActivity } from '../../support/processing.js';
import { createRuleSet, seeds } from '../../support/rule-fixtures.js';

let h: Harness;
let scoringSet: string;
let qualificationSet: string;
beforeAll(async () => {
  h = await startHarness();
  scoringSet = await createRuleSet(h, { name: 'Score', type: 'scoring', rules: [{ name: 'big', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 50 } }] });
  qualificationSet = await createRuleSet(h, seeds.visionQualification);
});
afterAll(async () => { await h?.close(); });

const later = { mode: 'Repeats', frequency: 'Weeks', every: 1, startAt: '2031-03-02T08:00:00Z' };
const valid = (extra: Record<string, unknown> = {}) => ({ name: 'Weekly rescoring', processType: 'Scoring', ruleSetId: scoringSet, schedule: later, ...extra });
const count = async () => (await h.sql('select count(*)::int as n from processing_activity'))[0].n;
const fields = (res: { body: { errors?: { field: string; code: string }[] } }) => (res.body.errors ?? []).map((e) => [e.field, e.code]);

describe('validation', () => {
  it('422 names every bad field at once (criteria, rule set, schedule) and saves nothing', async () => {
    const before = await count();
    const res = await h.api('post', '/processing-activities', valid({
      processType: 'Ranking',
      ruleSetId: scoringSet,
      criteria: [
        { attr: 'status', op: 'eq', value: 'Qualified' },
        { attr: 'favouriteColour', op: 'eq', value: 'green' },
        { attr: 'purchaseAmount', op: 'contains', value: '5' },
        { attr: 'rank', op: 'in', value: [] },
        { attr: 'leadAgeDays', op: 'Greater than or equal to', value: 'thirty' },
        { attr: 'unassigned', op: 'gt', value: 'yes' },
      ],
      schedule: { mode: 'Repeats', frequency: 'Months', startAt: '2031-03-02T08:00:00Z', endAt: '2031-01-01T00:00:00Z' },
    }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('invalid_processing_activity');
    expect(fields(res)).toEqual(expect.arrayContaining([
      ['body.criteria.1.attr', 'unknown_attribute'],
      ['body.criteria.2.op', 'operator_not_allowed'],
      ['body.criteria.3.value', 'invalid_value'],
      ['body.criteria.4.value', 'invalid_value'],
      ['body.criteria.5.op', 'operator_not_allowed'],
      ['body.criteria.5.value', 'invalid_value'],
      ['body.ruleSetId', 'wrong_rule_set_type'],
      ['body.schedule.endAt', 'before_start'],
    ]));
    expect(fields(res).map(([f]) => f)).not.toContain('body.criteria.0.op');
    expect(res.body.detail).toContain('body.criteria.1.attr');
    expect(await count()).toBe(before);
  });

  // Bodies are built lazily: the rule sets exist only after beforeAll.
  it.each([
    ['an unknown rule set', () => valid({ ruleSetId: '00000000-0000-4000-8000-000000000000' }), 'body.ruleSetId', 'unknown_rule_set'],
    ['a version that does not exist', () => valid({ ruleSetVersion: 7 }), 'body.ruleSetVersion', 'unknown_version'],
    ['a rule set for Assignment', () => valid({ processType: 'Assignment' }), 'body.ruleSetId', 'not_applicable'],
    ['a rule set for Realign', () => valid({ processType: 'Realign with territories' }), 'body.ruleSetId', 'not_applicable'],
    ['no rule set and none active', () => valid({ processType: 'Qualification', ruleSetId: null }), 'body.ruleSetId', 'no_active_rule_set'],
    ['a past schedule date', () => valid({ schedule: { mode: 'Schedule date', runAt: '2020-01-01T00:00:00Z' } }), 'body.schedule.runAt', 'in_past'],
    ['a date Temporal calendars cannot hold', () => valid({ schedule: { mode: 'Repeats', frequency: 'Years', startAt: '2150-01-01T00:00:00Z' } }), 'body.schedule.startAt', 'out_of_range'],
  ])('422 for %s', async (_label, body, field, code) => {
    const res = await h.api('post', '/processing-activities', body());
    expect(res.status).toBe(422);
    expect(fields(res)).toContainEqual([field, code]);
  });

  it.each([
    ['a missing name', { processType: 'Scoring' }, 'body.name'],
    ['an unknown process type', valid({ processType: 'Cooking' }), 'body.processType'],
    ['an unknown operator', valid({ criteria: [{ attr: 'score', op: 'roughly', value: 3 }] }), 'body.criteria.0.op'],
    ['an unknown schedule mode', valid({ schedule: { mode: 'Hourly' } }), 'body.schedule.mode'],
    ['an unknown frequency', valid({ schedule: { ...later, frequency: 'Fortnights' } }), 'body.schedule.frequency'],
    ['a page size too large', valid({ pageSize: 100_000 }), 'body.pageSize'],
    ['an unknown field', valid({ colour: 'blue' }), 'body.colour'],
  ])('400 for %s', async (_label, body, field) => {
    const res = await h.api('post', '/processing-activities', body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('accepts the seed operator names and stores the canonical operators', async () => {
    const a = await createActivity(h, valid({ criteria: [
      { attr: 'score', op: 'Less than', value: 50 }, { attr: 'score', op: 'Less than or equal to', value: 49 }, { attr: 'leadAgeDays', op: 'Greater than or equal to', value: 30 },
      { attr: 'rank', op: 'in', value: ['A', 'B'] }, { attr: 'purchaseAmount', op: 'between', value: [1, 10] }, { attr: 'status', op: 'Equal to', value: 'Qualified' },
      { attr: 'unassigned', op: 'eq', value: true }, { attr: 'ownerId', op: 'is_empty' }, { attr: 'assignmentStatus', op: 'eq', value: 'Hopper' },
    ] }));
    expect(a.criteria.map((c: { op: string }) => c.op)).toEqual(['lt', 'lte', 'gte', 'in', 'between', 'eq', 'eq', 'is_empty', 'eq']);
  });
});

describe('retries', () => {
  it('a create retried with the same Idempotency-Key makes one activity (and one schedule)', async () => {
    const before = await count();
    const headers = { 'idempotency-key': `create-${Date.now()}` };
    const first = await h.api('post', '/processing-activities', valid({ name: 'Retried' }), { headers });
    const again = await h.api('post', '/processing-activities', valid({ name: 'Retried' }), { headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await count()).toBe(before + 1);
  });
});

describe('roles', () => {
  it('admin writes; admin, manager and ops read; reps and integrations do not', async () => {
    const a = await createActivity(h, valid());
    for (const role of ['manager', 'ops'] as const) {
      expect((await h.api('get', `/processing-activities/${a.id}`, undefined, { role })).status).toBe(200);
      expect((await h.api('get', '/processing-activities', undefined, { role })).status).toBe(200);
      expect((await h.api('post', '/processing-activities', valid(), { role })).status).toBe(403);
      expect((await h.api('post', `/processing-activities/${a.id}/pause`, undefined, { role })).status).toBe(403);
      expect((await h.api('delete', `/processing-activities/${a.id}`, undefined, { role })).status).toBe(403);
    }
    for (const role of ['rep', 'integration'] as const) expect((await h.api('get', `/processing-activities/${a.id}`, undefined, { role })).status).toBe(403);
    expect((await h.api('get', '/processing-activities', undefined, { token: null })).status).toBe(401);
  });
});

describe('reading', () => {
  it('lists newest first with cursors and filters by process type', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await createActivity(h, valid({ name: `Listed ${i}`, processType: i % 2 ? 'Qualification' : 'Scoring', ruleSetId: i % 2 ? qualificationSet : scoringSet }))).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await h.api('get', `/processing-activities?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => made.includes(id))).toEqual([...made].reverse());
    const q = await h.api('get', '/processing-activities?processType=Qualification&limit=200');
    expect(q.body.items.every((a: { processType: string }) => a.processType === 'Qualification')).toBe(true);
    expect(q.body.items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([made[1], made[3]]));
    expect((await h.api('get', '/processing-activities?cursor=bogus')).status).toBe(400);
  });

  it('describes the activity with its live Temporal Schedule', async () => {
    const a = await createActivity(h, valid({ description: 'every Monday', diagnostic: true, pageSize: 200 }));
    const res = await h.api('get', `/processing-activities/${a.id}`, undefined, { role: 'ops' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      id: a.id, name: 'Weekly rescoring', description: 'every Monday', processType: 'Scoring', ruleSetId: scoringSet, ruleSetVersion: null, diagnostic: true,
      pageSize: 200, paused: false, progressStatus: 'Scheduled', revision: 1, scheduleId: processingScheduleId(a.id), lastRun: null, createdBy: 'user:test-admin',
      schedule: { mode: 'Repeats', frequency: 'Weeks', every: 1, startAt: '2031-03-02T08:00:00.000Z', endAt: null, runAt: null, catchupWindowMinutes: 60 },
      temporalSchedule: { scheduleId: processingScheduleId(a.id), paused: false, numActionsTaken: 0, nextActionTimes: expect.arrayContaining(['2031-03-02T08:00:00.000Z', '2031-03-09T08:00:00.000Z']) },
    });
  });

  it('404 for unknown activities and runs', async () => {
    const id = '00000000-0000-4000-8000-00000000abcd';
    for (const path of [`/processing-activities/${id}`, `/processing-activities/${id}/runs`, `/processing-runs/${id}`, `/processing-runs/${id}/log`]) {
      expect((await h.api('get', path)).status).toBe(404);
    }
    expect((await h.api('put', `/processing-activities/${id}`, valid())).status).toBe(404);
    expect((await h.api('post', `/processing-activities/${id}/run`)).status).toBe(404);
  });
});

describe('PUT', () => {
  it('replaces the definition and the Schedule follows; a stale revision is 409', async () => {
    const a = await createActivity(h, valid());
    const res = await h.api('put', `/processing-activities/${a.id}`, valid({ name: 'Once', schedule: { mode: 'Schedule date', runAt: '2032-05-01T10:00:00Z' } }), { headers: { 'if-match': '"1"' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ name: 'Once', revision: 2, schedule: { mode: 'Schedule date', runAt: '2032-05-01T10:00:00.000Z', frequency: null } });
    const d = await h.temporal.schedule.getHandle(processingScheduleId(a.id)).describe();
    expect(d.info.nextActionTimes.map((t) => t.toISOString())).toEqual(['2032-05-01T10:00:00.000Z']);
    expect(d.state.remainingActions).toBe(1);
    expect(d.spec.intervals ?? []).toEqual([]);

    const stale = await h.api('put', `/processing-activities/${a.id}?expectedRevision=1`, valid());
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');

    // To Immediate: the Schedule is removed.
    const now = await h.api('put', `/processing-activities/${a.id}`, valid({ schedule: { mode: 'Immediate' } }));
    expect(now.body).toMatchObject({ revision: 3, scheduleId: null });
    await expect(h.temporal.schedule.getHandle(processingScheduleId(a.id)).describe()).rejects.toThrow();
  });

  it('an invalid change is 422 and changes neither the row nor the Schedule', async () => {
    const a = await createActivity(h, valid());
    const res = await h.api('put', `/processing-activities/${a.id}`, valid({ criteria: [{ attr: 'nope', op: 'eq', value: 1 }], schedule: { ...later, frequency: 'Days' } }));
    expect(res.status).toBe(422);
    expect((await h.api('get', `/processing-activities/${a.id}`)).body).toMatchObject({ revision: 1, criteria: [], schedule: { frequency: 'Weeks' } });
    expect((await h.temporal.schedule.getHandle(processingScheduleId(a.id)).describe()).spec.intervals?.[0]?.every).toBe(7 * 86_400_000);
  });
});

describe('rule sets in use', () => {
  it('cannot be archived while an activity names them', async () => {
    const setId = await createRuleSet(h, { name: 'In use', type: 'scoring', rules: [{ name: 'r', when: { attr: 'phone', op: 'is_not_empty' }, then: { points: 1 } }] });
    const a = await createActivity(h, valid({ ruleSetId: setId }));
    const res = await h.api('delete', `/rule-sets/${setId}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'rule_set_referenced', references: [{ kind: 'processing_activity', id: a.id }] });
    expect((await h.api('delete', `/processing-activities/${a.id}`)).status).toBe(204);
    expect((await h.api('delete', `/rule-sets/${setId}`)).status).toBe(204);
  });
});
