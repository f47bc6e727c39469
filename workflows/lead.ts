// One entity workflow per lead: it owns the lead's lifecycle and changes it only through
// activities that write Postgres. Deterministic orchestration only.
import { condition, log, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { capturedUpdate, stateQuery, type LeadLiveState, type LeadWorkflowInput } from './messages.js';
import { AssignmentStatusKey, LeadStatusKey } from './search-attributes.js';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export async function leadWorkflow(input: LeadWorkflowInput): Promise<void> {
  const state: LeadLiveState = {
    leadId: input.leadId,
    captured: false,
    status: 'Unqualified',
    assignmentStatus: 'Unassigned',
    ownerId: null,
    rank: null,
    score: null,
    lastActivityAt: new Date().toISOString(),
    eventCount: 0,
  };
  let created = false;
  const nextEventKey = () => `${workflowInfo().workflowId}/${++state.eventCount}`;

  setHandler(stateQuery, () => state);
  setHandler(capturedUpdate, async (requestId) => {
    await condition(() => state.captured);
    return { leadId: input.leadId, created: created && requestId === input.requestId };
  });

  const result = await acts.captureLead({
    leadId: input.leadId,
    capture: input.capture,
    actor: input.actor,
    eventKey: nextEventKey(),
    requestId: input.requestId,
  });
  created = result.created;
  state.captured = true;
  log.info('lead captured', { leadId: input.leadId, requestId: input.requestId, created, actor: `${input.actor.kind}:${input.actor.id}` });
  upsertSearchAttributes([
    { key: LeadStatusKey, value: state.status },
    { key: AssignmentStatusKey, value: state.assignmentStatus },
  ]);

  // The lifecycle (qualify, rank, assign, offer, stale timer) continues here.
  await condition(() => state.status === 'Converted' || state.status === 'Retired');
}
