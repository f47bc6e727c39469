// Every endpoint x every role, generated from allRoutes(): so the routes other branches add are
// covered without touching this file. Allowed roles are never refused (401/403; they may get
// 400/404 on dummy input), other roles get 403, and bad credentials get 401 everywhere.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { allRoutes, type AppDeps } from '../../api/app.js';
import { ROLES, type Role } from '../../api/auth/principal.js';
import { AUDIENCE, ISSUER, issueToken } from '../../api/auth/tokens.js';
import type { RouteSpec } from '../../api/http/route.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let integrationKey: string;
let revokedKey: string;
const routes = allRoutes({} as AppDeps);
const protectedRoutes = routes.filter((r) => r.access !== 'public');
const REP_ID = randomUUID();

beforeAll(async () => {
  h = await startHarness();
  const created = await h.api('post', '/api-keys', { name: 'matrix integration', role: 'integration' });
  expect(created.status).toBe(201);
  integrationKey = created.body.key;
  const revoked = await h.api('post', '/api-keys', { name: 'matrix revoked', role: 'admin' });
  revokedKey = revoked.body.key;
  expect((await h.api('delete', `/api-keys/${revoked.body.id}`)).status).toBe(200);
});
afterAll(async () => { await h?.close(); });

/** A request that passes authentication and stops at validation or lookup: dummy ids, empty body. */
function dummy(r: RouteSpec): { path: string; body?: unknown } {
  const path = r.path.replace(/:([A-Za-z0-9_]+)/g, () => randomUUID());
  return { path, ...(r.body || r.rawBody ? { body: {} } : {}) };
}

async function call(r: RouteSpec, headers: Record<string, string>) {
  const { path, body } = dummy(r);
  return h.api(r.method, path, body, { token: null, headers });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
async function tokenFor(role: Role) {
  // People of every role may be linked to a rep; for rep and manager it is how lead access works.
  return h.token(role, role === 'rep' || role === 'manager' ? { sub: `matrix-${role}`, repId: REP_ID } : { sub: `matrix-${role}` });
}

describe.each(protectedRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s', (_name, route) => {
  it.each(ROLES.map((role) => [role]))('as %s', async (role) => {
    const res = await call(route, bearer(await tokenFor(role)));
    if ((route.access as readonly Role[]).includes(role)) {
      // The role passes; the object may still refuse (a rep reading another rep: 403 not_this_rep).
      const refusedByRole = res.status === 401 || (res.status === 403 && res.body?.code === 'forbidden_role');
      expect({ role, refusedByRole, status: res.status, code: res.body?.code })
        .toEqual({ role, refusedByRole: false, status: res.status, code: res.body?.code });
      expect(res.status).toBeLessThan(500);
    } else {
      expect({ role, status: res.status, code: res.body?.code }).toEqual({ role, status: 403, code: 'forbidden_role' });
    }
  });

  it('as an integration API key', async () => {
    const res = await call(route, { 'x-api-key': integrationKey });
    if ((route.access as readonly Role[]).includes('integration')) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(403);
  });

  it('refuses missing, expired, badly signed and unknown credentials with 401', async () => {
    const secret = h.state.authSecret;
    const expired = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(ISSUER).setAudience(AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600).sign(new TextEncoder().encode(secret));
    const otherSecret = await issueToken('another-secret-of-at-least-32-characters!!', { sub: 'x', role: 'admin' });
    const tampered = (await issueToken(secret, { sub: 'x', role: 'rep' })).split('.');
    tampered[1] = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(tampered[1]!, 'base64url').toString()), role: 'admin' })).toString('base64url');
    const wrongAudience = await issueToken(secret, { sub: 'x', role: 'admin' }, '1h', { audience: 'someone-else' });
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', iss: ISSUER, aud: AUDIENCE })).toString('base64url')}.`;
    const cases: [string, Record<string, string>][] = [
      ['none', {}],
      ['expired', bearer(expired)],
      ['signed with another secret', bearer(otherSecret)],
      ['tampered claims', bearer(tampered.join('.'))],
      ['wrong audience', bearer(wrongAudience)],
      ['alg none', bearer(none)],
      ['not a JWT', bearer('abc.def.ghi')],
      ['not bearer', { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }],
      ['unknown API key', { 'x-api-key': `lf_${'0'.repeat(12)}_${'A'.repeat(43)}` }],
      ['API key with a wrong secret', { 'x-api-key': integrationKey.slice(0, -4) + 'AAAA' }],
      ['revoked API key', { 'x-api-key': revokedKey }],
      ['garbage API key', { 'x-api-key': 'letmein' }],
    ];
    for (const [name, headers] of cases) {
      const res = await call(route, headers);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBeTruthy();
    }
  });
});

describe('public endpoints', () => {
  it.each(routes.filter((r) => r.access === 'public').map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))('%s answers without credentials', async (_n, r) => {
    const res = await call(r, {});
    expect([401, 403]).not.toContain(res.status);
  });

  it('only /healthz, /metrics and the docs answer without credentials', () => {
    expect(routes.filter((r) => r.access === 'public').map((r) => r.path).sort()).toEqual(['/healthz', '/metrics']);
  });

  it('serves /openapi.json and /docs without credentials', async () => {
    expect((await h.api('get', '/openapi.json', undefined, { token: null })).status).toBe(200);
    expect((await h.api('get', '/docs', undefined, { token: null })).status).toBe(200);
  });
});

describe('lead-level access on GET /leads/:id (lead row: owner and offered-to)', () => {
  const owner = randomUUID();
  const offered = randomUUID();
  const stranger = randomUUID();
  let leadId: string;
  beforeAll(async () => {
    leadId = randomUUID();
    await h.sql(`insert into lead (id, workflow_id, source, owner_id, offered_to_id, assignment_status) values ($1, $2, 'api', $3, $4, 'Offered')`,
      [leadId, `lead-${leadId}`, owner, offered]);
  });
  const as = (role: Role, repId?: string) => h.api('get', `/leads/${leadId}`, undefined, { role, ...(repId ? { repId } : {}) });

  it('lets the owner, the rep it is offered to, admins and ops read it', async () => {
    for (const [role, repId] of [['rep', owner], ['rep', offered], ['manager', owner], ['admin', undefined], ['ops', undefined]] as const) {
      const res = await as(role, repId);
      expect({ role, repId, status: res.status }).toEqual({ role, repId, status: 200 });
      expect(res.body.id).toBe(leadId);
    }
  });

  it('refuses other reps and managers with 403 and the reason', async () => {
    for (const [role, repId] of [['rep', stranger], ['manager', stranger], ['rep', undefined]] as const) {
      const res = await as(role, repId);
      expect({ role, status: res.status, code: res.body.code }).toEqual({ role, status: 403, code: 'lead_access_denied' });
      expect(res.body.detail).toMatch(/needs view access/);
      expect(res.body.reason.length).toBeGreaterThan(0);
    }
  });

  it('a missing lead is 404 for everyone allowed by role', async () => {
    expect((await h.api('get', `/leads/${randomUUID()}`, undefined, { role: 'rep', repId: owner })).status).toBe(404);
  });

  it('GET /leads shows a rep only the leads they may see', async () => {
    const mine = await h.api('get', '/leads', undefined, { role: 'rep', repId: owner });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((l: any) => l.id)).toEqual([leadId]);
    const theirs = await h.api('get', '/leads', undefined, { role: 'rep', repId: stranger });
    expect(theirs.body.items).toEqual([]);
    const ops = await h.api('get', '/leads', undefined, { role: 'ops' });
    expect(ops.body.items.map((l: any) => l.id)).toContain(leadId);
  });
});
