import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';

/** What activities need from the outside world; built by the worker, injected for tests. */
export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
}
