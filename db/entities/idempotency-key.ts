// Idempotency keys (`Idempotency-Key` header): the first response to a (principal, key) is
// stored and replayed to retries; a key reused with another request is refused.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_key',
  properties: {
    principal: p.string().length(200).primary(),
    key: p.string().length(200).primary(),
    method: p.string().length(10),
    path: p.string().length(2000),
    /** Hex SHA-256 of method, path and the canonical JSON body. */
    requestHash: p.string().length(64),
    /** in_progress while the first request runs; done once its response is stored. */
    state: p.string().length(12),
    /** An in_progress row whose lease has run out (its process died) may be taken over. */
    lockedUntil: p.datetime(),
    status: p.integer().nullable(),
    body: p.json<unknown>().nullable(),
    headers: p.json<Record<string, string>>().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
  },
  indexes: [{ name: 'idempotency_key_expires_idx', properties: ['expiresAt'] }],
});
export type IIdempotencyKey = InferEntity<typeof IdempotencyKey>;
