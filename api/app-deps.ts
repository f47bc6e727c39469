import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../platform/logger.js';
import type { LeadflowMetrics } from '../platform/metrics.js';
import type { RuleSetLoader } from '../db/assignment/rule-sets.js';
import type { ApiKeyVerifier } from './auth/authorizer.js';
import type { LeadAccessLoader } from './auth/lead-access-loader.js';
import type { ContractViolation } from './http/contract.js';

/** Everything the API needs; built by platform/leadflow-process.ts, or by tests. */
export interface AppDeps {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  /** HS256 secret for bearer tokens; this and/or `jwksUrl` is required. */
  authSecret?: string;
  /** JWKS URL of an identity provider for bearer tokens (asymmetric keys). */
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Default: keys in the api_key table. */
  verifyApiKey?: ApiKeyVerifier;
  /** Default: the lead row plus the lead team/territory/rep tables once they exist. */
  leadAccess?: LeadAccessLoader;
  /** Request body limit for JSON (bytes). */
  jsonLimit?: number;
  /** Token bucket per credential; false or absent: no limit. */
  rateLimit?: { perMinute: number; burst: number } | false;
  idempotencyTtlSeconds?: number;
  /** Trust X-Forwarded-* from the proxy in front (TLS termination, HSTS). */
  trustProxy?: boolean;
  /** Shared with an in-process worker; default: a registry of the API's own. */
  metrics?: LeadflowMetrics;
  /** Turns on the response contract check (tests): called for every violation. */
  onContractViolation?: (v: ContractViolation) => void;
  /** Current rule sets by id (routing validation, simulation); default: none known. */
  ruleSets?: RuleSetLoader;
}
