// Everything the assignment activities share in one worker process: deps, clock, the catalog
// cache, compiled rule sets, and the decision-webhook starter.
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CatalogCache } from '../db/assignment/catalog.js';
import { RuleSetCompiler, storedRuleSetLoader, type RuleSetLoader } from '../db/assignment/rule-sets.js';
import type { Logger } from '../platform/logger.js';
import { decideBatch } from './assign-lead.js';
import { AssignmentLane } from './assignment-lane.js';
import { DecisionWebhookStarter } from './decision-webhook.js';
import { LockPrediction } from './lock-prediction.js';
import type { ActivityDeps } from './deps.js';

export interface AssignmentOptions {
  /** Decision time (tests pin it); default: the wall clock. */
  now?: () => Date;
  /** Overrides deps.ruleSets. */
  ruleSets?: RuleSetLoader;
  /** Share one cache between activity instances (tests, benchmark). */
  catalog?: CatalogCache;
  /** Queued leads signalled per released lead slot (default 2: the oldest, plus one in case it went elsewhere). */
  capacityFreedBatch?: number;
  /** Concurrent calls decided together in one transaction (default 64; 1 = every call its own transaction). */
  batchSize?: number;
  /** Batches in flight per worker process (default 2). */
  batchConcurrency?: number;
  /** Task queue for decision-webhook workflows when not called from an activity (tests). */
  webhookTaskQueue?: string;
  maxLockRetries?: number;
}

export interface AssignmentContext {
  orm: MikroORM;
  logger: Logger;
  temporal: Client;
  clock: () => Date;
  catalog: CatalogCache;
  rules: RuleSetCompiler;
  webhooks: DecisionWebhookStarter;
  capacityFreedBatch: number;
  maxLockRetries: number;
  /** Weighted pools known to have their row. */
  knownPools: Set<string>;
  /** Batches concurrent calls (undefined: every call decides alone). */
  lane: AssignmentLane | undefined;
  /** Rows recent decisions locked (skips the snapshot plan once warm). */
  lockPrediction: LockPrediction;
}

export function assignmentContext(deps: ActivityDeps, options: AssignmentOptions = {}): AssignmentContext {
  const batchSize = options.batchSize ?? 64;
  const ctx: AssignmentContext = {
    orm: deps.orm,
    logger: deps.logger,
    temporal: deps.temporal,
    clock: options.now ?? (() => new Date()),
    catalog: options.catalog ?? new CatalogCache(),
    rules: new RuleSetCompiler(options.ruleSets ?? deps.ruleSets ?? storedRuleSetLoader(deps.orm)),
    webhooks: new DecisionWebhookStarter(deps.orm, deps.temporal, deps.logger, options.webhookTaskQueue),
    capacityFreedBatch: options.capacityFreedBatch ?? 2,
    maxLockRetries: options.maxLockRetries ?? 8,
    knownPools: new Set(),
    lane: undefined,
    lockPrediction: new LockPrediction(),
  };
  if (batchSize > 1) ctx.lane = new AssignmentLane((batch) => decideBatch(ctx, batch), batchSize, options.batchConcurrency ?? 2);
  return ctx;
}
