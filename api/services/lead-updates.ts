// Sending lifecycle updates to a lead's workflow and mapping the outcome to HTTP.
//
// A lead's workflow applies its updates one at a time anyway (its lock), so this process sends
// at most a few per lead at once and queues the rest: a burst of actions on one lead (a client
// retry storm, two screens, a fuzzer) otherwise runs into the server's limit of in-flight updates
// per workflow, and under such storms the SDK's worker can lose a workflow task, whose updates the
// server then rejects as "not processed by worker" although their steps may have run. Such a
// rejection is resent with the same update id: the workflow derives its steps' event keys from
// that id, so whatever the lost attempt wrote is recognised, never written twice. A lead that stays
// that busy answers 503 `lead_busy` with Retry-After, never a 500.
import { randomUUID } from 'node:crypto';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import { LEAD_ERRORS, leadWorkflowId } from '../../workflows/messages.js';
import { HttpProblem } from '../http/problem.js';
import { isUnprocessedUpdateRejection } from '../../platform/update-rejections.js';
import { PerKeyLimiter } from './per-key-limiter.js';

const STATUS_BY_TYPE: Record<string, { status: number; code: string }> = {
  [LEAD_ERRORS.notOffered]: { status: 409, code: 'lead_not_offered_to_rep' },
  [LEAD_ERRORS.notInHopper]: { status: 409, code: 'lead_not_in_hopper' },
  [LEAD_ERRORS.notOwned]: { status: 409, code: 'lead_not_owned' },
  [LEAD_ERRORS.alreadyOwned]: { status: 409, code: 'lead_already_owned' },
  [LEAD_ERRORS.closed]: { status: 409, code: 'lead_closed' },
  [LEAD_ERRORS.forbidden]: { status: 403, code: 'lead_action_forbidden' },
  [LEAD_ERRORS.invalid]: { status: 422, code: 'lead_action_invalid' },
};

/** Updates one process sends to one lead at the same time (the server allows 10 per workflow). */
export const MAX_UPDATES_IN_FLIGHT_PER_LEAD = 3;
/** Backoff (ms) between resends of an update the server rejected as not processed by the worker. */
const RETRY_DELAYS_MS = [50, 150, 400, 1000, 2000];

export async function updateLead<Ret, Arg>(temporal: Client, leadId: string, def: UpdateDefinition<Ret, [Arg]>, arg: Arg): Promise<Ret> {
  // One update id for every attempt: a resend after a rejection is the same update to the server
  // and to the workflow (whose event keys derive from it), never a second one.
  const id = randomUUID();
  return perLead.run(leadId, async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await temporal.workflow.getHandle(leadWorkflowId(leadId)).executeUpdate(def, { args: [arg], updateId: id });
      } catch (err) {
        const problem = toProblem(err, leadId);
        if (problem) throw problem;
        const lost = isUnprocessedUpdateRejection(err);
        if (lost && attempt < RETRY_DELAYS_MS.length) {
          await sleep(RETRY_DELAYS_MS[attempt]!); // a resend to an ended workflow answers 409 above
          continue;
        }
        // Not one of the lifecycle's own refusals: if the lead's workflow has ended meanwhile (the
        // update raced the action that closed it), that is the answer.
        if (await workflowEnded(temporal, leadId)) throw closedProblem(leadId);
        if (lost || transient(err)) throw busyProblem(leadId, err);
        throw err;
      }
    }
  });
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

const busyProblem = (leadId: string, err: unknown) =>
  new HttpProblem(503, 'lead_busy', `lead ${leadId} is taking too many changes at once (${causeText(err)}); retry shortly`, {
    headers: { 'Retry-After': '1' },
    extras: { leadId },
  });

function toProblem(err: unknown, leadId: string): HttpProblem | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const mapped = err.cause.type ? STATUS_BY_TYPE[err.cause.type] : undefined;
    // The owner who has the lead travels with the refusal (a losing claim is told who won).
    const ownerId = (err.cause.details?.[0] as { ownerId?: unknown } | undefined)?.ownerId;
    if (mapped) return new HttpProblem(mapped.status, mapped.code, err.cause.message, { extras: { leadId, ...(typeof ownerId === 'string' ? { ownerId } : {}) } });
  }
  if (err instanceof WorkflowNotFoundError || isCompleted(err)) return closedProblem(leadId);
  return undefined;
}

function isCompleted(err: unknown): boolean {
  return err instanceof Error && /already completed|workflow execution already completed/i.test(err.message);
}

/** The update could not be delivered now (in-flight limit, aborted, RPC timeout): retryable by the client. */
function transient(err: unknown): boolean {
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (!(err instanceof ServiceError)) return false;
  const code = (err.cause as { code?: number } | undefined)?.code;
  return code === 8 /* RESOURCE_EXHAUSTED */ || code === 14 /* UNAVAILABLE */ || code === 4 /* DEADLINE_EXCEEDED */;
}

function causeText(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { details?: string; message?: string } | undefined) : undefined;
  return cause?.details ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const perLead = new PerKeyLimiter(MAX_UPDATES_IN_FLIGHT_PER_LEAD);
