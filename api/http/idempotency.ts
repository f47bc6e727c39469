// Idempotency keys: a client sends `Idempotency-Key: <key>` on a route declared `idempotent`.
// The first request with a (principal, key) acts and its response is stored; a retry with the
// same key and the same request gets that response again (`Idempotent-Replayed: true`) without
// acting; the same key with another request is refused (422). A duplicate that arrives while
// the first is still running waits for it, and gets 409 `idempotency_in_progress` if it takes
// too long. Responses of 5xx are not stored: the next retry acts.
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { HttpProblem } from './problem.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_KEY_PATTERN = /^[!-~]{1,200}$/;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type IdempotencyBegin =
  | { kind: 'acquired'; complete(response: StoredResponse): Promise<void>; release(): Promise<void> }
  | { kind: 'replay'; response: StoredResponse };

export interface IdempotencyStore {
  begin(req: { principal: string; key: string; method: string; path: string; requestHash: string }): Promise<IdempotencyBegin>;
}

/** JSON with object keys sorted, so equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');

export interface IdempotencyOptions {
  /** How long a key is remembered. */
  ttlSeconds?: number;
  /** How long a first request may run before a retry may take its key over (its process died). */
  leaseSeconds?: number;
  /** How long a duplicate waits for the first request before answering 409. */
  waitMs?: number;
  pollMs?: number;
}

export function createIdempotencyStore(orm: MikroORM, opts: IdempotencyOptions = {}): IdempotencyStore {
  const ttl = opts.ttlSeconds ?? 24 * 3600;
  const lease = opts.leaseSeconds ?? 120;
  const waitMs = opts.waitMs ?? 10_000;
  const pollMs = opts.pollMs ?? 100;
  let lastSweep = 0;
  const conn = () => orm.em.fork().getConnection();

  return {
    async begin({ principal, key, method, path, requestHash: hash }) {
      if (Date.now() - lastSweep > 10 * 60_000) {
        lastSweep = Date.now();
        void conn().execute(`delete from idempotency_key where expires_at < now() - interval '1 hour'`, [], 'run').catch(() => undefined);
      }
      const deadline = Date.now() + waitMs;
      for (;;) {
        const taken = await conn().execute<{ key: string }[]>(
          `insert into idempotency_key (principal, key, method, path, request_hash, state, locked_until, expires_at)
           values (?, ?, ?, ?, ?, 'in_progress', now() + make_interval(secs => ?), now() + make_interval(secs => ?))
           on conflict (principal, key) do update set method = excluded.method, path = excluded.path,
             request_hash = excluded.request_hash, state = 'in_progress', locked_until = excluded.locked_until,
             status = null, body = null, headers = null, created_at = now(), expires_at = excluded.expires_at
           where idempotency_key.expires_at < now()
              or (idempotency_key.state = 'in_progress' and idempotency_key.locked_until < now() and idempotency_key.request_hash = excluded.request_hash)
           returning key`,
          [principal, key, method, path, hash, lease, ttl],
        );
        if (taken.length) {
          return {
            kind: 'acquired',
            async complete(response) {
              await conn().execute(
                `update idempotency_key set state = 'done', status = ?, body = ?::jsonb, headers = ?::jsonb where principal = ? and key = ?`,
                [response.status, JSON.stringify(response.body ?? null), JSON.stringify(response.headers), principal, key], 'run');
            },
            async release() {
              await conn().execute(`delete from idempotency_key where principal = ? and key = ? and state = 'in_progress'`, [principal, key], 'run');
            },
          };
        }
        const [row] = await conn().execute<{ request_hash: string; state: string; status: number | null; body: unknown; headers: Record<string, string> | null; method: string; path: string }[]>(
          'select request_hash, state, status, body, headers, method, path from idempotency_key where principal = ? and key = ?', [principal, key]);
        if (!row) continue; // released meanwhile: try to take it
        if (row.request_hash !== hash) {
          throw new HttpProblem(422, 'idempotency_key_reused', `This Idempotency-Key was used for another request (${row.method} ${row.path} with another body); use a new key for a new request`, {
            errors: [{ field: 'headers.idempotency-key', path: ['headers', 'idempotency-key'], message: 'already used for another request', code: 'idempotency_key_reused' }],
          });
        }
        if (row.state === 'done' && row.status !== null) {
          return { kind: 'replay', response: { status: row.status, body: row.body ?? undefined, headers: row.headers ?? {} } };
        }
        if (Date.now() >= deadline) {
          throw new HttpProblem(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still in progress; retry later', { headers: { 'Retry-After': '1' } });
        }
        await new Promise((r) => setTimeout(r, pollMs));
      }
    },
  };
}
