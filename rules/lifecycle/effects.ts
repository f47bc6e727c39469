// What the transition model asks the world to do (the workflow runs these as local activities, in
// order): audited writes of the lead's lifecycle columns, capacity bookkeeping, notifications, and
// at most one call per transition whose result comes back as the next event.
import type { LeadAttributes } from '../lead-attributes.js';
import type { AssignmentStatus, LeadStatus } from '../lookups.js';
import type { Actor, OpportunityInput } from './events.js';
import type { RouteReason } from './state.js';

/** Lead columns the lifecycle changes (the read model of the workflow's state). */
export interface LifecycleColumns {
  status?: LeadStatus;
  assignmentStatus?: AssignmentStatus;
  acceptance?: 'Yes' | 'No' | null;
  ownerId?: string | null;
  offeredToId?: string | null;
  offerDeadline?: string | null;
  attempts?: number;
  retireReason?: string | null;
  closedAt?: string | null;
  lastActivityAt?: string;
}

/** One audit event and the lead columns it changes, written in one transaction. */
export interface RecordEffect {
  kind: 'record';
  action: string;
  actor: Actor;
  requestId?: string;
  reason?: string | null;
  note?: string | null;
  set: LifecycleColumns;
  detail?: Record<string, unknown>;
}
/** The rep stops counting the lead (capacity), once. */
export interface ReleaseEffect {
  kind: 'release';
  repId: string;
  reason: 'rejected' | 'timeout' | 'reassigned' | 'converted' | 'retired';
  actor: Actor;
  requestId?: string;
}
/** The rep counts the lead (a claim or a manual reassignment), and becomes one of its owners on record. */
export interface TakeEffect {
  kind: 'take';
  repId: string;
  reason: 'claim' | 'reassign';
  actor: Actor;
  requestId?: string;
}
export type NotificationKind = 'offer' | 'offer_expired' | 'hopper' | 'escalated' | 'queued' | 'retired_stale' | 'duplicate_linked';
export interface NotifyEffect {
  kind: 'notify';
  notification: {
    kind: NotificationKind;
    /** Reps addressed directly (the offered rep...). */
    repIds: string[];
    /** Also tell these reps' managers and team leads (hopper arrivals, escalations). */
    notifyManagersOf?: string[];
    summary: string;
    data?: Record<string, unknown>;
  };
}
export type Effect = RecordEffect | ReleaseEffect | TakeEffect | NotifyEffect;

// ---- calls: their result is the next event -------------------------------------------------
export interface AssignCall {
  kind: 'assign';
  reason: RouteReason;
  excludeRepIds: string[];
  /** The offer's number in this round, if it is an offer. */
  attempt: number;
  offerDeadline: string;
  /** Route within this team only (stale escalation), hopper if nobody fits. */
  teamId?: string;
}
export interface PipelineCall { kind: 'pipeline'; reason: 'attributes_changed'; actor: Actor; requestId?: string }
export interface UpdateAttributesCall { kind: 'update_attributes'; attributes: Partial<LeadAttributes>; at: string; actor: Actor; requestId?: string }
export interface PreviewCall { kind: 'preview'; excludeRepIds: string[] }
export interface ConvertCall { kind: 'convert'; opportunity: OpportunityInput; ownerId: string; at: string; actor: Actor; requestId?: string }
export interface NoteCall { kind: 'note'; text: string; at: string; actor: Actor; requestId?: string }
export type Call = AssignCall | PipelineCall | UpdateAttributesCall | PreviewCall | ConvertCall | NoteCall;

/** Derived values the rules pipeline computes. */
export interface DerivedValues {
  status: LeadStatus;
  qualified: boolean;
  rank: string | null;
  score: number | null;
  salesChannel: string | null;
}

export interface CallResults {
  capture: { created: boolean; duplicateOfId: string | null; pipeline: DerivedValues | null };
  assign: { outcome: 'offered' | 'queued' | 'hopper' | 'default_queue'; repId: string | null; retryAt: string | null; summary: string };
  pipeline: DerivedValues;
  update_attributes: { changed: string[] };
  /** Routing's answer now, for the stored lead as it is (no writes): the candidates of the step that would decide. */
  preview: { outcome: 'offered' | 'queued' | 'hopper' | 'default_queue'; candidateRepIds: string[]; summary: string };
  convert: { opportunityId: string };
  note: { noteId: string };
}

/** Calls whose activity writes the lead's audit event itself (the rest write none). */
export const AUDITED_CALLS: ReadonlySet<Call['kind']> = new Set(['assign', 'pipeline', 'update_attributes', 'convert', 'note']);
