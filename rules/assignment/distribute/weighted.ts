// Weighted round robin as start-time fair queuing: each rep's next start tag is
// max(own finish tag, pool virtual time); the smallest start wins; the winner's finish tag grows
// by SCALE / weight. With a stable pool, weights 3:1 give exactly 3 of every 4 leads; a rep who was
// excluded (time off, full, off hours) restarts at the pool's virtual time, so no catch-up flood.
import type { PoolState } from '../model/pool-state.js';

/** Divisible by 1..16 and many more: integer strides, exact shares for common integer weights. */
export const STRIDE_SCALE = 720_720;

export const strideOf = (weight: number): number => Math.max(1, Math.round(STRIDE_SCALE / weight));

export function startTag(pool: PoolState, repId: string): number {
  return Math.max(pool.finishTags[repId] ?? pool.virtualTime, pool.virtualTime);
}

export function advancePool(pool: PoolState, repId: string, weight: number): { virtualTime: number; finishTag: number } {
  const start = startTag(pool, repId);
  return { virtualTime: start, finishTag: start + strideOf(weight) };
}
