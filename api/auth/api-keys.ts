// API keys: `lf_<prefix>_<secret>`. The prefix (48 random bits, stored in clear) finds the row;
// the secret (256 random bits) is stored only as its SHA-256.
//
// Why SHA-256 and not scrypt: scrypt/bcrypt/argon2 make guessing *low-entropy* secrets
// (passwords) expensive. These secrets are 256-bit random values: no dictionary, and 2^256
// guesses are out of reach whatever the hash costs, so a slow KDF adds nothing against a
// stolen table. It would cost every authenticated request ~50-100 ms of CPU on the capture
// path, and let anyone who knows a prefix burn our CPU. The comparison is constant-time.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApiKey, type IApiKey } from '../../db/entities/index.js';
import type { Logger } from '../../platform/logger.js';
import type { ApiKeyVerifier } from './authorizer.js';
import { ROLES, type Principal, type Role } from './principal.js';

const KEY_FORMAT = /^lf_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export const sha256Hex = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface NewApiKey {
  name: string;
  role: Role;
  source?: string | null;
  createdBy: string;
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(orm: MikroORM, input: NewApiKey): Promise<{ row: IApiKey; key: string }> {
  const em = orm.em.fork();
  for (let attempt = 0; ; attempt++) {
    const prefix = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const row = em.create(ApiKey, {
      id: randomUUID(),
      name: input.name,
      role: input.role,
      source: input.source ?? null,
      prefix,
      secretHash: sha256Hex(secret),
      createdBy: input.createdBy,
      createdAt: new Date(),
    });
    try {
      await em.flush();
      return { row, key: `lf_${prefix}_${secret}` };
    } catch (err) {
      // A prefix collision (1 in 2^48 per pair) is retried with new randomness.
      em.clear();
      if (attempt > 3 || !String(err).includes('api_key_prefix_unique')) throw err;
    }
  }
}

/** Marks a key revoked (idempotent); undefined when there is no such key. */
export async function revokeApiKey(orm: MikroORM, id: string): Promise<IApiKey | undefined> {
  const em = orm.em.fork();
  const row = await em.findOne(ApiKey, { id });
  if (!row) return undefined;
  if (!row.revokedAt) {
    row.revokedAt = new Date();
    await em.flush();
  }
  return row;
}

export function createApiKeyVerifier(orm: MikroORM, logger?: Logger): ApiKeyVerifier {
  return async (key: string): Promise<Principal | undefined> => {
    const match = KEY_FORMAT.exec(key);
    if (!match) return undefined;
    const [, prefix, secret] = match as unknown as [string, string, string];
    const em = orm.em.fork();
    const row = await em.findOne(ApiKey, { prefix }, { fields: ['id', 'name', 'role', 'source', 'secretHash', 'revokedAt'] });
    if (!row || row.revokedAt) return undefined;
    const expected = Buffer.from(row.secretHash, 'hex');
    const actual = createHash('sha256').update(secret).digest();
    if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined;
    if (!(ROLES as readonly string[]).includes(row.role)) return undefined;
    // At most one write a minute per key: last use is for people, not for accounting.
    void em.getConnection()
      .execute(`update "api_key" set "last_used_at" = now() where "id" = ? and ("last_used_at" is null or "last_used_at" < now() - interval '1 minute')`, [row.id], 'run')
      .catch((err: unknown) => logger?.warn({ err, apiKeyId: row.id }, 'could not record API key use'));
    return { kind: 'api_key', id: row.id, role: row.role as Role, name: row.name, ...(row.source ? { source: row.source } : {}) };
  };
}
