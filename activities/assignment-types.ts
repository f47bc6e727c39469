// The assignment activities' contract with the lead lifecycle workflow (exact signatures).
import type { Actor } from '../workflows/messages.js';

export type AssignReason = 'captured' | 'timeout' | 'rejected' | 'reassign' | 'attributes_changed' | 'capacity_freed' | 'realign' | 'processing';

export interface AssignLeadInput {
  leadId: string;
  eventKey: string;
  actor: Actor;
  reason: AssignReason;
  /** Reps who already had it in this round. */
  excludeRepIds: string[];
  /** 1-based offer attempt in this round. */
  attempt: number;
  /** ISO; written to the lead row when offered. */
  offerDeadline: string;
  /** Manual reassignment to a given rep. */
  specificRepId?: string;
}

export type AssignOutcome = 'offered' | 'queued' | 'hopper' | 'default_queue';

export interface AssignLeadResult {
  decisionId: string;
  outcome: AssignOutcome;
  repId: string | null;
  queueId: string | null;
  retryAt: string | null;
  summary: string;
}

export type ReleaseReason = 'rejected' | 'timeout' | 'reassigned' | 'converted' | 'retired';

export interface ReleaseLeadInput {
  leadId: string;
  repId: string;
  eventKey: string;
  actor: Actor;
  reason: ReleaseReason;
}

export interface ReleaseLeadResult {
  released: boolean;
  signalledLeadIds: string[];
}

export interface RecordManualAssignmentInput {
  leadId: string;
  repId: string;
  eventKey: string;
  actor: Actor;
  reason: 'claim' | 'reassign';
}
