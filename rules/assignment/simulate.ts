// Sequential simulation: decide leads one by one, applying each decision's state changes before the
// next, exactly as serialized transactions would. Backs POST /assignment/simulate and the tests.
import type { Decision } from './decision.js';
import type { DecideInput } from './decide.js';
import { decideAssignment } from './decide.js';
import type { AssignmentLead } from './model/lead.js';
import type { RoutingState } from './state-changes.js';
import { applyStateChanges } from './state-changes.js';

export interface SimulateInput extends Omit<DecideInput, 'lead' | 'now'> {
  leads: readonly { lead: AssignmentLead; now: string }[];
}

export interface SimulateResult extends RoutingState {
  decisions: Decision[];
  /** Assigned leads per rep id. */
  tally: Record<string, number>;
}

export function simulateAssignments(input: SimulateInput): SimulateResult {
  let state: RoutingState = { reps: [...input.reps], pools: [...(input.pools ?? [])] };
  const decisions: Decision[] = [];
  const tally: Record<string, number> = {};
  for (const { lead, now } of input.leads) {
    const decision = decideAssignment({ ...input, lead, now, reps: state.reps, pools: state.pools });
    decisions.push(decision);
    state = applyStateChanges(state, decision.stateChanges);
    if (decision.outcome.kind === 'assigned') tally[decision.outcome.repId] = (tally[decision.outcome.repId] ?? 0) + 1;
  }
  return { ...state, decisions, tally };
}
