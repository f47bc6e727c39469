// Processing schedules -> Temporal Schedule specs (pure): the one-shot, intervals aligned on the
// start, and month / year calendars that fire exactly every N months / years.
import fc from 'fast-check';
import { MONTHS, ScheduleOverlapPolicy, type CalendarSpec, type Range } from '@temporalio/client';
import { monthlyCalendars, scheduleOptionsOf, scheduleSpecOf, yearlyCalendar, type ScheduleFields } from '../../../api/services/processing/schedule-spec.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-01T00:00:00Z');
const fields = (over: Partial<ScheduleFields>): ScheduleFields => ({
  id: 'a1', name: 'Nightly', scheduleMode: 'Repeats', runAt: null, frequency: 'Days', every: 1, startAt: new Date('2026-03-02T08:30:15Z'), endAt: null,
  catchupWindowSeconds: 3600, paused: false, ...over,
});

const values = <T>(r: CalendarSpec['year'] | CalendarSpec['month']): T[] => {
  const list = (Array.isArray(r) ? r : [r]) as (T | Range<T>)[];
  return list.flatMap((x) => (typeof x === 'object' && x !== null && 'start' in x ? [x as Range<T>] : [{ start: x as T, end: x as T, step: 1 }]))
    .flatMap((x) => {
      if (typeof x.start === 'string') return [x.start];
      const out: T[] = [];
      for (let v = x.start as number; v <= ((x.end ?? x.start) as number); v += x.step || 1) out.push(v as T);
      return out;
    });
};
/** (year, month index) pairs a set of calendars matches up to `lastYear`. */
function monthsMatched(calendars: CalendarSpec[], lastYear: number): number[] {
  const out: number[] = [];
  for (const c of calendars) {
    for (const y of values<number>(c.year)) {
      if (y > lastYear) continue;
      for (const m of values<string>(c.month)) out.push(y * 12 + MONTHS.indexOf(m as (typeof MONTHS)[number]));
    }
  }
  return out.sort((a, b) => a - b);
}

describe('Schedule date', () => {
  it('is a calendar spec at that instant with one remaining action, none once it passed', () => {
    const at = new Date('2026-07-04T17:45:30Z');
    const s = scheduleSpecOf(fields({ scheduleMode: 'Schedule date', runAt: at }), NOW)!;
    expect(s.spec.calendars).toEqual([{ year: 2026, month: 'JULY', dayOfMonth: 4, hour: 17, minute: 45, second: 30, comment: 'once at 2026-07-04T17:45:30.000Z' }]);
    expect(s.remainingActions).toBe(1);
    expect(scheduleSpecOf(fields({ scheduleMode: 'Schedule date', runAt: at }), new Date('2026-08-01T00:00:00Z'))!.remainingActions).toBe(0);
  });
});

describe('Repeats', () => {
  it('every N days / weeks: an interval whose epoch-based matches include the start', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 400 }), fc.boolean(), fc.date({ min: new Date('2001-01-01'), max: new Date('2099-01-01'), noInvalidDate: true }), (every, weeks, start) => {
      const startAt = new Date(Math.floor(start.getTime() / 1000) * 1000);
      const s = scheduleSpecOf(fields({ frequency: weeks ? 'Weeks' : 'Days', every, startAt }), NOW)!;
      const [interval] = s.spec.intervals as { every: number; offset: number }[];
      expect(interval!.every).toBe(every * (weeks ? 7 : 1) * DAY);
      expect(interval!.offset).toBeLessThan(interval!.every);
      expect((startAt.getTime() - interval!.offset) % interval!.every).toBe(0);
      expect(s.spec.startAt).toEqual(startAt);
    }));
  });

  it('every N months: exactly the months start + k * N (any N, any start month)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 2001, max: 2060 }), fc.integer({ min: 0, max: 11 }), (every, year, month) => {
      const start = new Date(Date.UTC(year, month, 15, 9, 30));
      const calendars = monthlyCalendars(start, every, null);
      expect(calendars.length).toBeLessThanOrEqual(12);
      for (const c of calendars) expect(c).toMatchObject({ dayOfMonth: 15, hour: 9, minute: 30, second: 0 });
      const lastYear = year + 25;
      const expected: number[] = [];
      for (let m = year * 12 + month; m < (lastYear + 1) * 12; m += every) expected.push(m);
      expect(monthsMatched(calendars, lastYear)).toEqual(expected);
    }));
  });

  it('every N years: the start day each N years, up to the end year', () => {
    const c = yearlyCalendar(new Date('2027-02-28T06:00:00Z'), 3, new Date('2040-01-01T00:00:00Z'));
    expect(c).toMatchObject({ month: 'FEBRUARY', dayOfMonth: 28, hour: 6, year: { start: 2027, end: 2040, step: 3 } });
    expect(monthsMatched([c], 2040).map((m) => Math.floor(m / 12))).toEqual([2027, 2030, 2033, 2036, 2039]);
  });

  it('keeps start and end as the schedule bounds', () => {
    const endAt = new Date('2027-01-01T00:00:00Z');
    const s = scheduleSpecOf(fields({ frequency: 'Months', every: 2, endAt }), NOW)!;
    expect(s.spec).toMatchObject({ startAt: new Date('2026-03-02T08:30:15Z'), endAt, jitter: 0 });
    expect(s.remainingActions).toBeUndefined();
  });
});

describe('the Schedule', () => {
  it('starts the run workflow with an explicit id prefix and search attribute, skips overlaps, has an explicit catch-up window', () => {
    const o = scheduleOptionsOf(fields({ paused: true, catchupWindowSeconds: 900 }), 'leadflow', NOW)!;
    expect(o.scheduleId).toBe('processing-a1');
    expect(o.action).toMatchObject({ type: 'startWorkflow', workflowType: 'processingRunWorkflow', workflowId: 'processing-run-a1', taskQueue: 'leadflow', args: [{ activityId: 'a1', trigger: 'schedule' }] });
    expect(o.action.typedSearchAttributes).toEqual([{ key: expect.objectContaining({ name: 'ProcessingActivityId' }), value: 'a1' }]);
    expect(o.policies).toEqual({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 900_000, pauseOnFailure: false });
    expect(o.state).toMatchObject({ paused: true });
  });

  it('Immediate has none', () => {
    expect(scheduleSpecOf(fields({ scheduleMode: 'Immediate' }), NOW)).toBeNull();
    expect(scheduleOptionsOf(fields({ scheduleMode: 'Immediate' }), 'q', NOW)).toBeNull();
  });
});
