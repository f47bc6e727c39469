// Recognising the server's rejection of a workflow update that the worker did not process (the
// SDK lost the workflow task that carried it, e.g. under a storm of updates). The update's steps
// may have run in the lost attempt, so it must be resent with the same update id, never a new one.
import { WorkflowUpdateFailedError } from '@temporalio/client';

export function isUnprocessedUpdateRejection(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && /wasn't processed by worker|was not processed by worker/i.test(`${err.cause?.message ?? ''} ${err.message}`);
}
