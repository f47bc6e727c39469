// Signals from processing runs to lead workflows: a repeated send (a page whose signals are sent
// again after a crash) reaches the workflow once, because the request id is derived from (run,
// lead, kind); a lead without a running workflow is counted as missed.
import { randomUUID } from 'node:crypto';
import { temporalSignalSender } from '../../../activities/processing/signals.js';
import { LEAD_WORKFLOW_TYPE, leadWorkflowId } from '../../../workflows/messages.js';
import { startHarness, type Harness } from '../../support/harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

it('the same (run, lead, kind) is delivered once; other kinds and runs are not suppressed; missing workflows are counted', async () => {
  const leadId = randomUUID();
  // A lead workflow on a task queue no worker polls: it only records the signals it receives.
  const handle = await h.temporal.workflow.start(LEAD_WORKFLOW_TYPE, { workflowId: leadWorkflowId(leadId), taskQueue: `nobody-${leadId}`, args: [] });
  try {
    const send = temporalSignalSender(h.temporal, 4);
    const meta = { runId: randomUUID(), processingActivityId: randomUUID() };
    const rescored = { leadId, kind: 'rescored' as const, derived: { score: 40 } };
    expect(await send([rescored], meta)).toEqual({ sent: 1, missed: 0 });
    expect(await send([rescored], meta)).toEqual({ sent: 1, missed: 0 }); // accepted, and dropped by the server
    await send([{ leadId, kind: 'reassign' }], meta);
    await send([rescored], { ...meta, runId: randomUUID() });
    expect(await send([{ leadId: randomUUID(), kind: 'reassign' }, { leadId: randomUUID(), kind: 'rescored' }], meta)).toEqual({ sent: 0, missed: 2 });

    const signals: { kind: string; runId: string }[] = [];
    for (const e of (await handle.fetchHistory()).events ?? []) {
      const attrs = e.workflowExecutionSignaledEventAttributes;
      if (attrs?.signalName !== 'processing') continue;
      const payload = JSON.parse(Buffer.from(attrs.input!.payloads![0]!.data!).toString()) as { kind: string; runId: string };
      signals.push({ kind: payload.kind, runId: payload.runId });
    }
    expect(signals).toEqual([
      { kind: 'rescored', runId: meta.runId },
      { kind: 'reassign', runId: meta.runId },
      { kind: 'rescored', runId: expect.not.stringMatching(meta.runId) },
    ]);
  } finally {
    await handle.terminate('test done');
  }
});
