// Recognising the server's refusal of a workflow update because the workflow task that carried it
// was lost or failed in the worker (the SDK can lose tasks under a storm of updates): "not
// processed by worker" after the task, or FAILED_PRECONDITION "unexpected workflow task failure"
// while it is retried. The update's steps may have run in the lost attempt, so it must be resent
// with the same update id, never a new one.
import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';

const FAILED_PRECONDITION = 9;

export function isUnprocessedUpdateRejection(err: unknown): boolean {
  if (err instanceof WorkflowUpdateFailedError) {
    return /wasn't processed by worker|was not processed by worker/i.test(`${err.cause?.message ?? ''} ${err.message}`);
  }
  const cause = err instanceof ServiceError ? (err.cause as { code?: number; details?: string } | undefined) : undefined;
  return cause?.code === FAILED_PRECONDITION && /workflow task failure/i.test(cause.details ?? '');
}
