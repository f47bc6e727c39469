// The caller's protocol, played in memory: decide on a snapshot, lock decision.lockSet, decide
// again on the locked (fresh) rows, apply the state changes. Stale snapshots alone pile leads onto
// one rep; deciding under the lock spreads them exactly.
import { applyStateChanges, canChangeOwner, decideAssignment, lockSetCovers, managementChain } from '../../../rules/assignment/index.js';
import type { RoutingState } from '../../../rules/assignment/index.js';
import { lead, pool, rep, routing } from './fixtures.js';

const NOW = '2025-06-11T10:00:00.000Z';
const ids = Array.from({ length: 10 }, (_, i) => `rep${i}`);
const config = routing({ steps: [{ id: 'rr', match: pool(...ids) }] });
const initial: RoutingState = { reps: ids.map((id) => rep({ id, capacity: 10 })), pools: [] };

describe('decide under row locks', () => {
  const concurrentLeads = Array.from({ length: 100 }, (_, i) => lead(`L${i}`));
  // Every transaction read its snapshot before any of them committed.
  const snapshotPlans = concurrentLeads.map((l) => decideAssignment({ lead: l, routing: config, reps: initial.reps, now: NOW }));

  it('applying snapshot decisions would give every lead to the same rep (what the locks prevent)', () => {
    expect(new Set(snapshotPlans.map((d) => (d.outcome.kind === 'assigned' ? d.outcome.repId : '')))).toEqual(new Set(['rep0']));
  });

  it('re-deciding on the locked rows spreads 100 concurrent leads 10 each, within capacity', () => {
    let state = initial;
    concurrentLeads.forEach((l, i) => {
      const plan = snapshotPlans[i];
      if (!plan) throw new Error('fixture');
      // BEGIN; SELECT ... FOR UPDATE on plan.lockSet (pools, then reps, in id order); read fresh rows.
      const fresh = decideAssignment({ lead: l, routing: config, reps: state.reps, pools: state.pools, now: NOW });
      expect(lockSetCovers(plan.lockSet, fresh)).toBe(true);
      state = applyStateChanges(state, fresh.stateChanges); // UPDATE ...; INSERT decision; COMMIT
    });
    expect(state.reps.map((r) => r.openLeadCount)).toEqual(Array(10).fill(10));
  });

  it('detects a lock set that no longer covers the decision (configuration changed in between)', () => {
    const plan = decideAssignment({ lead: lead('L'), routing: config, reps: initial.reps, now: NOW });
    const grown = routing({ steps: [{ id: 'rr', match: pool(...ids, 'rep10') }] });
    const fresh = decideAssignment({ lead: lead('L'), routing: grown, reps: [...initial.reps, rep({ id: 'rep10' })], now: NOW });
    expect(lockSetCovers(plan.lockSet, fresh)).toBe(false);
  });

  it('locks the weighted pool row with the reps', () => {
    const weighted = routing({ steps: [{ id: 'w', match: pool('rep0', 'rep1'), distribution: { strategy: 'weighted_round_robin', poolId: 'emea-inbound' } }] });
    const d = decideAssignment({ lead: lead('L'), routing: weighted, reps: initial.reps, now: NOW });
    expect(d.lockSet).toEqual({ repIds: ['rep0', 'rep1'], poolIds: ['emea-inbound'] });
    expect(d.stateChanges[1]).toMatchObject({ kind: 'pool_advanced', poolId: 'emea-inbound', repId: 'rep0', virtualTime: { from: 0, to: 0 }, finishTag: { from: 0, to: 720_720 } });
  });
});

describe('management chain', () => {
  const reps = [rep({ id: 'vp' }), rep({ id: 'mgr', managerId: 'vp' }), rep({ id: 'ae', managerId: 'mgr' }), rep({ id: 'peer', managerId: 'mgr' }), rep({ id: 'loop', managerId: 'loop' })];

  it('walks up the chain; only the owner and their managers may change the owner', () => {
    expect(managementChain('ae', reps)).toEqual(['mgr', 'vp']);
    expect(managementChain('loop', reps)).toEqual([]);
    expect(canChangeOwner('ae', 'ae', reps)).toBe(true);
    expect(canChangeOwner('vp', 'ae', reps)).toBe(true);
    expect(canChangeOwner('peer', 'ae', reps)).toBe(false);
  });
});
