// Capturing a lead: start its workflow (explicit business ID) and wait, in the same call,
// until the workflow has written the row (update-with-start). Idempotent by construction:
// a reference always maps to the same lead id, hence the same workflow.
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { LeadCapture } from '../../rules/lead-attributes.js';
import { leadIdForReference } from '../../rules/lead-ids.js';
import type { leadWorkflow } from '../../workflows/lead.js';
import { LEAD_WORKFLOW_TYPE, capturedUpdate, leadWorkflowId, type Actor, type CaptureResult } from '../../workflows/messages.js';
import { AssignmentStatusKey, LeadStatusKey } from '../../workflows/search-attributes.js';

export interface CaptureDeps {
  temporal: Client;
  taskQueue: string;
  /** Whether the lead row exists already (the fast path for repeated references). */
  leadExists: (leadId: string) => Promise<boolean>;
}

export type CaptureLead = (capture: LeadCapture, actor: Actor, requestId: string) => Promise<CaptureResult>;

/**
 * Repeats of a reference answer from the lead row when it exists; identical captures arriving
 * together in this process share one call to the workflow (a storm of them would otherwise queue
 * behind the workflow's limit of in-flight updates). Only the request that started the workflow
 * reports `created`.
 */
export function createLeadCapture(deps: CaptureDeps): CaptureLead {
  const inflight = new Map<string, Promise<CaptureResult>>();
  return async (capture, actor, requestId) => {
    if (!capture.origSystemReference) return startLead(deps, randomUUID(), capture, actor, requestId);
    const leadId = leadIdForReference(capture.source, capture.origSystemReference);
    const pending = inflight.get(leadId);
    if (pending) return { ...(await pending), created: false };
    if (await deps.leadExists(leadId)) return { leadId, created: false };
    const call = startLead(deps, leadId, capture, actor, requestId).finally(() => inflight.delete(leadId));
    inflight.set(leadId, call);
    return call;
  };
}

async function startLead(deps: CaptureDeps, leadId: string, capture: LeadCapture, actor: Actor, requestId: string): Promise<CaptureResult> {
  const name = [capture.firstName, capture.lastName].filter(Boolean).join(' ');
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof leadWorkflow>(LEAD_WORKFLOW_TYPE, {
    workflowId: leadWorkflowId(leadId),
    taskQueue: deps.taskQueue,
    args: [{ leadId, capture, actor, requestId }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A finished lead (converted/retired) is never captured again under the same reference.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    memo: { name, company: capture.companyName ?? '', source: capture.source },
    typedSearchAttributes: [
      { key: LeadStatusKey, value: 'Unqualified' },
      { key: AssignmentStatusKey, value: 'Unassigned' },
    ],
  });
  try {
    return await deps.temporal.workflow.executeUpdateWithStart(capturedUpdate, { args: [requestId], startWorkflowOperation });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { leadId, created: false };
    throw err;
  }
}
