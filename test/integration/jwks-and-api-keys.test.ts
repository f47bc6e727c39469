// Bearer tokens from an identity provider's JWKS (served here on 127.0.0.1), next to the HS256
// secret; and API keys end to end (created once, stored hashed, source-restricted, revocable).
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let jwks: http.Server;
let signing: { privateKey: CryptoKey; kid: string };
let stranger: CryptoKey;
let jwksRequests = 0;
const ISSUER = 'https://idp.example.test/';
const AUDIENCE = 'leadflow-test';

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  signing = { privateKey: pair.privateKey, kid: 'key-1' };
  stranger = (await generateKeyPair('ES256')).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'ES256', use: 'sig' };
  jwks = http.createServer((_req, res) => {
    jwksRequests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', () => resolve()));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
  h = await startHarness({ app: { jwksUrl, jwtIssuer: ISSUER, jwtAudience: AUDIENCE } });
});
afterAll(async () => {
  await h?.close();
  await new Promise((r) => jwks?.close(r));
});

const idpToken = (claims: Record<string, unknown>, opts: { key?: CryptoKey; kid?: string; iss?: string; aud?: string; exp?: string } = {}) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: opts.kid ?? signing.kid })
    .setSubject('idp-user-1').setIssuer(opts.iss ?? ISSUER).setAudience(opts.aud ?? AUDIENCE).setIssuedAt().setExpirationTime(opts.exp ?? '5m')
    .sign(opts.key ?? signing.privateKey);

describe('JWKS bearer tokens', () => {
  it('accepts tokens signed by a key in the JWKS, with the configured issuer and audience', async () => {
    const res = await h.api('get', '/leads', undefined, { token: await idpToken({ role: 'ops', name: 'Oscar Ops' }) });
    expect(res.status).toBe(200);
    expect(jwksRequests).toBeGreaterThan(0);
    const forbidden = await h.api('post', '/api-keys', { name: 'x' }, { token: await idpToken({ role: 'ops' }) });
    expect(forbidden.status).toBe(403);
  });

  it('refuses another key, another kid, the wrong issuer or audience, expired tokens and bad claims', async () => {
    const cases: [string, Promise<string>][] = [
      ['unknown signing key', idpToken({ role: 'admin' }, { key: stranger })],
      ['unknown kid', idpToken({ role: 'admin' }, { kid: 'key-2', key: stranger })],
      ['wrong issuer', idpToken({ role: 'admin' }, { iss: 'https://evil.example/' })],
      ['wrong audience', idpToken({ role: 'admin' }, { aud: 'leadflow-api' })],
      ['expired', idpToken({ role: 'admin' }, { exp: '-1m' })],
      ['no role', idpToken({})],
      ['unknown role', idpToken({ role: 'root' })],
    ];
    for (const [name, token] of cases) {
      const res = await h.api('get', '/leads', undefined, { token: await token });
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 401, code: 'invalid_token' });
    }
  });

  it('still accepts HS256 tokens of the local secret when both are configured (with the configured issuer/audience)', async () => {
    const { issueToken } = await import('../../api/auth/tokens.js');
    const token = await issueToken(h.state.authSecret, { sub: 'local', role: 'admin' }, '5m', { issuer: ISSUER, audience: AUDIENCE });
    expect((await h.api('get', '/leads', undefined, { token })).status).toBe(200);
  });
});

describe('API keys', () => {
  const adminToken = () => idpToken({ role: 'admin' });

  it('returns the key once, stores only its hash, lists and revokes it', async () => {
    const token = await adminToken();
    const created = await h.api('post', '/api-keys', { name: 'Website form', source: 'web_form' }, { token });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Website form', role: 'integration', source: 'web_form', revokedAt: null, lastUsedAt: null });
    const key: string = created.body.key;
    expect(key).toMatch(/^lf_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const [row] = await h.sql('select prefix, secret_hash from api_key where id = $1', [created.body.id]);
    expect(row.prefix).toBe(key.split('_')[1]);
    expect(row.secret_hash).toBe(createHash('sha256').update(key.slice(`lf_${row.prefix}_`.length)).digest('hex'));
    expect(JSON.stringify(await h.sql('select * from api_key'))).not.toContain(key.slice(-43));

    const list = await h.api('get', '/api-keys?revoked=false', undefined, { token });
    expect(list.status).toBe(200);
    const listed = list.body.items.find((k: any) => k.id === created.body.id);
    expect(listed).toBeDefined();
    expect(listed.key).toBeUndefined();
    expect(JSON.stringify(list.body)).not.toContain(key);

    // the key works for capture, only for its source, and the capture is audited as the key
    const ok = await h.api('post', '/leads', { source: 'web_form', email: 'form@example.com' }, { token: null, headers: { 'x-api-key': key } });
    expect(ok.status).toBe(201);
    // (the capture is the key's; what the workflow does next is the system's)
    expect(await h.sql("select actor from audit_event where lead_id = $1 and action = 'captured'", [ok.body.id])).toEqual([{ actor: `api_key:${created.body.id}` }]);
    const other = await h.api('post', '/leads', { source: 'partner', email: 'form@example.com' }, { token: null, headers: { 'x-api-key': key } });
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('source_not_allowed');
    expect((await h.api('get', `/leads/${ok.body.id}`, undefined, { token: null, headers: { 'x-api-key': key } })).status).toBe(403);
    // last use is recorded beside the request (at most once a minute per key): wait for it
    let lastUsed = null;
    for (let i = 0; i < 50 && !lastUsed; i++) {
      lastUsed = (await h.sql('select last_used_at from api_key where id = $1', [created.body.id]))[0].last_used_at;
      if (!lastUsed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(lastUsed).not.toBeNull();

    const revoked = await h.api('delete', `/api-keys/${created.body.id}`, undefined, { token });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const again = await h.api('delete', `/api-keys/${created.body.id}`, undefined, { token });
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt); // revoking twice changes nothing
    expect((await h.api('post', '/leads', { source: 'web_form', email: 'late@example.com' }, { token: null, headers: { 'x-api-key': key } })).status).toBe(401);
    const revokedList = await h.api('get', '/api-keys?revoked=true', undefined, { token });
    expect(revokedList.body.items.map((k: any) => k.id)).toContain(created.body.id);
    expect((await h.api('delete', `/api-keys/${randomUUID()}`, undefined, { token })).status).toBe(404);
  });

  it('refuses sending a token and a key at once', async () => {
    const created = await h.api('post', '/api-keys', { name: 'both' }, { token: await adminToken() });
    const res = await h.api('get', '/leads', undefined, { token: await adminToken(), headers: { 'x-api-key': created.body.key } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('ambiguous_credentials');
  });
});
