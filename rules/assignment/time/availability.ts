// When a rep can take a lead: weekly hours in their own time zone minus out-of-office periods.
// Also the Dynamics 365 24-hour availability buckets (0D = now, 1D = within 24 h, ... 5D).
import { toMs } from '../model/common.js';
import type { OutOfOffice, Rep, WorkingHours } from '../model/rep.js';
import { WEEKDAYS } from '../model/rep.js';
import { localParts, zonedToUtc } from './zoned-time.js';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Half-open [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function isWithinWorkingHours(hours: WorkingHours | null, ms: number): boolean {
  if (!hours) return true;
  const p = localParts(ms, hours.timeZone);
  const day = WEEKDAYS[p.weekday];
  const minute = p.hour * 60 + p.minute;
  return hours.weekly.some((w) => w.day === day && minutes(w.start) <= minute && minute < minutes(w.end));
}

export function outOfOfficeAt(rep: Pick<Rep, 'outOfOffice'>, ms: number): OutOfOffice | undefined {
  return rep.outOfOffice.find((o) => toMs(o.start) <= ms && ms < toMs(o.end));
}

/** Working intervals overlapping [from, to), clipped, sorted and merged. */
export function workingIntervals(hours: WorkingHours | null, from: number, to: number): Interval[] {
  if (to <= from) return [];
  if (!hours) return [{ start: from, end: to }];
  const first = localParts(from, hours.timeZone);
  const out: Interval[] = [];
  for (let k = -1; ; k++) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day) + k * DAY_MS);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (zonedToUtc(y, m, d, 0, hours.timeZone) >= to) break;
    const day = WEEKDAYS[(date.getUTCDay() + 6) % 7];
    for (const w of hours.weekly) {
      if (w.day !== day) continue;
      const start = Math.max(from, zonedToUtc(y, m, d, minutes(w.start), hours.timeZone));
      const end = Math.min(to, zonedToUtc(y, m, d, minutes(w.end), hours.timeZone));
      if (end > start) out.push({ start, end });
    }
  }
  return merge(out);
}

function merge(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

export function subtractOutOfOffice(intervals: Interval[], periods: readonly OutOfOffice[]): Interval[] {
  let result = intervals;
  for (const o of periods) {
    const [os, oe] = [toMs(o.start), toMs(o.end)];
    result = result.flatMap((i) => {
      if (oe <= i.start || os >= i.end) return [i];
      const parts: Interval[] = [];
      if (os > i.start) parts.push({ start: i.start, end: os });
      if (oe < i.end) parts.push({ start: oe, end: i.end });
      return parts;
    });
  }
  return result;
}

/** Earliest instant in [from, from + horizon) when the rep works and is not out of office. */
export function nextAvailableAt(
  rep: Pick<Rep, 'workingHours' | 'outOfOffice'>,
  from: number,
  horizonMs: number,
  options: { ignoreOutOfOffice?: boolean } = {},
): number | null {
  const working = workingIntervals(rep.workingHours, from, from + horizonMs);
  const free = options.ignoreOutOfOffice ? working : subtractOutOfOffice(working, rep.outOfOffice);
  return free[0]?.start ?? null;
}

/** Dynamics 365 availability bucket: 0 = available now, n = earliest availability in ((n-1)*24 h, n*24 h]. */
export function availabilityBucket(nextAt: number, now: number): number {
  if (nextAt <= now) return 0;
  return Math.min(5, Math.ceil((nextAt - now) / DAY_MS));
}

export const bucketLabel = (bucket: number): string => `${bucket}D`;
