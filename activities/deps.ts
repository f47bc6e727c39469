import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RuleSetLoader } from '../db/assignment/rule-sets.js';
import type { Logger } from '../platform/logger.js';
import type { LeadflowMetrics } from '../platform/metrics.js';

/** What activities need from the outside world; built by the worker, injected for tests. */
export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
  /** To signal other lead workflows (e.g. capacity freed for queued leads). */
  temporal: Client;
  /** Where lifecycle notifications go besides the log. */
  webhook?: { url: string; secret: string };
  /**
   * Offers, accept latency and SLA breaches are counted by the activities that make them
   * (`metrics?.offers.inc()`, `acceptLatency.observe({}, s)`, `slaBreaches.inc()`).
   */
  metrics?: LeadflowMetrics;
  /** Current rule sets by id, for routing (gates, rule-based steps); default: none known. */
  ruleSets?: RuleSetLoader;
}
