// Reassignment helpers for the lead workflow: the next candidate excluding everyone who already
// had the lead in this round, and the release of the lead by its previous holder.
import type { Decision, StateChange } from './decision.js';
import type { DecideInput } from './decide.js';
import { decideAssignment } from './decide.js';
import type { Rep } from './model/rep.js';
import { releasedChange } from './state-changes.js';

/**
 * Decide again with `alreadyHad` excluded (reason `already_had_lead`). When `releasedBy` is given
 * (the rep who rejected or timed out still counted the lead), its release is prepended to the
 * state changes so the caller applies both in one transaction.
 */
export function nextCandidate(input: DecideInput & { alreadyHad: readonly string[]; releasedBy?: Rep }): Decision {
  const excludeRepIds = [...new Set([...(input.excludeRepIds ?? []), ...input.alreadyHad])];
  const decision = decideAssignment({ ...input, excludeRepIds });
  if (!input.releasedBy) return decision;
  const release: StateChange = releasedChange(input.releasedBy);
  const repIds = [...new Set([...decision.lockSet.repIds, input.releasedBy.id])].sort();
  return { ...decision, stateChanges: [release, ...decision.stateChanges], lockSet: { ...decision.lockSet, repIds } };
}
