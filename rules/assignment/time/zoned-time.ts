// Wall-clock arithmetic in IANA time zones with the built-in Intl API (no library): UTC offset at
// an instant, local parts of an instant, and the instant of a local date-time (DST-aware).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Monday ... 6 = Sunday. */
  weekday: number;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const year = parts.year ?? 0;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return { year, month, day, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0, weekday };
}

/** Local time minus UTC at this instant, in milliseconds (whole seconds). */
export function offsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the local clock shows this date and minute of day. Ambiguous times (fall
 * back) take the earlier instant; skipped times (spring forward) move forward by the gap, like
 * Temporal's 'compatible' disambiguation. `minuteOfDay` may be 1440 (midnight ending the day).
 */
export function zonedToUtc(year: number, month: number, day: number, minuteOfDay: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * 60_000;
  const day_ = 86_400_000;
  // The offsets in force around this wall time (before and after any transition that day).
  const offsets = new Set([offsetMs(wall - day_, timeZone), offsetMs(wall, timeZone), offsetMs(wall + day_, timeZone)]);
  const candidates = [...offsets].map((o) => wall - o);
  const exact = candidates.filter((t) => t + offsetMs(t, timeZone) === wall);
  return exact.length > 0 ? Math.min(...exact) : Math.max(...candidates);
}
