// Value helpers shared by the operators, the validator and the trace replay. Pure.

export const DAY_MS = 86_400_000;

/** Marks a comparison value that cannot be used (wrong type at run time): the condition is false. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Missing means: undefined, null, a blank string or an empty list. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'number') return Number.isNaN(v);
  return false;
}

export function isNumber(v: unknown): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Fast path for the common UTC forms `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS(.sss)Z` (no allocation). */
function parseUtc(s: string): number | undefined {
  const n = s.length;
  const dateOnly = n === 10;
  if (!dateOnly && !((n === 20 || n === 24) && s.charCodeAt(10) === 84 && s.charCodeAt(n - 1) === 90)) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 28) return undefined; // days 29-31: leave to Date.parse
  if (dateOnly) return Date.UTC(y, mo - 1, d);
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58 || (n === 24 && s.charCodeAt(19) !== 46)) return undefined;
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const ms = n === 24 ? digits(s, 20, 3) : 0;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

/** Milliseconds since the epoch of a Date, an ISO-8601 string or a finite number; undefined otherwise. */
export function toMs(v: unknown): number | undefined {
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof v === 'string') {
    const fast = parseUtc(v);
    if (fast !== undefined) return fast;
    if (!ISO_DATE.test(v)) return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return undefined;
}

/** True for strings that look like ISO-8601 dates (used to compare untyped custom attributes as dates). */
export function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v));
}

/** `a` equals `lower` (already lower-cased) ignoring case; no allocation for ASCII input. */
export function equalsLower(a: string, lower: string): boolean {
  if (a === lower) return true;
  const n = a.length;
  if (n > lower.length) return false; // lower-casing never shortens a string
  if (n < lower.length) return !isAscii(a) && a.toLowerCase() === lower;
  for (let i = 0; i < n; i++) {
    const c = a.charCodeAt(i);
    const d = lower.charCodeAt(i);
    if (c === d || (c >= 65 && c <= 90 && c + 32 === d)) continue;
    return c < 128 ? false : a.toLowerCase() === lower;
  }
  return true;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Lower-cases strings; leaves numbers and booleans alone (list elements, `in` lists). */
export function norm(v: unknown): unknown {
  return typeof v === 'string' ? v.toLowerCase() : v;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
