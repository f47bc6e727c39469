// The stale sweep (see messages.ts): sweeps, then waits `intervalMinutes` or a `sweepNow` signal;
// continues as new after a few hundred sweeps so its history stays short.
import { allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { StaleSweepActivities } from '../activities/stale-sweep.js';
import { sweepNowSignal, type StaleSweepInput } from './messages.js';

const { sweepStaleLeads } = proxyActivities<StaleSweepActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

export async function staleSweepWorkflow(input: StaleSweepInput): Promise<void> {
  let kicked = false;
  setHandler(sweepNowSignal, () => {
    kicked = true;
  });
  const sweeps = input.sweepsPerRun ?? 200;
  for (let i = 0; i < sweeps; i++) {
    kicked = false;
    await sweepStaleLeads({ now: new Date().toISOString() });
    await condition(() => kicked, `${input.intervalMinutes} minutes`);
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof staleSweepWorkflow>(input);
}
