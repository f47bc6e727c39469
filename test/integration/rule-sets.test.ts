// Rule sets through the API on real Postgres: create, validation errors (422 naming each path,
// nothing saved), versions, optimistic concurrency, listing, archive.
import { randomUUID } from 'node:crypto';
import { ruleSetReferenceChecks } from '../../api/services/rule-set-references.js';
import { startHarness, type Harness } from '../support/harness.js';
import { activate, createRuleSet, seeds } from '../support/rule-fixtures.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

const count = async (table: string): Promise<number> => (await h.sql(`select count(*)::int as n from ${table}`))[0].n;
const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

const scoring = (rules: unknown[], extra: Record<string, unknown> = {}) => ({ name: 'Scoring', type: 'scoring', rules, ...extra });
const rule = (name: string, when: unknown, points = 10) => ({ name, when, then: { points } });

describe('POST /rule-sets', () => {
  it('creates version 1 with a server-assigned id and the definition as validated (defaults applied)', async () => {
    const res = await h.api('post', '/rule-sets', seeds.visionQualification);
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('location')).toBe(`/rule-sets/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      name: 'Vision Hardware qualification', type: 'qualification', version: 1, latestVersion: 1, stage: 'qualification', active: null, archived: false,
      createdBy: 'user:test-admin',
      definition: { id: res.body.id, version: 1, mode: 'first_match', rules: [{ name: 'Rule 1' }, { name: 'Rule 2' }] },
    });
    const got = await h.api('get', `/rule-sets/${res.body.id}`, undefined, { role: 'manager' });
    expect(got.status).toBe(200);
    expect(got.body.definition).toEqual(res.body.definition);
    expect(await h.sql('select version, created_by from rule_set_version where rule_set_id = $1', [res.body.id])).toEqual([{ version: 1, created_by: 'user:test-admin' }]);
  });

  describe('rejects invalid definitions with 422 naming each JSON path, and saves nothing', () => {
    const cases: [string, unknown, string, string][] = [
      ['an unknown attribute', scoring([rule('a', { attr: 'favouriteColour', op: 'eq', value: 'green' })]), 'body.rules.0.when.attr', 'unknown_attribute'],
      ['an operator that does not fit the type', scoring([
        rule('a', { attr: 'country', op: 'eq', value: 'US' }),
        rule('b', { attr: 'country', op: 'eq', value: 'GB' }),
        rule('c', { all: [{ attr: 'purchaseAmount', op: 'contains', value: '5' }] }),
      ]), 'body.rules.2.when.all.0.op', 'operator_not_allowed'],
      ['an empty rule list', scoring([]), 'body.rules', 'empty_rules'],
      ['overlapping score ranges', { name: 'Rank', type: 'ranking', labels: ['high', 'low'], scoreRanges: [{ min: 0, max: 50, rank: 'low' }, { min: 40, max: 100, rank: 'high' }] }, 'body.scoreRanges.1.min', 'score_range_overlap'],
      ['a gap between score ranges', { name: 'Rank', type: 'ranking', labels: ['high', 'low'], scoreRanges: [{ min: 0, max: 39, rank: 'low' }, { min: 41, max: 100, rank: 'high' }] }, 'body.scoreRanges.1.min', 'score_range_gap'],
      ['duplicate rule names', scoring([rule('Same', { attr: 'phone', op: 'is_not_empty' }), rule('same', { attr: 'email', op: 'is_not_empty' })]), 'body.rules.1.name', 'duplicate_rule_name'],
      ['an enum value that does not exist', scoring([rule('a', { attr: 'budgetStatus', op: 'eq', value: 'Maybe' })]), 'body.rules.0.when.value', 'enum_value'],
      ['a rank label longer than the lead column', { name: 'Rate', type: 'rating', labels: ['A', 'B'.repeat(41)], rules: [{ name: 'a', when: { attr: 'country', op: 'eq', value: 'US' }, then: { rank: 'A' } }] }, 'body.labels.1', 'label_too_long'],
    ];
    it.each(cases)('%s', async (_label, definition, field, code) => {
      const before = await count('rule_set');
      const res = await h.api('post', '/rule-sets', definition);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('invalid_rule_set');
      expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code, path: field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) }));
      expect(res.body.detail).toContain(field);
      expect(await count('rule_set')).toBe(before);
    });

    it('reports every error of a definition at once', async () => {
      const res = await h.api('post', '/rule-sets', scoring([
        rule('dup', { attr: 'nope', op: 'eq', value: 1 }),
        rule('dup', { attr: 'employeeCount', op: 'starts_with', value: '1' }),
      ]));
      expect(res.status).toBe(422);
      expect(fields(res)).toEqual(['body.rules.0.when.attr', 'body.rules.1.name', 'body.rules.1.when.op']);
    });
  });

  it('rejects shape errors with 400: unknown type, server-assigned fields, unknown operators', async () => {
    const badType = await h.api('post', '/rule-sets', { name: 'x', type: 'vibes', rules: [] });
    expect(badType.status).toBe(400);
    expect(fields(badType)).toEqual(['body.type']);
    const withId = await h.api('post', '/rule-sets', { ...seeds.fusionScoring, id: 'mine', version: 7 });
    expect(withId.status).toBe(400);
    expect(fields(withId).sort()).toEqual(['body.id', 'body.version']);
    const badOp = await h.api('post', '/rule-sets', scoring([rule('a', { attr: 'phone', op: 'like', value: 'x' })]));
    expect(badOp.status).toBe(400);
    expect(badOp.body.code).toBe('validation_failed');
  });

  it('is admin only', async () => {
    for (const role of ['manager', 'ops', 'rep', 'integration'] as const) {
      expect((await h.api('post', '/rule-sets', seeds.fusionScoring, { role })).status).toBe(403);
    }
  });
});

describe('versions', () => {
  it('PUT creates a new immutable version; older versions stay readable; an unchanged definition creates none', async () => {
    const id = await createRuleSet(h, seeds.fusionScoring);
    const v2 = await h.api('put', `/rule-sets/${id}`, { ...seeds.fusionScoring, name: 'Scoring v2', rules: [...seeds.fusionScoring.rules, rule('Has email', { attr: 'email', op: 'is_not_empty' }, 5)] });
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ changed: true, version: 2, latestVersion: 2, name: 'Scoring v2', definition: { version: 2, id } });
    expect(v2.headers.get('etag')).toBe('"2"');

    const same = await h.api('put', `/rule-sets/${id}`, { ...seeds.fusionScoring, name: 'Scoring v2', rules: [...seeds.fusionScoring.rules, rule('Has email', { attr: 'email', op: 'is_not_empty' }, 5)] });
    expect(same.status).toBe(200);
    expect(same.body).toMatchObject({ changed: false, version: 2 });

    const versions = await h.api('get', `/rule-sets/${id}/versions`, undefined, { role: 'ops' });
    expect(versions.status).toBe(200);
    expect(versions.body.items.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([[2, 'Scoring v2'], [1, 'Job title and data completeness']]);
    const v1 = await h.api('get', `/rule-sets/${id}/versions/1`);
    expect(v1.status).toBe(200);
    expect(v1.body.definition).toMatchObject({ id, version: 1, name: 'Job title and data completeness' });
    expect(v1.body.definition.rules).toHaveLength(4);
    expect((await h.api('get', `/rule-sets/${id}/versions/3`)).status).toBe(404);
    expect((await h.api('get', `/rule-sets/${id}/versions/zero`)).status).toBe(400);
  });

  it('If-Match / expectedVersion: 409 when stale, with the current version', async () => {
    const id = await createRuleSet(h, seeds.fusionScoring);
    const changed = (n: number) => ({ ...seeds.fusionScoring, scoreRange: { min: 0, max: 100 + n } });
    expect((await h.api('put', `/rule-sets/${id}`, changed(1), { headers: { 'if-match': '"1"' } })).status).toBe(200);
    const stale = await h.api('put', `/rule-sets/${id}`, changed(2), { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', expectedVersion: 1, currentVersion: 2 });
    expect(stale.headers.get('etag')).toBe('"2"');
    const staleQuery = await h.api('put', `/rule-sets/${id}?expectedVersion=1`, changed(2));
    expect(staleQuery.status).toBe(409);
    expect((await h.api('put', `/rule-sets/${id}?expectedVersion=2`, changed(2))).body.version).toBe(3);
    const badHeader = await h.api('put', `/rule-sets/${id}`, changed(3), { headers: { 'if-match': 'yesterday' } });
    expect(badHeader.status).toBe(400);
    expect(fields(badHeader)).toEqual(['headers.if-match']);
  });

  it('concurrent changes based on the same version: exactly one wins', async () => {
    const id = await createRuleSet(h, seeds.fusionScoring);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      h.api('put', `/rule-sets/${id}`, { ...seeds.fusionScoring, name: `Writer ${i}` }, { headers: { 'if-match': '"1"' } })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await h.sql('select version from rule_set_version where rule_set_id = $1 order by version', [id])).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('PUT: 404 for an unknown set, 422 for another type or an invalid definition (nothing saved)', async () => {
    expect((await h.api('put', `/rule-sets/${randomUUID()}`, seeds.fusionScoring)).status).toBe(404);
    const id = await createRuleSet(h, seeds.fusionScoring);
    const otherType = await h.api('put', `/rule-sets/${id}`, seeds.fusionRanking);
    expect(otherType.status).toBe(422);
    expect(otherType.body.errors).toEqual([expect.objectContaining({ field: 'body.type', code: 'type_immutable' })]);
    const invalid = await h.api('put', `/rule-sets/${id}`, scoring([]));
    expect(invalid.status).toBe(422);
    expect(fields(invalid)).toEqual(['body.rules']);
    expect(await h.sql('select latest_version from rule_set where id = $1', [id])).toEqual([{ latest_version: 1 }]);
    expect(await count(`rule_set_version where rule_set_id = '${id}'`)).toBe(1);
  });
});

describe('GET /rule-sets', () => {
  it('pages with a cursor, filters by type / active / archived, sorts by name or updatedAt', async () => {
    const tag = randomUUID().slice(0, 8);
    const ids: string[] = [];
    for (const n of ['E', 'C', 'A', 'D', 'B']) ids.push(await createRuleSet(h, { ...seeds.visionChannel, name: `${n} channel ${tag}` }));
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } = await h.api('get', `/rule-sets?type=channel&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      names.push(...res.body.items.map((i) => i.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names.filter((n) => n.endsWith(tag))).toEqual(['A', 'B', 'C', 'D', 'E'].map((n) => `${n} channel ${tag}`));

    await h.api('put', `/rule-sets/${ids[2]}`, { ...seeds.visionChannel, name: `A channel ${tag}`, description: 'touched' });
    const recent = await h.api('get', '/rule-sets?sort=updatedAt&limit=1');
    expect(recent.body.items[0].id).toBe(ids[2]);
    const next = await h.api('get', `/rule-sets?sort=updatedAt&limit=1&cursor=${recent.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(ids[2]);

    await activate(h, ids[0]!);
    const active = await h.api('get', '/rule-sets?type=channel&active=true');
    expect(active.body.items.map((i: { id: string }) => i.id)).toEqual([ids[0]]);
    expect(active.body.items[0].active).toMatchObject({ stage: 'channel', version: 1, activatedBy: 'user:test-admin' });
    const inactive = await h.api('get', '/rule-sets?type=channel&active=false&limit=200');
    expect(inactive.body.items.map((i: { id: string }) => i.id)).not.toContain(ids[0]);

    expect((await h.api('delete', `/rule-sets/${ids[1]}`)).status).toBe(204);
    const current = await h.api('get', '/rule-sets?type=channel&limit=200');
    expect(current.body.items.map((i: { id: string }) => i.id)).not.toContain(ids[1]);
    const archived = await h.api('get', '/rule-sets?archived=true');
    expect(archived.body.items.map((i: { id: string }) => i.id)).toContain(ids[1]);
  });

  it('400s for a foreign cursor, bad limits and unknown parameters', async () => {
    const byName = await h.api('get', '/rule-sets?limit=1');
    const wrongSort = await h.api('get', `/rule-sets?sort=updatedAt&cursor=${byName.body.nextCursor}`);
    expect(wrongSort.status).toBe(400);
    expect(fields(wrongSort)).toEqual(['query.cursor']);
    expect(fields(await h.api('get', '/rule-sets?cursor=garbage'))).toEqual(['query.cursor']);
    expect(fields(await h.api('get', '/rule-sets?limit=0'))).toEqual(['query.limit']);
    expect(fields(await h.api('get', '/rule-sets?colour=red'))).toEqual(['query.colour']);
  });

  it('is readable by admin, manager and ops; not by reps or integrations', async () => {
    for (const role of ['admin', 'manager', 'ops'] as const) expect((await h.api('get', '/rule-sets', undefined, { role })).status).toBe(200);
    for (const role of ['rep', 'integration'] as const) expect((await h.api('get', '/rule-sets', undefined, { role })).status).toBe(403);
  });
});

describe('GET /rule-sets/:id', () => {
  it('404s for an unknown id and 400s for a malformed one', async () => {
    const missing = await h.api('get', `/rule-sets/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'not_found', resource: 'rule set' });
    const bad = await h.api('get', '/rule-sets/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(fields(bad)).toEqual(['params.id']);
  });
});

describe('DELETE /rule-sets/:id (archive)', () => {
  it('409 while active; after deactivation it archives; archived sets cannot change or be activated, but stay readable', async () => {
    const id = await createRuleSet(h, seeds.fusionScoring);
    await activate(h, id);
    const blocked = await h.api('delete', `/rule-sets/${id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'rule_set_active', active: { stage: 'scoring', version: 1 } });
    expect((await h.api('post', `/rule-sets/${id}/deactivate`, {})).body).toMatchObject({ stage: 'scoring', deactivated: { ruleSetId: id, version: 1 } });
    expect((await h.api('delete', `/rule-sets/${id}`)).status).toBe(204);
    expect((await h.api('delete', `/rule-sets/${id}`)).status).toBe(204);
    const got = await h.api('get', `/rule-sets/${id}`);
    expect(got.body).toMatchObject({ archived: true, version: 1 });
    expect(got.body.archivedAt).toEqual(expect.any(String));
    expect((await h.api('put', `/rule-sets/${id}`, seeds.fusionScoring)).body.code).toBe('rule_set_archived');
    expect((await h.api('post', `/rule-sets/${id}/activate`, {})).status).toBe(409);
    expect((await h.api('delete', `/rule-sets/${randomUUID()}`)).status).toBe(404);
  });

  it('409 while something references the set (the routing configuration adds its check to the hook)', async () => {
    const id = await createRuleSet(h, { name: 'Gate', type: 'assignment', rules: [{ name: 'Big deals', when: { attr: 'purchaseAmount', op: 'gte', value: 1_000_000 }, then: { team: 'Prime' } }] });
    const check = async (_em: unknown, ruleSetId: string) => (ruleSetId === id ? [{ kind: 'routing_config', id: 'default', description: 'step "prime" gate' }] : []);
    ruleSetReferenceChecks.push(check);
    try {
      const res = await h.api('delete', `/rule-sets/${id}`);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'rule_set_referenced', references: [{ kind: 'routing_config', id: 'default' }] });
      expect(await h.sql('select archived from rule_set where id = $1', [id])).toEqual([{ archived: false }]);
    } finally {
      ruleSetReferenceChecks.splice(ruleSetReferenceChecks.indexOf(check), 1);
    }
    expect((await h.api('delete', `/rule-sets/${id}`)).status).toBe(204);
  });
});

describe('/openapi.json', () => {
  it('documents the configuration endpoints with their roles', async () => {
    const res = await h.api('get', '/openapi.json', undefined, { token: null });
    expect(res.status).toBe(200);
    const paths = res.body.paths;
    expect(paths['/rule-sets/{id}/activate'].post['x-roles']).toEqual(['admin']);
    expect(paths['/rule-sets/active'].get['x-roles']).toEqual(['admin', 'manager', 'ops', 'rep']);
    expect(paths['/rule-sets/{id}/simulate'].post['x-roles']).toEqual(['admin', 'manager', 'ops']);
    expect(paths['/leads/pipeline/simulate'].post.operationId).toBe('simulateLeadPipeline');
    expect(paths['/assessment-templates/{id}/score-ranges'].get.operationId).toBe('getAssessmentTemplateScoreRanges');
    expect(paths['/leads/{id}/assessments'].post['x-roles']).toEqual(['admin', 'manager', 'rep']);
    expect(Object.keys(paths['/rule-sets'].post.requestBody.content['application/json'].schema.oneOf ?? paths['/rule-sets'].post.requestBody.content['application/json'].schema.anyOf)).toHaveLength(7);
  });
});
