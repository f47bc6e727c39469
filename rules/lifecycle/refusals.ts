// Which commands a lead refuses in its current state, and why (the workflow's update validators
// and the transition model share this; the API maps the types to HTTP statuses).
import type { LifecycleCommand } from './events.js';
import type { LeadLiveState } from './state.js';

/** Error types of refused commands (ApplicationFailure.type); the API maps them. */
export const LEAD_ERRORS = {
  notOffered: 'LeadNotOfferedToRep', // 409
  notInHopper: 'LeadNotInHopper', // 409
  notOwned: 'LeadNotOwned', // 409
  alreadyOwned: 'LeadAlreadyOwned', // 409
  closed: 'LeadClosed', // 409
  forbidden: 'LeadActionForbidden', // 403
  invalid: 'LeadActionInvalid', // 422
} as const;

export interface Refusal {
  type: (typeof LEAD_ERRORS)[keyof typeof LEAD_ERRORS];
  message: string;
  /** The owner who has the lead (a claim that lost, a reassignment to the owner). */
  ownerId?: string;
}

const refuse = (type: Refusal['type'], message: string, ownerId?: string | null): Refusal => ({ type, message, ...(ownerId ? { ownerId } : {}) });

/** Why the lead refuses `cmd` now, or null when the command applies. */
export function refusalOf(s: LeadLiveState, cmd: LifecycleCommand): Refusal | null {
  if (!s.captured) return refuse(LEAD_ERRORS.invalid, 'the lead is still being captured');
  if (s.closed) return refuse(LEAD_ERRORS.closed, `the lead is ${s.status.toLowerCase()}`);
  switch (cmd.type) {
    case 'accept':
    case 'reject':
      return s.assignmentStatus === 'Offered' && s.offeredToId === cmd.repId
        ? null
        : refuse(LEAD_ERRORS.notOffered, `the lead is not offered to rep ${cmd.repId} (assignment status ${s.assignmentStatus})`);
    case 'claim':
      if (s.ownerId) return refuse(LEAD_ERRORS.alreadyOwned, `the lead already has an owner (rep ${s.ownerId})`, s.ownerId);
      return s.assignmentStatus === 'Hopper' ? null : refuse(LEAD_ERRORS.notInHopper, `the lead is not in the hopper (assignment status ${s.assignmentStatus})`);
    case 'reassign':
      return cmd.toRepId && cmd.toRepId === s.ownerId ? refuse(LEAD_ERRORS.invalid, 'the lead is already owned by that rep', s.ownerId) : null;
    case 'convert':
      return s.ownerId ? null : refuse(LEAD_ERRORS.notOwned, 'the lead has no owner yet: accept or claim it first');
    case 'edit':
      return Object.keys(cmd.attributes).length > 0 ? null : refuse(LEAD_ERRORS.invalid, 'no attributes to update');
    case 'note':
      return cmd.text.trim() ? null : refuse(LEAD_ERRORS.invalid, 'the note is empty');
    case 'retire':
      return null;
  }
}
