// Security headers, body size limit, request ids, logs and Prometheus metrics.
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness({ app: { jsonLimit: 4096, trustProxy: true } }); });
afterAll(async () => { await h?.close(); });

describe('security headers', () => {
  it('on API responses: nosniff, no framing, no referrer, no caching, a CSP that allows nothing', async () => {
    for (const res of [await h.api('get', '/healthz', undefined, { token: null }), await h.api('get', '/leads', undefined, { role: 'ops' }), await h.api('get', '/nope', undefined, { token: null })]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; frame-ancestors 'none'/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-powered-by')).toBeNull();
      expect(res.headers.get('strict-transport-security')).toBeNull(); // plain http
    }
  });

  it('on /docs: a CSP that lets Swagger UI load its own assets and /openapi.json, nothing else', async () => {
    const page = await h.api('get', '/docs', undefined, { token: null });
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // the page loads only same-origin assets, and they are served
    const srcs = [...String(page.body).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(srcs.length).toBeGreaterThanOrEqual(3);
    for (const src of srcs) {
      expect(src.startsWith('/')).toBe(true);
      expect((await h.api('get', src, undefined, { token: null })).status).toBe(200);
    }
    expect(String(page.body)).not.toMatch(/<script>[^<]/); // no inline script
  });

  it('HSTS only when the request came over TLS (through the trusted proxy)', async () => {
    const res = await h.api('get', '/healthz', undefined, { token: null, headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('request size', () => {
  it('refuses JSON bodies over the configured limit with 413 before anything runs', async () => {
    const res = await h.api('post', '/leads', { source: 'api', email: 'big@example.com', description: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('body_too_large');
    expect(await h.sql("select count(*)::int as n from lead where email = 'big@example.com'")).toEqual([{ n: 0 }]);
  });
});

describe('request ids', () => {
  it('echoes a valid X-Request-Id, makes one up otherwise, and the capture carries it into the audit log', async () => {
    const res = await h.api('post', '/leads', { source: 'api', email: 'traced@example.com' }, { headers: { 'x-request-id': 'trace-me-123' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-request-id')).toBe('trace-me-123');
    expect(await h.sql("select request_id from audit_event where lead_id = $1 and action = 'captured'", [res.body.id])).toEqual([{ request_id: 'trace-me-123' }]);
    const made = await h.api('get', '/healthz', undefined, { token: null, headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GET /metrics', () => {
  it('exports HTTP latency by route template, captures, and the lead lifecycle instruments', async () => {
    const captured = await h.api('post', '/leads', { source: 'partner', email: 'metrics@example.com' });
    expect(captured.status).toBe(201);
    await h.api('get', `/leads/${captured.body.id}`);
    const res = await h.api('get', '/metrics', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = String(res.body);
    expect(text).toMatch(/^leadflow_lead_captures_total\{outcome="created",source="partner"\} 1$/m);
    expect(text).toMatch(/^leadflow_http_request_duration_seconds_count\{method="GET",route="\/leads\/:id",status="200"\} 1$/m);
    expect(text).not.toContain(captured.body.id); // label values are route templates, never ids
    // the worker's activity attempts are measured in the same registry
    expect(text).toMatch(/^leadflow_activity_duration_seconds_count\{activity="captureAndProcessLead",outcome="completed"\} \d+$/m);
    for (const name of ['leadflow_lead_offers_total', 'leadflow_lead_accept_latency_seconds', 'leadflow_lead_sla_breaches_total', 'leadflow_activity_failures_total']) {
      expect(text).toContain(`# TYPE ${name}`);
    }
  });
});

describe('strings PostgreSQL cannot store (found by schemathesis)', () => {
  it('refuses NUL and unpaired surrogates in bodies, keys and queries with 400 naming the field, and captures nothing', async () => {
    const body = await h.api('post', '/leads', '{"source":"api","email":"nul@example.com","productCategory":"M\\u0000x","custom":{"a\\ud800":1}}');
    expect(body.status).toBe(400);
    expect(body.body.errors.map((e: any) => e.field).sort()).toEqual(['body.custom.a\ud800', 'body.productCategory']);
    expect(await h.sql("select count(*)::int as n from lead where email = 'nul@example.com'")).toEqual([{ n: 0 }]);
    const query = await h.api('get', '/leads?rank=A%00B', undefined, { role: 'ops' });
    expect(query.status).toBe(400);
    expect(query.body.errors[0].field).toBe('query.rank');
    const key = await h.api('post', '/api-keys', '{"name":"\\u0000H"}');
    expect(key.status).toBe(400);
    expect(key.body.errors[0]).toMatchObject({ field: 'body.name', code: 'invalid_string' });
  });
});
