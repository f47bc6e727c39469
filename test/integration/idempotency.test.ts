// Idempotency-Key on POST /leads: a retry never captures twice, a reused key with another body
// is refused, and concurrent duplicates act exactly once.
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

// No Original System Reference: without the key, every capture would be a new lead.
const lead = (email: string) => ({ source: 'web_form', firstName: 'Idem', email });
const withKey = (key: string) => ({ headers: { 'idempotency-key': key } });
const count = async (email: string) => (await h.sql<{ n: number }>('select count(*)::int as n from lead where email = $1', [email]))[0]!.n;

describe('Idempotency-Key', () => {
  it('a retry with the same key and body returns the first response without acting again', async () => {
    const key = randomUUID();
    const first = await h.api('post', '/leads', lead('retry@example.com'), withKey(key));
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await h.api('post', '/leads', { email: 'retry@example.com', firstName: 'Idem', source: 'web_form' }, withKey(key)); // same body, other key order
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('location')).toBe(`/leads/${first.body.id}`);
    expect(again.body).toEqual(first.body);
    expect(await count('retry@example.com')).toBe(1);
    expect(await h.sql("select count(*)::int as n from audit_event where lead_id = $1 and action = 'captured'", [first.body.id])).toEqual([{ n: 1 }]);
  });

  it('without a key the same body acts twice (the key is what makes it safe)', async () => {
    expect((await h.api('post', '/leads', lead('nokey@example.com'))).status).toBe(201);
    // the same person again: a second (duplicate) lead, answered as a duplicate of the first
    expect((await h.api('post', '/leads', lead('nokey@example.com'))).body.outcome).toBe('duplicate');
    expect(await count('nokey@example.com')).toBe(2);
  });

  it('the same key with another body is 422 and acts not', async () => {
    const key = randomUUID();
    expect((await h.api('post', '/leads', lead('first@example.com'), withKey(key))).status).toBe(201);
    const other = await h.api('post', '/leads', lead('second@example.com'), withKey(key));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(other.body.errors[0].field).toBe('headers.idempotency-key');
    expect(await count('second@example.com')).toBe(0);
  });

  it('keys belong to their caller: another principal with the same key acts on its own', async () => {
    const key = randomUUID();
    const a = await h.api('post', '/leads', lead('shared-key@example.com'), { ...withKey(key), role: 'admin' });
    const b = await h.api('post', '/leads', lead('shared-key@example.com'), { ...withKey(key), role: 'manager' });
    expect([a.status, a.body.outcome, b.status, b.body.outcome]).toEqual([201, 'created', 200, 'duplicate']);
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.duplicateOfId).toBe(a.body.id);
  });

  it('concurrent duplicates: exactly one acts, the others get its response or 409 in progress', async () => {
    const key = randomUUID();
    const responses = await Promise.all(Array.from({ length: 8 }, () => h.api('post', '/leads', lead('race@example.com'), withKey(key))));
    expect(await count('race@example.com')).toBe(1);
    const ok = responses.filter((r) => r.status === 201);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.body.code).toBe('idempotency_in_progress');
      expect(r.headers.get('retry-after')).toBe('1');
    }
  });

  it('a 4xx answer is replayed too; a malformed key is 400', async () => {
    const created = await h.api('post', '/api-keys', { name: 'form only', source: 'web_form' });
    const key = randomUUID();
    const denied = await h.api('post', '/leads', { source: 'partner', email: 'wrong-source@example.com' }, { token: null, headers: { 'x-api-key': created.body.key, 'idempotency-key': key } });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('source_not_allowed');
    const replay = await h.api('post', '/leads', { source: 'partner', email: 'wrong-source@example.com' }, { token: null, headers: { 'x-api-key': created.body.key, 'idempotency-key': key } });
    expect(replay.status).toBe(403);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const bad = await h.api('post', '/leads', lead('bad-key@example.com'), withKey('has spaces in it'));
    expect(bad.status).toBe(400);
    expect(await count('bad-key@example.com')).toBe(0);
  });

  it('a first attempt whose process died (lease run out) is taken over by the same request only', async () => {
    const key = randomUUID();
    await h.sql(`insert into idempotency_key (principal, key, method, path, request_hash, state, locked_until, expires_at)
      values ('user:test-admin', $1, 'POST', '/leads', 'not-this-request', 'in_progress', now() - interval '1 minute', now() + interval '1 day')`, [key]);
    const reused = await h.api('post', '/leads', lead('lease@example.com'), withKey(key));
    expect(reused.status).toBe(422); // the key was taken by another request: never silently reassigned
    const key2 = randomUUID();
    const hash = (await import('../../api/http/idempotency.js')).requestHash('POST', '/leads', lead('lease@example.com'));
    await h.sql(`insert into idempotency_key (principal, key, method, path, request_hash, state, locked_until, expires_at)
      values ('user:test-admin', $1, 'POST', '/leads', $2, 'in_progress', now() - interval '1 minute', now() + interval '1 day')`, [key2, hash]);
    const takenOver = await h.api('post', '/leads', lead('lease@example.com'), withKey(key2));
    expect(takenOver.status).toBe(201); // same request, its first attempt died: the retry acts
    expect(await count('lease@example.com')).toBe(1);
  });
});
