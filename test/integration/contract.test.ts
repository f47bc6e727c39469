// Real responses against /openapi.json, checked with an independent validator (ajv, JSON Schema
// 2020-12): status documented for the operation, content type as documented, body valid against
// the documented schema. The harness's own contract check (zod, in mountRoutes) runs too.
import { randomUUID } from 'node:crypto';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { allRoutes, type AppDeps } from '../../api/app.js';
import { openApiPath } from '../../api/http/openapi.js';
import type { ApiResponse } from '../support/harness.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
let doc: any;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const compiled = new Map<string, ValidateFunction>();
const checked = new Set<string>();

beforeAll(async () => {
  h = await startHarness();
  doc = (await h.api('get', '/openapi.json', undefined, { token: null })).body;
  ajv.addSchema({ $id: 'leadflow-openapi', components: doc.components });
});
afterAll(async () => { await h?.close(); });

function conforms(method: string, template: string, res: ApiResponse): void {
  const op = doc.paths[openApiPath(template)]?.[method];
  expect({ operation: `${method} ${template}`, documented: !!op }).toEqual({ operation: `${method} ${template}`, documented: true });
  const spec = op.responses[String(res.status)];
  expect({ operation: `${method} ${template}`, status: res.status, documented: !!spec, body: spec ? undefined : res.body })
    .toEqual({ operation: `${method} ${template}`, status: res.status, documented: true, body: undefined });
  checked.add(`${method} ${template} ${res.status}`);
  if (!spec.content) return;
  const contentType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const [documentedType, media] = Object.entries<any>(spec.content)[0]!;
  expect(contentType).toBe(documentedType.split(';')[0]);
  const key = `${method} ${template} ${res.status}`;
  let validate = compiled.get(key);
  if (!validate) {
    const schema = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', '"leadflow-openapi#/components/'));
    compiled.set(key, (validate = ajv.compile(schema)));
  }
  const ok = validate(res.body);
  expect({ operation: key, errors: ok ? null : validate.errors }).toEqual({ operation: key, errors: null });
}

async function call(method: string, template: string, path: string, body?: unknown, opts: Parameters<Harness['api']>[3] = {}) {
  const res = await h.api(method, path, body, opts);
  conforms(method, template, res);
  return res;
}

it('happy paths and documented errors of every operation match the document', async () => {
  const captured = await call('post', '/leads', '/leads', { source: 'web_form', email: 'contract@example.com', firstName: 'Con', purchaseAmount: 10, custom: { a: 1, b: null } });
  expect(captured.status).toBe(201);
  expect((await call('post', '/leads', '/leads', { source: 'web_form', email: 'contract-r1@example.com', origSystemReference: 'R1' })).status).toBe(201);
  expect((await call('post', '/leads', '/leads', { source: 'web_form', email: 'contract-r1@example.com', origSystemReference: 'R1' })).status).toBe(200);
  expect((await call('post', '/leads', '/leads', { source: 'web_form', email: 'contract@example.com', firstName: 'Con' })).body.outcome).toBe('duplicate');
  await call('post', '/leads', '/leads', { source: 'nowhere' });
  await call('post', '/leads', '/leads', '{"broken', {});
  await call('post', '/leads', '/leads', { source: 'api' }, { role: 'ops' });
  await call('post', '/leads', '/leads', { source: 'api' }, { token: null });
  const key = randomUUID();
  await call('post', '/leads', '/leads', { source: 'api', email: 'k@example.com' }, { headers: { 'idempotency-key': key } });
  await call('post', '/leads', '/leads', { source: 'api', email: 'k2@example.com' }, { headers: { 'idempotency-key': key } });

  expect((await call('get', '/leads/:id', `/leads/${captured.body.id}`)).status).toBe(200);
  await call('get', '/leads/:id', `/leads/${randomUUID()}`);
  await call('get', '/leads/:id', '/leads/nope');
  await call('get', '/leads/:id', `/leads/${captured.body.id}`, undefined, { role: 'rep', repId: randomUUID() });
  await call('get', '/leads/:id', `/leads/${captured.body.id}`, undefined, { role: 'integration' });

  const page = await call('get', '/leads', '/leads?limit=1&sort=-score');
  await call('get', '/leads', `/leads?limit=1&sort=-score&cursor=${page.body.nextCursor}`);
  await call('get', '/leads', '/leads?limit=500');

  const created = await call('post', '/api-keys', '/api-keys', { name: 'contract', role: 'integration', source: 'api' });
  await call('post', '/api-keys', '/api-keys', { name: '' });
  await call('get', '/api-keys', '/api-keys', undefined);
  await call('get', '/api-keys', '/api-keys?revoked=maybe', undefined);
  await call('delete', '/api-keys/:id', `/api-keys/${created.body.id}`);
  await call('delete', '/api-keys/:id', `/api-keys/${randomUUID()}`);
  await call('delete', '/api-keys/:id', `/api-keys/${created.body.id}`, undefined, { role: 'manager' });

  await call('get', '/healthz', '/healthz', undefined, { token: null });
  await call('get', '/metrics', '/metrics', undefined, { token: null });
});

it('every operation of allRoutes() answers dummy requests of every role as documented', async () => {
  for (const r of allRoutes({} as AppDeps)) {
    for (const role of ['admin', 'ops', 'integration'] as const) {
      const path = r.path.replace(/:([A-Za-z0-9_]+)/g, () => randomUUID());
      await call(r.method, r.path, path, r.body || r.rawBody ? {} : undefined, { role });
    }
    if (r.access !== 'public') await call(r.method, r.path, r.path.replace(/:([A-Za-z0-9_]+)/g, () => randomUUID()), undefined, { token: null });
  }
  // each operation was seen with at least two statuses
  for (const r of allRoutes({} as AppDeps)) {
    expect([...checked].filter((c) => c.startsWith(`${r.method} ${r.path} `)).length).toBeGreaterThanOrEqual(r.access === 'public' ? 1 : 2);
  }
});
