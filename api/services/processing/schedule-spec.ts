// How a processing activity's schedule maps to a Temporal Schedule (pure):
// - Schedule date: a calendar spec at that instant (UTC, to the second) and one remaining action.
// - Repeats every N Days / Weeks: an interval of N days / 7N days whose offset puts a match on
//   startAt (intervals count from the epoch), bounded by startAt / endAt.
// - Repeats every N Months / Years: calendar specs at startAt's day and time of day (UTC); N months
//   that do not divide 12 become one calendar per month of the lcm(N, 12)-month cycle (at most 12).
//   A month without that day (e.g. the 31st) is skipped, as Temporal calendars do.
// Every schedule skips a run while the previous one is still going (overlap SKIP) and has an
// explicit catch-up window. Immediate has no schedule.
import { MONTHS, ScheduleOverlapPolicy, type CalendarSpec, type ScheduleOptions, type ScheduleSpec } from '@temporalio/client';
import { PROCESSING_RUN_WORKFLOW_TYPE, processingRunWorkflowPrefix, processingScheduleId, type ProcessingRunInput } from '../../../workflows/messages.js';
import { ProcessingActivityIdKey } from '../../../workflows/search-attributes.js';

export type Frequency = 'Days' | 'Weeks' | 'Months' | 'Years';

export interface ScheduleFields {
  id: string;
  name: string;
  scheduleMode: string;
  runAt?: Date | null;
  frequency?: string | null;
  every?: number | null;
  startAt?: Date | null;
  endAt?: Date | null;
  catchupWindowSeconds: number;
  paused: boolean;
}

const DAY_MS = 86_400_000;
/** Temporal calendar specs accept years 2000-2100. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function timeOfDay(d: Date): Pick<CalendarSpec, 'hour' | 'minute' | 'second'> {
  return { hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

/** Calendars firing every `every` months from `start` (its day of month and time of day, UTC). */
export function monthlyCalendars(start: Date, every: number, end: Date | null): CalendarSpec[] {
  const cycleMonths = (every * 12) / gcd(every, 12); // lcm(every, 12)
  const cycleYears = cycleMonths / 12;
  const lastYear = end ? end.getUTCFullYear() : CALENDAR_YEARS.max;
  const first = start.getUTCFullYear() * 12 + start.getUTCMonth();
  const out: CalendarSpec[] = [];
  for (let m = first; m < first + cycleMonths; m += every) {
    const year = Math.floor(m / 12);
    out.push({
      ...timeOfDay(start),
      dayOfMonth: start.getUTCDate(),
      month: MONTHS[m % 12]!,
      year: { start: year, end: Math.max(year, lastYear), step: cycleYears },
      comment: `every ${every} month(s) from ${start.toISOString()}`,
    });
  }
  return out;
}

export function yearlyCalendar(start: Date, every: number, end: Date | null): CalendarSpec {
  const year = start.getUTCFullYear();
  return {
    ...timeOfDay(start),
    dayOfMonth: start.getUTCDate(),
    month: MONTHS[start.getUTCMonth()]!,
    year: { start: year, end: Math.max(year, end ? end.getUTCFullYear() : CALENDAR_YEARS.max), step: every },
    comment: `every ${every} year(s) from ${start.toISOString()}`,
  };
}

/** The Temporal spec of a scheduled mode, and how many actions remain (one-shot); null for Immediate. */
export function scheduleSpecOf(f: ScheduleFields, now: Date): { spec: ScheduleSpec; remainingActions?: number } | null {
  if (f.scheduleMode === 'Schedule date') {
    const at = f.runAt!;
    const calendar: CalendarSpec = {
      ...timeOfDay(at), dayOfMonth: at.getUTCDate(), month: MONTHS[at.getUTCMonth()]!, year: at.getUTCFullYear(), comment: `once at ${at.toISOString()}`,
    };
    // Once its time has passed, a one-shot schedule takes no more actions (a trigger still runs it).
    return { spec: { calendars: [calendar], jitter: 0 }, remainingActions: at.getTime() > now.getTime() ? 1 : 0 };
  }
  if (f.scheduleMode !== 'Repeats') return null;
  const start = f.startAt!;
  const every = f.every ?? 1;
  const bounds = { startAt: start, ...(f.endAt ? { endAt: f.endAt } : {}), jitter: 0 };
  switch (f.frequency as Frequency) {
    case 'Days':
    case 'Weeks': {
      const everyMs = every * (f.frequency === 'Weeks' ? 7 : 1) * DAY_MS;
      const offsetMs = Math.floor((start.getTime() % everyMs) / 1000) * 1000;
      return { spec: { intervals: [{ every: everyMs, offset: offsetMs }], ...bounds } };
    }
    case 'Months':
      return { spec: { calendars: monthlyCalendars(start, every, f.endAt ?? null), ...bounds } };
    case 'Years':
      return { spec: { calendars: [yearlyCalendar(start, every, f.endAt ?? null)], ...bounds } };
  }
}

/** The whole Schedule: spec, the run workflow as action (explicit id prefix, search attribute), policies, state. */
export function scheduleOptionsOf(f: ScheduleFields, taskQueue: string, now: Date): ScheduleOptions | null {
  const s = scheduleSpecOf(f, now);
  if (!s) return null;
  const args: [ProcessingRunInput] = [{ activityId: f.id, trigger: 'schedule' }];
  return {
    scheduleId: processingScheduleId(f.id),
    spec: s.spec,
    action: {
      type: 'startWorkflow',
      workflowType: PROCESSING_RUN_WORKFLOW_TYPE,
      taskQueue,
      workflowId: processingRunWorkflowPrefix(f.id),
      args,
      typedSearchAttributes: [{ key: ProcessingActivityIdKey, value: f.id }],
      staticSummary: `Lead processing activity: ${f.name}`,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: f.catchupWindowSeconds * 1000, pauseOnFailure: false },
    state: { paused: f.paused, note: f.paused ? 'paused through the leadflow API' : `${f.scheduleMode}`, ...(s.remainingActions !== undefined ? { remainingActions: s.remainingActions } : {}) },
    memo: { processingActivityId: f.id, name: f.name },
    typedSearchAttributes: [{ key: ProcessingActivityIdKey, value: f.id }],
  };
}
