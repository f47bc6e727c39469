// Building and applying state changes. The caller persists them in the transaction that holds the
// row locks; applyStateChanges is the same update in memory (simulation, tests, read-your-writes).
import type { StateChange } from './decision.js';
import { rampAfterLead } from './distribute/load.js';
import { advancePool } from './distribute/weighted.js';
import { toIso } from './model/common.js';
import type { PoolState } from './model/pool-state.js';
import { emptyPoolState } from './model/pool-state.js';
import type { Rep } from './model/rep.js';

export function assignedChange(winner: Rep, now: number, seq: number): StateChange {
  const open = winner.openLeadCount + 1;
  const nowIso = toIso(now);
  return {
    kind: 'rep_assigned',
    repId: winner.id,
    openLeadCount: { from: winner.openLeadCount, to: open },
    lastAssignedAt: { from: winner.lastAssignedAt, to: nowIso },
    lastAssignedSeq: { from: winner.lastAssignedSeq, to: seq },
    rampLoad: { from: winner.rampLoad, to: rampAfterLead(winner.rampLoad) },
  };
}

export function poolAdvancedChange(pool: PoolState, repId: string, weight: number): StateChange {
  const next = advancePool(pool, repId, weight);
  return {
    kind: 'pool_advanced',
    poolId: pool.poolId,
    repId,
    virtualTime: { from: pool.virtualTime, to: next.virtualTime },
    finishTag: { from: pool.finishTags[repId] ?? pool.virtualTime, to: next.finishTag },
  };
}

/** A lead left this rep (rejected, reassigned away, converted, retired): one fewer open lead. */
export function releasedChange(rep: Rep): StateChange {
  return { kind: 'rep_released', repId: rep.id, openLeadCount: { from: rep.openLeadCount, to: Math.max(0, rep.openLeadCount - 1) } };
}

export interface RoutingState {
  reps: Rep[];
  pools: PoolState[];
}

/** Apply changes to in-memory state (sets the `to` values, as the SQL UPDATEs would). */
export function applyStateChanges(state: RoutingState, changes: readonly StateChange[]): RoutingState {
  const reps = new Map(state.reps.map((r) => [r.id, r]));
  const pools = new Map(state.pools.map((p) => [p.poolId, p]));
  const rep = (id: string): Rep => {
    const r = reps.get(id);
    if (!r) throw new Error(`State change for unknown rep ${id}`);
    return r;
  };
  const pool = (id: string): PoolState => pools.get(id) ?? emptyPoolState(id);
  for (const c of changes) {
    switch (c.kind) {
      case 'rep_assigned': {
        const r = rep(c.repId);
        reps.set(c.repId, { ...r, openLeadCount: c.openLeadCount.to, lastAssignedAt: c.lastAssignedAt.to, lastAssignedSeq: c.lastAssignedSeq.to, rampLoad: c.rampLoad.to });
        break;
      }
      case 'rep_released':
        reps.set(c.repId, { ...rep(c.repId), openLeadCount: c.openLeadCount.to });
        break;
      case 'rep_rejoined':
        reps.set(c.repId, { ...rep(c.repId), returnedFromLeaveAt: c.returnedFromLeaveAt, rampLoad: c.rampLoad.to });
        break;
      case 'pool_advanced': {
        const p = pool(c.poolId);
        pools.set(c.poolId, { ...p, virtualTime: c.virtualTime.to, finishTags: { ...p.finishTags, [c.repId]: c.finishTag.to } });
        break;
      }
      case 'pool_member_leveled': {
        const p = pool(c.poolId);
        pools.set(c.poolId, { ...p, finishTags: { ...p.finishTags, [c.repId]: c.finishTag.to } });
        break;
      }
    }
  }
  return { reps: state.reps.map((r) => rep(r.id)), pools: [...pools.values()] };
}
