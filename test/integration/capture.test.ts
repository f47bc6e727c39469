// Walking skeleton: POST /leads starts the lead workflow, an activity writes the row and an
// audit event, GET /leads/:id shows the row plus live workflow state.
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

// A different person each time (the same person twice is a duplicate, answered as such).
let person = 0;
const lead = (extra: Record<string, unknown> = {}) => ({
  source: 'web_form',
  firstName: 'Ada',
  lastName: `Lovelace ${++person}`,
  email: `ada.${person}@analytical-engines.co.uk`,
  companyName: 'Analytical Engines Ltd',
  country: 'GB',
  purchaseAmount: 120000,
  ...extra,
});

describe('POST /leads', () => {
  it('captures a lead through its workflow and stores it with an audit event', async () => {
    const res = await h.api('post', '/leads', lead());
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    expect(res.headers.get('location')).toBe(`/leads/${res.body.id}`);
    expect(res.body).toMatchObject({ firstName: 'Ada', status: 'Unqualified', purchaseAmount: 120000, workflowId: `lead-${res.body.id}` });
    expect(res.body.live).toMatchObject({ leadId: res.body.id, captured: true, status: 'Unqualified' });

    const got = await h.api('get', `/leads/${res.body.id}`, undefined, { role: 'ops' });
    expect(got.status).toBe(200);
    expect(got.body.email).toBe(res.body.email);
    expect(res.body.email).toMatch(/^ada\.\d+@analytical-engines\.co\.uk$/);

    // the capture is the caller's; with no routing configured the workflow then puts the lead in the hopper
    let events: { action: string; actor: string }[] = [];
    for (let i = 0; i < 100 && events.length < 2; i++) {
      events = await h.sql('select action, actor from audit_event where lead_id = $1 order by id', [res.body.id]);
      if (events.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events).toEqual([{ action: 'captured', actor: 'user:test-admin' }, { action: 'hopper', actor: 'system:leadflow' }]);

    const desc = await h.temporal.workflow.getHandle(`lead-${res.body.id}`).describe();
    expect(desc.status.name).toBe('RUNNING');
    expect(desc.taskQueue).toBe(h.taskQueue);
  });

  it('rejects unknown fields and bad types with 400 naming each failing path', async () => {
    const res = await h.api('post', '/leads', { ...lead(), purchaseAmount: 'lots', favouriteColour: 'green', country: 'gb' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['body.country', 'body.favouriteColour', 'body.purchaseAmount']);
    expect(await h.sql('select count(*)::int as n from lead')).toEqual([{ n: 1 }]);
  });

  it('rejects malformed JSON and a missing body with 400', async () => {
    const bad = await h.api('post', '/leads', '{"source": ', {});
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('malformed_json');
    const none = await h.api('post', '/leads');
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('body');
  });

  it('returns the same lead for the same source + Original System Reference, also when requests race', async () => {
    const ref = `CRM-${randomUUID()}`;
    const responses = await Promise.all(Array.from({ length: 12 }, () => h.api('post', '/leads', lead({ origSystemReference: ref, source: 'partner' }))));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const [id] = [...ids];
    expect(await h.sql('select count(*)::int as n from lead where orig_system_reference = $1', [ref])).toEqual([{ n: 1 }]);
    expect(await h.sql("select count(*)::int as n from audit_event where lead_id = $1 and action = 'captured'", [id])).toEqual([{ n: 1 }]);
    // the same reference from another source is another lead
    const other = await h.api('post', '/leads', lead({ origSystemReference: ref, source: 'campaign' }));
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(id);
  });

  it('requires credentials and the right role', async () => {
    expect((await h.api('post', '/leads', lead(), { token: null })).status).toBe(401);
    const forged = await h.api('get', '/leads/00000000-0000-4000-8000-000000000000', undefined, { token: 'abc.def.ghi' });
    expect(forged.status).toBe(401);
    expect((await h.api('post', '/leads', lead(), { role: 'ops' })).status).toBe(403);
  });
});

describe('GET /leads/:id', () => {
  it('404s for an unknown lead and 400s for a malformed id', async () => {
    const missing = await h.api('get', `/leads/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
    const bad = await h.api('get', '/leads/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');
  });
});

describe('GET /healthz', () => {
  it('reports both dependencies up', async () => {
    const res = await h.api('get', '/healthz', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', postgres: { ok: true }, temporal: { ok: true } });
  });
});
