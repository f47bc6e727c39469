// Capturing a lead: start its workflow (explicit business ID) and wait, in the same call,
// until the workflow has written the row (update-with-start). Idempotent by construction.
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { LeadCapture } from '../../rules/lead-attributes.js';
import type { leadWorkflow } from '../../workflows/lead.js';
import {
  LEAD_WORKFLOW_TYPE,
  capturedUpdate,
  leadWorkflowId,
  type Actor,
  type CaptureResult,
} from '../../workflows/messages.js';
import { AssignmentStatusKey, LeadStatusKey } from '../../workflows/search-attributes.js';
import { randomUUID } from 'node:crypto';
import { leadIdForReference } from '../../rules/lead-ids.js';

export interface CaptureDeps {
  temporal: Client;
  taskQueue: string;
  /** Whether the lead row exists already (the fast path for repeated references). */
  leadExists?: (leadId: string) => Promise<boolean>;
}

export async function captureLead(deps: CaptureDeps, capture: LeadCapture, actor: Actor, requestId: string): Promise<CaptureResult> {
  const leadId = capture.origSystemReference ? leadIdForReference(capture.source, capture.origSystemReference) : randomUUID();
  // A repeat of a reference already stored: the same lead, without asking its workflow again
  // (a storm of identical captures would queue behind the workflow's in-flight update limit).
  if (capture.origSystemReference && deps.leadExists && (await deps.leadExists(leadId))) return { leadId, created: false };
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
