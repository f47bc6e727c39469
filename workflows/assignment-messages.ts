// Workflows of the assignment manager (decision webhook delivery, offboarding): names, IDs,
// inputs and queries shared by the API, activities and workflow code. Free of I/O.
import { defineQuery } from '@temporalio/workflow';
import type { Actor } from './messages.js';

export const DECISION_WEBHOOK_WORKFLOW = 'decisionWebhookWorkflow';
export const decisionWebhookWorkflowId = (decisionId: string): string => `decision-webhook-${decisionId}`;
export interface DecisionWebhookInput {
  decisionId: string;
}

export const OFFBOARDING_WORKFLOW = 'offboardingWorkflow';
/** One offboarding per rep at a time. */
export const offboardingWorkflowId = (repId: string): string => `offboarding-${repId}`;

export interface OffboardingProgress {
  /** Open leads when the offboarding started (leads may be added or closed meanwhile). */
  total: number;
  processed: number;
  reassigned: number;
  failed: number;
  lastLeadId: string | null;
  errors: { leadId: string; error: string }[];
}

export interface OffboardingInput {
  offboardingId: string;
  repId: string;
  actor: Actor;
  /** Leads per page (each page's reassignments run concurrently). */
  pageSize: number;
  /** Carried across continue-as-new. */
  progress?: OffboardingProgress;
}

export const offboardingProgressQuery = defineQuery<OffboardingProgress>('progress');
