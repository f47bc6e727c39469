// The lead workflow on the time-skipping test server, with real activities and Postgres.
import { randomUUID } from 'node:crypto';
import { capturedUpdate, leadWorkflowId, stateQuery, type LeadWorkflowInput } from '../../workflows/messages.js';
import { startTimeSkipping, type TimeSkippingHarness } from '../support/time-skipping.js';

let ts: TimeSkippingHarness;
beforeAll(async () => { ts = await startTimeSkipping(); });
afterAll(async () => { await ts?.close(); });

it('captures a lead exactly once and keeps it open across simulated weeks', async () => {
  const leadId = randomUUID();
  const input: LeadWorkflowInput = {
    leadId,
    capture: { source: 'api', firstName: 'Grace', email: 'grace@example.com' },
    actor: { kind: 'system', id: 'test' },
    requestId: 'req-1',
  };
  await ts.withWorker(async () => {
    const handle = await ts.env.client.workflow.start('leadWorkflow', { taskQueue: ts.taskQueue, workflowId: leadWorkflowId(leadId), args: [input] });
    expect(await handle.executeUpdate(capturedUpdate, { args: ['req-1'] })).toEqual({ leadId, created: true });
    expect(await handle.executeUpdate(capturedUpdate, { args: ['req-2'] })).toEqual({ leadId, created: false });
    await ts.env.sleep('14 days');
    expect((await handle.query(stateQuery)).captured).toBe(true);
  });
  expect(await ts.sql('select id, first_name from lead')).toEqual([{ id: leadId, first_name: 'Grace' }]);
  expect(await ts.sql('select action from audit_event where lead_id = $1', [leadId])).toEqual([{ action: 'captured' }]);
});
