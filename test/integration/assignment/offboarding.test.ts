// Offboarding (bulk reassignment of a rep's open leads) end to end: POST /reps/:id/offboard starts
// the offboarding workflow, which pages through the rep's open leads and sends each lead workflow
// the reassign update (reason Workload); progress is in Postgres. The lead lifecycle is built
// elsewhere, so the lead workflows here are stand-ins (test/support/stubs) on their own worker.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { startHarness, type Harness } from '../../support/harness.js';
import { apiRep, insertLeads } from '../../support/assignment.js';
import { leadWorkflowId } from '../../../workflows/messages.js';
import { receivedQuery, unblockSignal } from '../../support/stubs/lead-workflow-stub.js';

const require = createRequire(import.meta.url);
let h: Harness;
let stubWorker: Worker;
let stubRun: Promise<void>;
let connection: NativeConnection;
const stubQueue = `stub-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  h = await startHarness();
  connection = await NativeConnection.connect({ address: h.state.temporalAddress });
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../support/stubs/lead-workflow-stub.ts'), logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } as never });
  stubWorker = await Worker.create({ connection, taskQueue: stubQueue, workflowBundle: bundle, shutdownForceTime: '3 seconds' });
  stubRun = stubWorker.run();
}, 180_000);
afterAll(async () => {
  stubWorker?.shutdown();
  await stubRun;
  await connection?.close();
  await h?.close();
});

const startStub = (leadId: string, opts: { block?: boolean; reject?: boolean } = {}) =>
  h.temporal.workflow.start('stubLeadWorkflow', { taskQueue: stubQueue, workflowId: leadWorkflowId(leadId), args: [{ leadId, ...opts }] });

async function waitFor<T>(fn: () => Promise<T>, done: (v: T) => boolean, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

it('reassigns every open lead page by page, reports progress and failures, and allows one offboarding per rep at a time', async () => {
  const rep = await apiRep(h, { name: 'Leaving rep' });
  const other = await apiRep(h);
  const owned = await insertLeads(h, 7, () => ({ ownerId: rep.id, assignmentStatus: 'Assigned' }));
  const [offered] = await insertLeads(h, 1, () => ({ offeredToId: rep.id, assignmentStatus: 'Offered' }));
  const [noWorkflow] = await insertLeads(h, 1, () => ({ ownerId: rep.id }));
  const [closedOne] = await insertLeads(h, 1, () => ({ ownerId: rep.id }));
  await insertLeads(h, 2, () => ({ ownerId: rep.id, status: 'Converted' })); // not open
  await insertLeads(h, 2, () => ({ ownerId: other.id })); // someone else's
  const sorted = [...owned, offered!].sort();
  const blocked = sorted[0]!;
  for (const id of [...owned, offered!]) await startStub(id, { block: id === blocked });
  await startStub(closedOne!, { reject: true });

  const started = await h.api('post', `/reps/${rep.id}/offboard`, { pageSize: 3 }, { role: 'manager' });
  expect(started.status).toBe(202);
  expect(started.body).toMatchObject({ repId: rep.id, status: 'Running', workflowId: `offboarding-${rep.id}` });
  expect((await h.api('get', `/reps/${rep.id}`)).body).toMatchObject({ active: false, available: false });
  // The first update waits in its lead workflow: the offboarding is still running, a second one is refused.
  const again = await h.api('post', `/reps/${rep.id}/offboard`, {}, { role: 'admin' });
  expect(again.status).toBe(409);
  expect(again.body.offboardingId).toBe(started.body.id);
  await h.temporal.workflow.getHandle(leadWorkflowId(blocked)).signal(unblockSignal);

  const done = await waitFor(() => h.api('get', `/reps/${rep.id}/offboard`, undefined, { role: 'ops' }), (r) => r.body.finishedAt !== null);
  expect(done.body).toMatchObject({ id: started.body.id, status: 'Completed with error', total: 10, processed: 10, reassigned: 8, failed: 2 });
  expect(done.body.errors).toEqual(expect.arrayContaining([
    { leadId: noWorkflow, error: 'lead workflow not found' },
    { leadId: closedOne, error: 'lead is closed' },
  ]));
  for (const id of [...owned, offered!]) {
    const received = await h.temporal.workflow.getHandle(leadWorkflowId(id)).query(receivedQuery);
    expect(received).toEqual([expect.objectContaining({ reason: 'Workload', requestId: `offboarding-${started.body.id}-${id}` })]);
  }
  expect((await h.api('get', `/offboardings/${started.body.id}`)).body.processed).toBe(10);
  expect((await h.api('post', `/reps/${rep.id}/offboard`, {}, { role: 'rep', repId: rep.id })).status).toBe(403);
  expect((await h.api('get', `/reps/${other.id}/offboard`)).status).toBe(404);
});
