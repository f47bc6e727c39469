import type { Context } from '@temporalio/activity';
import { createMetrics } from '../../../platform/metrics.js';
import { activityInterceptors, requestIdOf } from '../../../worker/activity-interceptors.js';

const ctx = (activityType: string) => ({ info: { activityType } }) as unknown as Context;

describe('activity interceptors', () => {
  it('put the input’s request id on every log line of the activity', async () => {
    const { inbound, outbound } = activityInterceptors()(ctx('captureLead'));
    let attrs: Record<string, unknown> = {};
    await inbound!.execute!({ args: [{ leadId: 'L', requestId: 'req-42' }], headers: {} }, async () => {
      attrs = outbound!.getLogAttributes!({ activityId: '1' }, (a) => a);
      return undefined;
    });
    expect(attrs).toEqual({ activityId: '1', requestId: 'req-42' });
    expect(requestIdOf([])).toBeUndefined();
    expect(requestIdOf([{ requestId: 7 }])).toBeUndefined();
    expect(requestIdOf(['x'])).toBeUndefined();
  });

  it('count failed attempts by activity and error type, and time every attempt', async () => {
    const metrics = createMetrics();
    const make = () => activityInterceptors(metrics)(ctx('captureLead')).inbound!;
    await make().execute!({ args: [{}], headers: {} }, async () => 'ok');
    const boom = Object.assign(new Error('db down'), { name: 'DriverException' });
    await expect(make().execute!({ args: [{}], headers: {} }, async () => { throw boom; })).rejects.toBe(boom);
    expect(metrics.activityFailures.get({ activity: 'captureLead', error: 'DriverException' })).toBe(1);
    expect(metrics.activityDuration.count({ activity: 'captureLead', outcome: 'completed' })).toBe(1);
    expect(metrics.activityDuration.count({ activity: 'captureLead', outcome: 'failed' })).toBe(1);
  });
});
