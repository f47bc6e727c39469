// The processing-run activities: start a run (snapshot), process pages (heartbeating; a retry
// resumes after the last committed page, read from Postgres), finish it.
import { randomUUID } from 'node:crypto';
import { CancelledFailure, Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { CompiledRuleSetCache } from '../../db/rule-set-store.js';
import type { ProcessingRunSummary } from '../../workflows/messages.js';
import type { ActivityDeps } from '../deps.js';
import { RunDefinitionError, finishRun, runPages, startRun, type RunPagesResult, type StartRunInput, type StartRunResult } from './runs.js';
import { temporalSignalSender, type SignalSender } from './signals.js';

export type { RunPagesResult, StartRunResult };

/** Heartbeats with progress details and stops at the next checkpoint once the activity is cancelled. */
function checkpoint(details?: unknown): void {
  const ctx = Context.current();
  ctx.heartbeat(details);
  const signal = ctx.cancellationSignal;
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new CancelledFailure(String(signal.reason ?? 'cancelled'));
}

export function processingActivities({ orm, temporal }: ActivityDeps, opts: { sendSignals?: SignalSender } = {}) {
  const cache = new CompiledRuleSetCache();
  const sendSignals = opts.sendSignals ?? temporalSignalSender(temporal);
  // Pages record which activity instance committed them (a restarted worker is another instance).
  const instance = randomUUID().slice(0, 8);
  const base = { orm, sendSignals, checkpoint };

  return {
    async startProcessingRun(input: StartRunInput): Promise<StartRunResult> {
      return startRun(orm, input);
    },

    async processRunPages(input: { runId: string; maxPages: number; maxMillis?: number }): Promise<RunPagesResult> {
      const attempt = Context.current().info.attempt;
      try {
        return await runPages({ ...base, cache, processedBy: `${instance}/attempt-${attempt}` }, input);
      } catch (err) {
        // A run whose definition cannot be evaluated (e.g. its rule set version is gone) will not get better by retrying.
        if (err instanceof RunDefinitionError) throw ApplicationFailure.nonRetryable(err.message, 'ProcessingRunInvalid');
        throw err;
      }
    },

    async finishProcessingRun(input: { runId: string; error?: string | null }): Promise<ProcessingRunSummary | null> {
      return finishRun({ ...base, checkpoint: () => Context.current().heartbeat() }, input.runId, input.error ?? null);
    },
  };
}
export type ProcessingActivities = ReturnType<typeof processingActivities>;
