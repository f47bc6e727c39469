// The activities the lead workflow calls, as types only (workflow code never imports activity
// code). `activities/index.ts` checks that createActivities() satisfies this contract.
import type { LeadAttributes, LeadCapture } from '../rules/lead-attributes.js';
import type { LifecycleSettings } from '../rules/lifecycle-settings.js';
import type { LifecycleColumns, RouteReason } from '../rules/lifecycle/index.js';
import type { LeadStatus } from '../rules/lookups.js';
import type { Actor, CaptureResult } from './messages.js';

export interface CaptureLeadInput {
  leadId: string;
  capture: LeadCapture;
  actor: Actor;
  eventKey: string;
  requestId?: string;
}

export interface PipelineInput {
  leadId: string;
  eventKey: string;
  actor: Actor;
  requestId?: string;
  reason: 'captured' | 'attributes_changed' | 'processing';
}
export interface PipelineOutcome {
  status: LeadStatus;
  qualified: boolean;
  rank: string | null;
  score: number | null;
  salesChannel: string | null;
  ruleVersions: Record<string, { ruleSetId: string; version: number }>;
  changed: string[];
}

export type AssignReason = RouteReason;
export type { LifecycleColumns };
export interface AssignInput {
  leadId: string;
  eventKey: string;
  actor: Actor;
  reason: AssignReason;
  excludeRepIds: string[];
  attempt: number;
  offerDeadline: string;
  /** Manual reassignment: offer to this rep (no capacity filter; ignores excludeRepIds). */
  specificRepId?: string;
  /** Route within this team only (stale escalation to the telemarketing team), hopper if nobody fits. */
  specificTeamId?: string;
}
export interface AssignResult {
  decisionId: string;
  outcome: 'offered' | 'queued' | 'hopper' | 'default_queue';
  repId: string | null;
  queueId: string | null;
  retryAt: string | null;
  summary: string;
}
export interface ReleaseInput {
  leadId: string;
  repId: string;
  eventKey: string;
  actor: Actor;
  reason: 'rejected' | 'timeout' | 'reassigned' | 'converted' | 'retired';
}
export interface ManualAssignmentInput {
  leadId: string;
  repId: string;
  eventKey: string;
  actor: Actor;
  reason: 'claim' | 'reassign';
}

export interface LifecycleEventInput {
  leadId: string;
  eventKey: string;
  actor: Actor;
  requestId?: string;
  action: string;
  reason?: string | null;
  note?: string | null;
  set: LifecycleColumns;
  /** Extra facts for the audit entry (rule trace, decision id...). */
  detail?: Record<string, unknown>;
}

export interface ConvertInput {
  leadId: string;
  eventKey: string;
  actor: Actor;
  requestId?: string;
  at: string;
  ownerId: string | null;
  opportunity: { name: string; amount?: number; currency?: string; closeDate?: string; description?: string };
}
export interface AttributesInput {
  leadId: string;
  eventKey: string;
  actor: Actor;
  requestId?: string;
  at: string;
  attributes: Partial<LeadAttributes>;
}
export interface NoteInput {
  leadId: string;
  eventKey: string;
  actor: Actor;
  requestId?: string;
  at: string;
  text: string;
}

export type NotificationKind = 'offer' | 'offer_expired' | 'hopper' | 'escalated' | 'queued' | 'retired_stale' | 'duplicate_linked';
export interface NotificationInput {
  kind: NotificationKind;
  leadId: string;
  eventKey: string;
  /** Reps addressed directly (the offered rep...). */
  repIds: string[];
  /** Also tell these reps' managers and team leads (hopper arrivals, escalations). */
  notifyManagersOf?: string[];
  summary: string;
  data?: Record<string, unknown>;
}

/** The admin's lifecycle settings plus what the worker knows (is a notification webhook configured?). */
export type LifecycleRuntimeSettings = LifecycleSettings & { notifications: { webhook: boolean } };

export interface CaptureAndProcessInput extends CaptureLeadInput {
  /** Event key of the pipeline's `processed` audit event. */
  pipelineEventKey: string;
}
export interface CapturedLead extends CaptureResult {
  settings: LifecycleRuntimeSettings;
  /** Null for a duplicate (closed at capture). */
  pipeline: PipelineOutcome | null;
}

export interface LeadLifecycleActivities {
  captureAndProcessLead(input: CaptureAndProcessInput): Promise<CapturedLead>;
  loadLifecycleSettings(): Promise<LifecycleRuntimeSettings>;
  runLeadPipeline(input: PipelineInput): Promise<PipelineOutcome>;
  assignLead(input: AssignInput): Promise<AssignResult>;
  releaseLead(input: ReleaseInput): Promise<{ released: boolean; signalledLeadIds: string[] }>;
  recordManualAssignment(input: ManualAssignmentInput): Promise<{ assigned: boolean }>;
  recordLifecycleEvent(input: LifecycleEventInput): Promise<{ applied: boolean }>;
  convertLead(input: ConvertInput): Promise<{ opportunityId: string }>;
  updateLeadAttributes(input: AttributesInput): Promise<{ changed: string[] }>;
  addLeadNote(input: NoteInput): Promise<{ noteId: string }>;
  notify(input: NotificationInput): Promise<void>;
}

export interface RoutingPreview {
  /** What routing would do now: the candidates of the step that would decide. */
  outcome: AssignResult['outcome'];
  candidateRepIds: string[];
  summary: string;
}
export interface LeadLifecycleActivities {
  /** Dry run of the routing configuration for the stored lead (no side effects). */
  previewAssignment(input: { leadId: string; excludeRepIds: string[] }): Promise<RoutingPreview>;
}
