// Rate limits per credential (token bucket): 429 problem with Retry-After; other credentials and
// public endpoints are unaffected; failed authentication is limited per client address.
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
// A bucket of 3 that practically never refills: the outcome cannot depend on how fast the test runs.
beforeAll(async () => { h = await startHarness({ app: { rateLimit: { perMinute: 0.0001, burst: 3 } } }); });
afterAll(async () => { await h?.close(); });

it('a credential gets its burst, then 429 with Retry-After; others and /healthz are unaffected', async () => {
  const busy = await h.token('ops', { sub: 'busy-ops' });
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await h.api('get', '/leads', undefined, { token: busy })).status);
  expect(statuses).toEqual([200, 200, 200, 429, 429]);
  const limited = await h.api('get', '/leads', undefined, { token: busy });
  expect(limited.body.code).toBe('rate_limited');
  expect(limited.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  // another credential of the same role has its own bucket
  expect((await h.api('get', '/leads', undefined, { token: await h.token('ops', { sub: 'calm-ops' }) })).status).toBe(200);
  for (let i = 0; i < 6; i++) expect((await h.api('get', '/healthz', undefined, { token: null })).status).toBe(200);
});

it('guessing credentials is limited per client address', async () => {
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await h.api('get', '/leads', undefined, { token: null, headers: { 'x-api-key': `guess-${i}` } })).status);
  expect(statuses).toEqual([401, 401, 401, 429, 429]);
});
