// The lead workflow's state and its pure helpers (deterministic; no I/O, no activities).
import type { LeadLiveState, LeadWorkflowInput, OwnerResult } from './messages.js';

export function initialState(input: LeadWorkflowInput, nowIso: string): LeadLiveState {
  return {
    leadId: input.leadId,
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
    duplicateOfId: null,
    opportunityId: null,
    retireReason: null,
    lastActivityAt: nowIso,
    escalated: false,
    salesChannel: null,
    pendingRoute: null,
    eventCount: 0,
  };
}

export const isOpen = (s: LeadLiveState): boolean => s.captured && !s.closed;
/** Not yet accepted by anyone: routing may still change it. */
export const isUnowned = (s: LeadLiveState): boolean => isOpen(s) && s.ownerId === null;

export function ownerResult(s: LeadLiveState): OwnerResult {
  return { leadId: s.leadId, ownerId: s.ownerId, status: s.status, assignmentStatus: s.assignmentStatus };
}

/** The instant the stale rule acts (ms since epoch). */
export function staleAt(s: LeadLiveState, staleAfterDays: number): number {
  return Date.parse(s.lastActivityAt) + staleAfterDays * 24 * 60 * 60 * 1000;
}

/** The earliest timer the main loop must wake for, or undefined when none is due to fire. */
export function nextWake(s: LeadLiveState, staleAfterDays: number): number | undefined {
  if (!isOpen(s)) return undefined;
  const times = [staleAt(s, staleAfterDays)];
  if (s.assignmentStatus === 'Offered' && s.offerDeadline) times.push(Date.parse(s.offerDeadline));
  if (s.assignmentStatus === 'Queued' && s.retryAt) times.push(Date.parse(s.retryAt));
  return Math.min(...times);
}

export { Serializer } from './serializer.js';
