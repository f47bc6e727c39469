// A stand-in for the lead lifecycle workflow in offboarding tests: accepts the reassign update
// (recording its arguments), optionally holding the first one until `unblock`, or rejecting it.
import { ApplicationFailure, condition, defineQuery, defineSignal, setHandler } from '@temporalio/workflow';
import { reassignUpdate, type ReassignArgs } from '../../../workflows/messages.js';

export const receivedQuery = defineQuery<ReassignArgs[]>('received');
export const unblockSignal = defineSignal('unblock');

export async function stubLeadWorkflow(opts: { leadId: string; block?: boolean; reject?: boolean }): Promise<void> {
  const received: ReassignArgs[] = [];
  let blocked = opts.block === true;
  setHandler(receivedQuery, () => received);
  setHandler(unblockSignal, () => { blocked = false; });
  setHandler(
    reassignUpdate,
    async (args) => {
      await condition(() => !blocked);
      received.push(args);
      return { leadId: opts.leadId, ownerId: null, status: 'Qualified', assignmentStatus: 'Reassigned' };
    },
    { validator: (_args: ReassignArgs) => { if (opts.reject) throw ApplicationFailure.nonRetryable('lead is closed', 'LeadClosed'); } },
  );
  await condition(() => false);
}
