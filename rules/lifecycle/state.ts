// The lead lifecycle's state: what the lead workflow owns and what the `state` query returns
// (and what continue-as-new carries). Plain data, shared by the pure transition model, the
// workflow that runs it, and the API that reads it.
import type { AssignmentStatus, LeadStatus } from '../lookups.js';

/** Why routing runs (the assignment activity records it with the decision). */
export type RouteReason =
  | 'captured'
  | 'timeout'
  | 'rejected'
  | 'reassign'
  | 'attributes_changed'
  | 'capacity_freed'
  | 'realign'
  | 'processing'
  | 'escalation';

export interface LeadLiveState {
  leadId: string;
  captured: boolean;
  closed: boolean;
  status: LeadStatus;
  assignmentStatus: AssignmentStatus;
  ownerId: string | null;
  offeredToId: string | null;
  /** ISO instant the current offer expires. */
  offerDeadline: string | null;
  /** Offers made in the current routing round. */
  attempts: number;
  /** Reps who already had the lead in this round (never offered it again in the round). */
  hadIt: string[];
  /** This round routes within one team only (a stale escalation to telemarketing); null: the routing configuration. */
  routeTeamId: string | null;
  /** When a queued lead is routed again at the latest (null: when capacity frees). */
  retryAt: string | null;
  rank: string | null;
  score: number | null;
  qualified: boolean;
  salesChannel: string | null;
  duplicateOfId: string | null;
  opportunityId: string | null;
  retireReason: string | null;
  lastActivityAt: string;
  /** The stale rule escalates a lead once. */
  escalated: boolean;
  /** Routing is due (the main loop routes before it waits again); null: nothing to route. */
  pendingRoute: RouteReason | null;
  /** Steps of the main loop so far (their audit events' keys). */
  eventCount: number;
}

export function initialState(leadId: string, nowIso: string): LeadLiveState {
  return {
    leadId,
    captured: false,
    closed: false,
    status: 'Unqualified',
    assignmentStatus: 'Unassigned',
    ownerId: null,
    offeredToId: null,
    offerDeadline: null,
    attempts: 0,
    hadIt: [],
    routeTeamId: null,
    retryAt: null,
    rank: null,
    score: null,
    qualified: false,
    salesChannel: null,
    duplicateOfId: null,
    opportunityId: null,
    retireReason: null,
    lastActivityAt: nowIso,
    escalated: false,
    pendingRoute: null,
    eventCount: 0,
  };
}

/**
 * A state carried by continue-as-new from a run of the workflow before this model (it lacks the
 * fields added since): the missing fields get their defaults, nothing else changes.
 */
export function normalizeState(carried: Partial<LeadLiveState> & Pick<LeadLiveState, 'leadId'>, nowIso: string): LeadLiveState {
  return { ...initialState(carried.leadId, nowIso), ...carried, hadIt: [...(carried.hadIt ?? [])] };
}

export const isOpen = (s: LeadLiveState): boolean => s.captured && !s.closed;
/** Not yet accepted by anyone: routing may still change it. */
export const isUnowned = (s: LeadLiveState): boolean => isOpen(s) && s.ownerId === null;

/** What the lead's lifecycle updates answer. */
export interface OwnerResult {
  leadId: string;
  ownerId: string | null;
  status: LeadStatus;
  assignmentStatus: AssignmentStatus;
}
export function ownerResult(s: LeadLiveState): OwnerResult {
  return { leadId: s.leadId, ownerId: s.ownerId, status: s.status, assignmentStatus: s.assignmentStatus };
}
