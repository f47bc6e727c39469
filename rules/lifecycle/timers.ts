// The lifecycle's clocks: the offer SLA, a queued lead's retry, and the stale rule. Pure: the
// workflow sleeps until `nextWake` and then feeds the model a `timer` event.
import type { LeadLiveState } from './state.js';
import { isOpen } from './state.js';

/** The admin's lifecycle settings the model reads (`/settings/lifecycle`). */
export interface LifecycleRules {
  offerTimeoutMinutes: number;
  maxOfferAttempts: number;
  staleAfterDays: number;
  escalateRanks: readonly string[];
  telemarketingTeamId: string | null;
}

const DAY = 24 * 60 * 60 * 1000;

/** The instant the stale rule acts (ms since epoch). */
export function staleAt(s: Pick<LeadLiveState, 'lastActivityAt'>, staleAfterDays: number): number {
  return Date.parse(s.lastActivityAt) + staleAfterDays * DAY;
}

/** The earliest instant (ms) a `timer` event may change the lead, or undefined when no timer is due. */
export function nextWake(s: LeadLiveState, rules: Pick<LifecycleRules, 'staleAfterDays'>): number | undefined {
  if (!isOpen(s)) return undefined;
  const times = [staleAt(s, rules.staleAfterDays)];
  if (s.assignmentStatus === 'Offered' && s.offerDeadline) times.push(Date.parse(s.offerDeadline));
  if (s.assignmentStatus === 'Queued' && s.retryAt) times.push(Date.parse(s.retryAt));
  return Math.min(...times);
}
