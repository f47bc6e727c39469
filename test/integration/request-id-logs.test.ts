// One request id from the HTTP request through the workflow's and the activity's log lines.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { installTemporalRuntime } from '../../platform/temporal-runtime.js';
import { startHarness, type Harness } from '../support/harness.js';

const lines: Record<string, any>[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
    done();
  },
});
const logger = pino({ level: 'info' }, sink);

let h: Harness;
beforeAll(async () => {
  // This file's Temporal runtime logs into `lines` (the harness keeps the first installed one).
  installTemporalRuntime(logger, 'ERROR');
  h = await startHarness({ app: { logger } });
});
afterAll(async () => { await h?.close(); });

async function eventually<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no log line: ${what}\n${lines.map((l) => JSON.stringify(l)).join('\n')}`);
}

it('the API, the workflow and the activity log the same request id', async () => {
  const res = await h.api('post', '/leads', { source: 'api', email: 'logs@example.com' }, { headers: { 'x-request-id': 'trace-logs-1' } });
  expect(res.status).toBe(201);
  const api = await eventually(() => lines.find((l) => l.msg === 'request completed' && l.requestId === 'trace-logs-1'), 'API request');
  expect(api).toMatchObject({ req: { method: 'POST', route: '/leads' }, res: { statusCode: 201 }, principal: 'user:test-admin' });
  const wf = await eventually(() => lines.find((l) => l.msg === 'lead captured' && l.requestId === 'trace-logs-1'), 'workflow');
  expect(wf.temporal).toMatchObject({ workflowId: `lead-${res.body.id}`, leadId: res.body.id });
  const act = await eventually(() => lines.find((l) => l.msg === 'lead stored' && l.requestId === 'trace-logs-1'), 'activity');
  expect(act.temporal).toMatchObject({ activityType: 'captureAndProcessLead', leadId: res.body.id });
});
