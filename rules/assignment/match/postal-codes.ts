// Postal code ranges: compare the lead's normalized code on the range's length (94105-1234 is in
// 94000..94999; "SW1A 1AA" is in SW1..SW9), inclusive, lexicographically.
import type { PostalRange } from '../model/territory.js';
import { normalizePostal } from '../model/territory.js';

export function postalInRange(code: string, range: PostalRange): boolean {
  const from = normalizePostal(range.from);
  const to = normalizePostal(range.to);
  const head = normalizePostal(code).slice(0, from.length);
  if (head.length < from.length) return false;
  return from <= head && head <= to;
}

export function postalInAnyRange(code: string, ranges: readonly PostalRange[]): PostalRange | undefined {
  return ranges.find((r) => postalInRange(code, r));
}
