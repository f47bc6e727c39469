// Sending lifecycle updates to a lead's workflow and mapping the outcome to HTTP.
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { LEAD_ERRORS, leadWorkflowId } from '../../workflows/messages.js';
import { HttpProblem } from '../http/problem.js';

const STATUS_BY_TYPE: Record<string, { status: number; code: string }> = {
  [LEAD_ERRORS.notOffered]: { status: 409, code: 'lead_not_offered_to_rep' },
  [LEAD_ERRORS.notInHopper]: { status: 409, code: 'lead_not_in_hopper' },
  [LEAD_ERRORS.notOwned]: { status: 409, code: 'lead_not_owned' },
  [LEAD_ERRORS.alreadyOwned]: { status: 409, code: 'lead_already_owned' },
  [LEAD_ERRORS.closed]: { status: 409, code: 'lead_closed' },
  [LEAD_ERRORS.forbidden]: { status: 403, code: 'lead_action_forbidden' },
  [LEAD_ERRORS.invalid]: { status: 422, code: 'lead_action_invalid' },
};

export async function updateLead<Ret, Arg>(temporal: Client, leadId: string, def: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  try {
    return await temporal.workflow.getHandle(leadWorkflowId(leadId)).executeUpdate(def, { args: [arg] });
  } catch (err) {
    // Not one of the lifecycle's own refusals: if the lead's workflow has ended meanwhile (the
    // update raced the action that closed it), that is the answer; anything else is a fault.
    throw toProblem(err, leadId) ?? ((await workflowEnded(temporal, leadId)) ? closedProblem(leadId) : err);
  }
}

async function workflowEnded(temporal: Client, leadId: string): Promise<boolean> {
  try {
    const { status } = await temporal.workflow.getHandle(leadWorkflowId(leadId)).describe();
    return status.name !== 'RUNNING';
  } catch (err) {
    return err instanceof WorkflowNotFoundError;
  }
}

const closedProblem = (leadId: string) =>
  new HttpProblem(409, 'lead_closed', `lead ${leadId} is closed (converted or retired): its lifecycle has ended`, { extras: { leadId } });

function toProblem(err: unknown, leadId: string): HttpProblem | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const mapped = err.cause.type ? STATUS_BY_TYPE[err.cause.type] : undefined;
    if (mapped) return new HttpProblem(mapped.status, mapped.code, err.cause.message, { extras: { leadId } });
  }
  if (err instanceof WorkflowNotFoundError || isCompleted(err)) return closedProblem(leadId);
  return undefined;
}

function isCompleted(err: unknown): boolean {
  return err instanceof Error && /already completed|workflow execution already completed/i.test(err.message);
}
