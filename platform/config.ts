// All runtime configuration in one zod-validated module. A bad value stops start-up with a
// message naming the variable.
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** postgres://user:pass@host:port/db. Unset: `npm start` runs embedded PostgreSQL. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(20),
  /** host:port of the Temporal frontend. Unset: `npm start` runs the Temporal dev server. */
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('leadflow'),
  TEMPORAL_UI_PORT: port.default(8233),
  /** Where `npm start` keeps embedded PostgreSQL and the Temporal dev server's SQLite file. */
  LEADFLOW_DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_POSTGRES_PORT: port.default(5433),
  TEMPORAL_DEV_PORT: port.default(7233),
  /** Secret for HS256 bearer tokens. In production this or LEADFLOW_JWKS_URL is required. */
  LEADFLOW_AUTH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Lifecycle notifications (offers, hopper arrivals, escalations) are POSTed here, signed. */
  NOTIFY_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** HMAC-SHA256 key for the X-Leadflow-Signature header of webhook deliveries. */
  NOTIFY_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  /** JWKS of an identity provider: bearer tokens signed with its keys (RS/PS/ES256, EdDSA) are accepted. */
  LEADFLOW_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Required `iss` and `aud` claims of bearer tokens. */
  LEADFLOW_JWT_ISSUER: z.string().min(1).default('leadflow'),
  LEADFLOW_JWT_AUDIENCE: z.string().min(1).default('leadflow-api'),
  /** Largest JSON request body, in bytes. */
  LEADFLOW_JSON_LIMIT: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(256 * 1024),
  /** Requests per minute per credential (token subject or API key); 0 turns rate limiting off. */
  LEADFLOW_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  /** Requests a credential may send at once before the per-minute rate applies. */
  LEADFLOW_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(120),
  /** How long an Idempotency-Key is remembered, in hours. */
  LEADFLOW_IDEMPOTENCY_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  /** Behind a TLS-terminating proxy: trust X-Forwarded-Proto/-For from it (enables HSTS on https). */
  LEADFLOW_TRUST_PROXY: bool.default(false),
  /** worker/main.ts: serve Prometheus metrics on this port (unset: not served). */
  WORKER_METRICS_PORT: port.optional(),
  /** Run the worker inside the API process (dev convenience). */
  WORKER_ENABLED: bool.default(true),
  /** Minutes between stale sweeps (lowered stale thresholds reach waiting leads); 0: this worker starts none. */
  LEADFLOW_STALE_SWEEP_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(5),
});
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const config = parsed.data;
  if (Boolean(config.NOTIFY_WEBHOOK_URL) !== Boolean(config.NOTIFY_WEBHOOK_SECRET)) {
    const missing = config.NOTIFY_WEBHOOK_URL ? 'NOTIFY_WEBHOOK_SECRET' : 'NOTIFY_WEBHOOK_URL';
    throw new ConfigError([{ variable: missing, message: 'NOTIFY_WEBHOOK_URL and NOTIFY_WEBHOOK_SECRET go together' }]);
  }
  if (config.NODE_ENV === 'production' && !config.LEADFLOW_AUTH_SECRET && !config.LEADFLOW_JWKS_URL) {
    throw new ConfigError([{ variable: 'LEADFLOW_AUTH_SECRET', message: 'required when NODE_ENV=production (or set LEADFLOW_JWKS_URL)' }]);
  }
  return config;
}

/** The notification webhook, when configured. */
export function webhookOf(config: Config): { url: string; secret: string } | undefined {
  return config.NOTIFY_WEBHOOK_URL && config.NOTIFY_WEBHOOK_SECRET ? { url: config.NOTIFY_WEBHOOK_URL, secret: config.NOTIFY_WEBHOOK_SECRET } : undefined;
}
