// Builds the leadflow worker: activities from injected deps, workflows from a bundle or source.
import { createRequire } from 'node:module';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities/index.js';
import type { Client } from '@temporalio/client';
import { STALE_SWEEP_WORKFLOW_TYPE, staleSweepWorkflowId, type StaleSweepInput } from '../workflows/messages.js';
import { activityInterceptors } from './activity-interceptors.js';

const require = createRequire(import.meta.url);

export interface LeadflowWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Pre-built bundle (tests, production images); else the workflows are bundled at start. */
  workflowBundlePath?: string;
  tuning?: Pick<WorkerOptions, 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions' | 'maxCachedWorkflows' | 'shutdownForceTime' | 'shutdownGraceTime'>;
  /** Minutes between stale sweeps (a lowered stale threshold reaches waiting leads); 0 or absent: the worker starts none. */
  staleSweepMinutes?: number;
}

export const WORKFLOWS_PATH = require.resolve('../workflows/index.ts');

/**
 * Stateless libraries evaluated once per worker thread instead of once per workflow (a reused V8
 * context re-initialises the other modules for every new workflow, which dominated its CPU time).
 */
export const WORKFLOW_PRELOAD_MODULES = ['@temporalio/common', 'nexus-rpc'];

export async function createLeadflowWorker(opts: LeadflowWorkerOptions): Promise<Worker> {
  const worker = await Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts.deps),
    interceptors: { activity: [activityInterceptors(opts.deps.metrics)] },
    ...(opts.workflowBundlePath
      ? { workflowBundle: { codePath: opts.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: WORKFLOW_PRELOAD_MODULES } }),
    shutdownGraceTime: '10 seconds',
    ...opts.tuning,
  });
  if (opts.staleSweepMinutes) await ensureStaleSweep(opts.deps.temporal, opts.taskQueue, opts.staleSweepMinutes);
  return worker;
}

/** Starts the task queue's stale sweep unless it runs already (every worker asks; one runs). */
export async function ensureStaleSweep(temporal: Client, taskQueue: string, intervalMinutes: number): Promise<void> {
  await temporal.workflow.start(STALE_SWEEP_WORKFLOW_TYPE, {
    workflowId: staleSweepWorkflowId(taskQueue),
    taskQueue,
    args: [{ intervalMinutes } satisfies StaleSweepInput],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
