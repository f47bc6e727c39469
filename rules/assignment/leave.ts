// Returning from time off without a flood of catch-up leads. The caller applies these changes when
// a rep comes back (end of out-of-office, reactivation), in one transaction with the peers locked.
//  - round robin: nothing to do; a returning rep waited longest, gets one lead, then queues again.
//  - weighted pools: finish tag raised to the pool's virtual time (decisions already do this on
//    the fly; persisting it keeps stored tags honest).
//  - load balancing: a load floor so the rep counts as loaded as the least-loaded peer until real
//    open leads reach it; they then take their share as leads arrive instead of all of them.
import type { StateChange } from './decision.js';
import { effectiveOpenLeads, freeCapacity } from './distribute/load.js';
import { toIso, toMs } from './model/common.js';
import type { PoolState } from './model/pool-state.js';
import type { Rep } from './model/rep.js';
import { DAY_MS } from './time/availability.js';

export interface RejoinInput {
  rep: Rep;
  /** Reps the returning rep competes with (same teams/pools); the rep itself is ignored. */
  peers: readonly Rep[];
  /** Weighted pools the rep belongs to. */
  pools: readonly PoolState[];
  now: string;
  /** How long the load floor lasts at most (default 14 days). */
  floorDays?: number;
}

export function rejoinAfterLeave(input: RejoinInput): StateChange[] {
  const now = toMs(input.now);
  const { rep } = input;
  const changes: StateChange[] = [];
  for (const pool of input.pools) {
    const tag = pool.finishTags[rep.id] ?? 0;
    if (tag < pool.virtualTime) changes.push({ kind: 'pool_member_leveled', poolId: pool.poolId, repId: rep.id, finishTag: { from: tag, to: pool.virtualTime } });
  }
  const peers = input.peers.filter((p) => p.id !== rep.id && p.active && p.capacity !== null);
  const peerFree = peers.map((p) => freeCapacity(p, now));
  let floor = rep.loadFloor;
  if (rep.capacity !== null && peerFree.length > 0) {
    const level = Math.max(...peerFree);
    const openAtLevel = rep.capacity - level;
    if (openAtLevel > effectiveOpenLeads(rep, now)) floor = { openLeads: openAtLevel, until: toIso(now + (input.floorDays ?? 14) * DAY_MS) };
  }
  changes.push({ kind: 'rep_rejoined', repId: rep.id, returnedFromLeaveAt: toIso(now), loadFloor: { from: rep.loadFloor, to: floor } });
  return changes;
}
