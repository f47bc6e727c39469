// Small shared zod pieces for the assignment model: ids, instants, label lists.
import { z } from 'zod';

export const idSchema = z.string().trim().min(1).max(200);
/** An absolute instant, ISO 8601 with Z or an offset (JSON-storable, replayable). */
export const instantSchema = z.iso.datetime({ offset: true });
/** A list of labels; '*' in a rep's list means "any value". */
export const labelListSchema = z.array(z.string().trim().min(1).max(200)).default([]);

export const WILDCARD = '*';

/** Parse an ISO instant into epoch milliseconds (throws on garbage: callers validate with zod first). */
export function toMs(instant: string): number {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new Error(`Invalid instant: ${instant}`);
  return ms;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();

/** Case-insensitive membership, '*' matching anything. */
export function listHas(list: readonly string[], value: string): boolean {
  const v = value.trim().toLowerCase();
  return list.some((item) => item === WILDCARD || item.trim().toLowerCase() === v);
}
