// The OpenAPI document: every route in allRoutes() is in it with its parameters, request body
// and every status it can answer; every schema compiles as JSON Schema 2020-12 (ajv, strict);
// and the OpenAPI 3.1 rules a generator can break hold (path templates, unique operation ids,
// resolvable $refs, known security schemes). scripts/fuzz-api.sh also runs the document through
// openapi-spec-validator (PyPI) before fuzzing it.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { allRoutes, type AppDeps } from '../../../api/app.js';
import { buildOpenApi, openApiPath } from '../../../api/http/openapi.js';
import { allResponses } from '../../../api/http/responses.js';

const routes = allRoutes({} as AppDeps);
const doc = buildOpenApi(routes, { title: 'leadflow API', version: 'test' }) as any;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function* schemasIn(d: any): Generator<[string, unknown]> {
  for (const [p, item] of Object.entries<any>(d.paths)) {
    for (const [m, op] of Object.entries<any>(item)) {
      for (const param of op.parameters ?? []) yield [`${m} ${p} parameter ${param.name}`, param.schema];
      for (const [ct, c] of Object.entries<any>(op.requestBody?.content ?? {})) yield [`${m} ${p} body ${ct}`, c.schema];
      for (const [status, r] of Object.entries<any>(op.responses)) {
        for (const [ct, c] of Object.entries<any>(r.content ?? {})) yield [`${m} ${p} ${status} ${ct}`, c.schema];
        for (const [h, hd] of Object.entries<any>(r.headers ?? {})) yield [`${m} ${p} ${status} header ${h}`, hd.schema];
      }
    }
  }
}

describe('OpenAPI document', () => {
  it('covers every route with its parameters, body, roles and every status it can answer', () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method];
      expect({ route: `${r.method} ${r.path}`, found: !!op }).toEqual({ route: `${r.method} ${r.path}`, found: true });
      const pathParams = [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]).sort();
      expect((op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name).sort()).toEqual(pathParams);
      const queryKeys = r.query ? Object.keys((r.query as any).shape).sort() : [];
      expect((op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name).sort()).toEqual(queryKeys);
      expect(!!op.requestBody).toBe(!!(r.body || r.rawBody));
      expect(Object.keys(op.responses).sort()).toEqual(Object.keys(allResponses(r)).sort());
      for (const status of Object.keys(r.responses)) expect(op.responses[status]).toBeDefined();
      if (r.access === 'public') expect(op.security).toEqual([]);
      else {
        expect(op['x-roles']).toEqual([...r.access]);
        for (const s of ['401', '403', '429']) expect(op.responses[s]).toBeDefined();
      }
      if (r.idempotent) expect(op.parameters.some((p: any) => p.in === 'header' && p.name === 'Idempotency-Key')).toBe(true);
    }
    // nothing in the document that is not a route
    const documented = Object.entries<any>(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m} ${p}`)).sort();
    expect(documented).toEqual(routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
  });

  it('is OpenAPI 3.1 whose every schema compiles as JSON Schema 2020-12 (ajv strict)', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.jsonSchemaDialect).toBeUndefined(); // the OAS 3.1 default: 2020-12 with OpenAPI's vocabulary
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true, validateFormats: true });
    addFormats.default(ajv);
    for (const [name, schema] of Object.entries<object>(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
    for (const [where, schema] of schemasIn(doc)) {
      expect(typeof schema).toBe('object');
      let error: string | undefined;
      try { ajv.compile(schema as object); } catch (e) { error = `${where}: ${String(e)}`; }
      expect(error).toBeUndefined();
    }
  });

  it('keeps the OpenAPI rules a generator can break', () => {
    const ids = new Set<string>();
    for (const [p, item] of Object.entries<any>(doc.paths)) {
      expect(p.startsWith('/')).toBe(true);
      const templated = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const [m, op] of Object.entries<any>(item)) {
        expect(METHODS).toContain(m);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        const params = op.parameters ?? [];
        const pathParams = params.filter((x: any) => x.in === 'path');
        expect(pathParams.map((x: any) => x.name).sort()).toEqual([...templated].sort());
        for (const x of pathParams) expect(x.required).toBe(true);
        for (const x of params) expect(['path', 'query', 'header', 'cookie']).toContain(x.in);
        const keys = params.map((x: any) => `${x.in}:${x.name}`);
        expect(new Set(keys).size).toBe(keys.length);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const [status, r] of Object.entries<any>(op.responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof r.description).toBe('string');
        }
        for (const req of op.security ?? []) for (const name of Object.keys(req)) expect(doc.components.securitySchemes[name]).toBeDefined();
      }
    }
    // every $ref resolves inside the document
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) {
      expect(ref.startsWith('#/')).toBe(true);
      const target = ref.slice(2).split('/').reduce<any>((o, k) => o?.[k], doc);
      expect({ ref, resolved: target !== undefined }).toEqual({ ref, resolved: true });
    }
  });
});
