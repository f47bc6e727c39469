// Signals, updates and queries of the lead workflow, and the IDs and payload types both the
// API and the workflow use. Imported by workflow code: keep it free of I/O.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LeadCapture } from '../rules/lead-attributes.js';
import type { AssignmentStatus, LeadStatus } from '../rules/lookups.js';

export const TASK_QUEUE_DEFAULT = 'leadflow';
export const LEAD_WORKFLOW_TYPE = 'leadWorkflow';

export const leadWorkflowId = (leadId: string): string => `lead-${leadId}`;

/** Who did something: a person (JWT subject), an integration key, or leadflow itself. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: string;
  role?: string;
  name?: string;
}
export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'leadflow' };
export const actorLabel = (a: Actor): string => `${a.kind}:${a.id}`;

export interface LeadWorkflowInput {
  leadId: string;
  capture: LeadCapture;
  actor: Actor;
  /** Unique per capture request; the capture that started the workflow reports `created`. */
  requestId: string;
}

/** Live lifecycle state, as the `state` query returns it. */
export interface LeadLiveState {
  leadId: string;
  captured: boolean;
  status: LeadStatus;
  assignmentStatus: AssignmentStatus;
  ownerId: string | null;
  rank: string | null;
  score: number | null;
  lastActivityAt: string;
  eventCount: number;
}

export interface CaptureResult {
  leadId: string;
  /** False when the lead already existed (idempotent capture). */
  created: boolean;
}

/**
 * Resolves once the lead row is written; sent with update-with-start by `POST /leads`.
 * The argument is the caller's request id: the request that started the workflow gets `created`.
 */
export const capturedUpdate = defineUpdate<CaptureResult, [requestId: string]>('captured');
export const stateQuery = defineQuery<LeadLiveState>('state');
