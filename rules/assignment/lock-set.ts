// Helper for the transaction pattern: decide on a snapshot, lock decision.lockSet (pools, then reps,
// each in id order), decide again on the locked rows; apply only if the fresh lock set is covered.
import type { Decision } from './decision.js';

export function lockSetCovers(locked: { repIds: readonly string[]; poolIds: readonly string[] }, decision: Pick<Decision, 'lockSet'>): boolean {
  const reps = new Set(locked.repIds);
  const pools = new Set(locked.poolIds);
  return decision.lockSet.repIds.every((id) => reps.has(id)) && decision.lockSet.poolIds.every((id) => pools.has(id));
}
