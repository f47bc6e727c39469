// The offboarding workflow with stand-in activities on the time-skipping server: pages through
// the open leads, keeps counting across continue-as-new (50 pages per run), answers the progress
// query, and reports failures without stopping.
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { installTemporalRuntime } from '../../platform/temporal-runtime.js';
import { createLogger } from '../../platform/logger.js';
import { OFFBOARDING_WORKFLOW, offboardingProgressQuery, type OffboardingInput, type OffboardingProgress } from '../../workflows/assignment-messages.js';
import { readRunState } from '../support/run-state.js';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  const state = readRunState();
  installTemporalRuntime(createLogger('error'), 'ERROR');
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: state.testServerPath! } } });
});
afterAll(async () => { await env?.teardown(); });

it('pages through 130 leads one per page (three runs), recording progress and failures', async () => {
  const leads = Array.from({ length: 130 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const sent: string[] = [];
  const recorded: { progress: OffboardingProgress; finished: boolean }[] = [];
  const activities = {
    async countOffboardingLeads() { return leads.length; },
    async listOffboardingLeads({ afterLeadId, limit }: { afterLeadId: string | null; limit: number }) {
      return leads.filter((id) => afterLeadId === null || id > afterLeadId).slice(0, limit);
    },
    async requestLeadReassign({ leadId }: { leadId: string }) {
      sent.push(leadId);
      return leadId.endsWith('7') ? { ok: false, error: 'lead is closed' } : { ok: true };
    },
    async recordOffboardingProgress(input: { progress: OffboardingProgress; finished: boolean }) { recorded.push(structuredClone(input)); },
  };
  const taskQueue = `offboarding-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, activities, workflowBundle: { codePath: readRunState().workflowBundlePath }, shutdownForceTime: '3 seconds',
  });
  const input: OffboardingInput = { offboardingId: randomUUID(), repId: randomUUID(), actor: { kind: 'system', id: 'test' }, pageSize: 1 };
  const result = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(OFFBOARDING_WORKFLOW, { taskQueue, workflowId: `offboarding-${input.repId}`, args: [input] });
    const out = (await handle.result()) as OffboardingProgress;
    const first = await env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    expect((await env.client.workflow.getHandle(handle.workflowId).query(offboardingProgressQuery)).processed).toBe(130);
    return out;
  });
  expect(sent).toEqual(leads);
  expect(result).toMatchObject({ total: 130, processed: 130, reassigned: 117, failed: 13, lastLeadId: leads[129] });
  expect(result.errors).toHaveLength(13);
  expect(recorded.at(-1)).toMatchObject({ finished: true, progress: { processed: 130 } });
  expect(recorded.filter((r) => r.finished)).toHaveLength(1);
  // Progress is recorded after every page, monotonically.
  const processed = recorded.map((r) => r.progress.processed);
  expect([...processed].sort((a, b) => a - b)).toEqual(processed);
});
