// The management chain: only a lead's owner or someone above the owner may change its owner.
import type { Rep } from './model/rep.js';

/** Managers of the rep, nearest first (stops on cycles and unknown ids). */
export function managementChain(repId: string, reps: readonly Rep[]): string[] {
  const byId = new Map(reps.map((r) => [r.id, r]));
  const chain: string[] = [];
  let cur = byId.get(repId)?.managerId ?? null;
  while (cur !== null && cur !== repId && !chain.includes(cur)) {
    chain.push(cur);
    cur = byId.get(cur)?.managerId ?? null;
  }
  return chain;
}

export function canChangeOwner(actorRepId: string, ownerRepId: string, reps: readonly Rep[]): boolean {
  return actorRepId === ownerRepId || managementChain(ownerRepId, reps).includes(actorRepId);
}
