import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';
import type { RuleSetLoader } from '../db/assignment/rule-sets.js';
import type { ApiKeyVerifier } from './auth/authorizer.js';

/** Everything the API needs; built by api/main.ts, or by tests. */
export interface AppDeps {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  authSecret: string;
  verifyApiKey?: ApiKeyVerifier;
  /** Request body limit for JSON (bytes). */
  jsonLimit?: number;
  /** Current rule sets by id (routing validation, simulation); default: none known. */
  ruleSets?: RuleSetLoader;
}
