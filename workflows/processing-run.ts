// One run of a lead processing activity (started by its Temporal Schedule or by the API): start
// the run (a snapshot of the definition), process pages through a heartbeating activity that
// resumes after the last committed page, continue-as-new to keep history bounded, finish as
// Completed or Completed with error. Never left In progress: failures and cancellation finish it.
import {
  ActivityFailure,
  CancellationScope,
  continueAsNew,
  isCancellation,
  log,
  proxyActivities,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ProcessingActivities } from '../activities/processing/index.js';
import type { ProcessingRunInput, ProcessingRunSummary } from './messages.js';
import { ProcessingActivityIdKey } from './search-attributes.js';

const control = proxyActivities<Pick<ProcessingActivities, 'startProcessingRun' | 'finishProcessingRun'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
/** Bounded retries: a page that keeps failing ends the run Completed with error instead of hanging it. */
const pages = proxyActivities<Pick<ProcessingActivities, 'processRunPages'>>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 },
});

const DEFAULT_PAGES_PER_CALL = 20;
const DEFAULT_CALLS_BEFORE_CONTINUE_AS_NEW = 100;
const PAGE_CALL_BUDGET_MS = 60_000;

function reason(err: unknown): string {
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}

export async function processingRunWorkflow(input: ProcessingRunInput): Promise<ProcessingRunSummary | null> {
  upsertSearchAttributes([{ key: ProcessingActivityIdKey, value: input.activityId }]);
  const runId = input.runId ?? uuid4();
  if (!input.runId) {
    const started = await control.startProcessingRun({ runId, activityId: input.activityId, workflowId: workflowInfo().workflowId, trigger: input.trigger });
    if (!started.started) {
      log.info('processing run not started', { activityId: input.activityId, reason: started.reason });
      return null;
    }
  }
  const maxPages = input.pagesPerCall ?? DEFAULT_PAGES_PER_CALL;
  const callLimit = input.callsBeforeContinueAsNew ?? DEFAULT_CALLS_BEFORE_CONTINUE_AS_NEW;
  try {
    for (let calls = 1; ; calls++) {
      const r = await pages.processRunPages({ runId, maxPages, maxMillis: PAGE_CALL_BUDGET_MS });
      if (r.done) break;
      if (calls >= callLimit || workflowInfo().continueAsNewSuggested) {
        return continueAsNew<typeof processingRunWorkflow>({ ...input, runId });
      }
    }
  } catch (err) {
    if (isCancellation(err)) {
      await CancellationScope.nonCancellable(() => control.finishProcessingRun({ runId, error: 'cancelled' }));
      throw err;
    }
    log.warn('processing run failed', { runId, error: reason(err) });
    return control.finishProcessingRun({ runId, error: reason(err) });
  }
  return control.finishProcessingRun({ runId });
}
