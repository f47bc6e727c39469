// API keys for integrations (web forms, marketing systems, CSV uploads). The secret is shown
// once at creation; only its SHA-256 is stored (see api/auth/api-keys.ts for why not scrypt).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const ApiKey = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(100),
    role: p.string().length(20),
    /** Only leads of this source may be captured with the key. */
    source: p.string().length(20).nullable(),
    /** Public, random part of the key: finds the row without scanning hashes. */
    prefix: p.string().length(16).unique('api_key_prefix_unique'),
    /** Hex SHA-256 of the secret part. */
    secretHash: p.string().length(64),
    createdBy: p.string().length(200),
    createdAt: p.datetime().length(3).defaultRaw('now()'),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'api_key_created_idx', properties: ['createdAt', 'id'] }],
});
export type IApiKey = InferEntity<typeof ApiKey>;
