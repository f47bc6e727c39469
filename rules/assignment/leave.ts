// Returning from time off without a flood of catch-up leads. The caller applies these changes when
// a rep comes back (end of out-of-office, reactivation), in one transaction with the peers locked.
//  - round robin: nothing to store; a returning rep waited longest, gets one lead, then queues again.
//  - weighted pools: finish tag raised to the pool's virtual time (decisions already level on the
//    fly; persisting it keeps stored tags honest).
//  - load balancing: a ramp load of phantom open leads puts the rep at the freest peer's level; each
//    lead they get works part of it off, so they catch up at a bounded multiple of a fair share
//    (default 2x) instead of taking every lead until level. Capacity checks use real open leads.
import type { StateChange } from './decision.js';
import { freeCapacity } from './distribute/load.js';
import { toIso, toMs } from './model/common.js';
import type { PoolState } from './model/pool-state.js';
import type { RampLoad, Rep } from './model/rep.js';

export interface RejoinInput {
  rep: Rep;
  /** Reps the returning rep competes with (same teams/pools); the rep itself is ignored. */
  peers: readonly Rep[];
  /** Weighted pools the rep belongs to. */
  pools: readonly PoolState[];
  now: string;
  /** While catching up, the rep gets this multiple of a fair share (default 2; 1 = never catch up). */
  catchUpMultiplier?: number;
}

export function rejoinAfterLeave(input: RejoinInput): StateChange[] {
  const now = toMs(input.now);
  const { rep } = input;
  const changes: StateChange[] = [];
  for (const pool of input.pools) {
    const tag = pool.finishTags[rep.id] ?? 0;
    if (tag < pool.virtualTime) changes.push({ kind: 'pool_member_leveled', poolId: pool.poolId, repId: rep.id, finishTag: { from: tag, to: pool.virtualTime } });
  }
  const peerFree = input.peers.filter((p) => p.id !== rep.id && p.active && p.capacity !== null).map((p) => freeCapacity(p));
  let ramp: RampLoad | null = null;
  if (rep.capacity !== null && peerFree.length > 0) {
    // A new ramp replaces any current one, so measure from the real open count.
    const extra = rep.capacity - Math.max(...peerFree) - rep.openLeadCount;
    if (extra > 0) ramp = { extraOpenLeads: extra, reliefPerLead: Math.min(0.95, 1 - 1 / Math.max(1, input.catchUpMultiplier ?? 2)) };
  }
  changes.push({ kind: 'rep_rejoined', repId: rep.id, returnedFromLeaveAt: toIso(now), rampLoad: { from: rep.rampLoad, to: ramp } });
  return changes;
}

