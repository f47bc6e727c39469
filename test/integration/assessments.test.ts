// Assessment templates (versions, status rules) and assessments of leads, through the API on real
// Postgres and Temporal: the seed's worked example end to end.
import { randomUUID } from 'node:crypto';
import { winWinInput } from '../unit/rules/assessment/fixtures.js';
import { startHarness, type Harness } from '../support/harness.js';
import { storeLead, visionCapture } from '../support/rule-fixtures.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

const { id: _seedId, ...winWin } = structuredClone(winWinInput);
type Body = typeof winWin;
// Tests edit freely (free-form questions have no responses: the edits below touch scored ones).
const edit = (change: (b: any) => void): Body => {
  const b = structuredClone(winWin);
  change(b);
  return b;
};
const fields = (res: { body: { errors?: { field: string; code: string }[] } }) => (res.body.errors ?? []).map((e) => [e.field, e.code]);

async function createTemplate(body: unknown = winWin): Promise<string> {
  const res = await h.api('post', '/assessment-templates', body);
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}
async function activeTemplate(body: unknown = winWin): Promise<string> {
  const id = await createTemplate(body);
  expect((await h.api('post', `/assessment-templates/${id}/activate`, {})).status).toBe(200);
  return id;
}
async function capturedLead(): Promise<string> {
  const res = await h.api('post', '/leads', visionCapture());
  expect(res.status).toBe(201);
  return res.body.id;
}
/** A rep who owns the lead (lead-level access: taking an assessment needs edit access). */
async function ownerToken(leadId: string): Promise<string> {
  const repId = randomUUID();
  await h.sql('update lead set owner_id = $1 where id = $2', [repId, leadId]);
  return h.token('rep', { sub: 'test-rep', repId });
}
const answers = (customerWin: string, ourWin: string) => [
  { questionId: 'customer-win', responseId: customerWin },
  { questionId: 'our-win', responseId: ourWin },
  { questionId: 'issue', freeFormText: 'Plant running costs' },
];

describe('the seed’s worked example, end to end', () => {
  it('computes the ranges and scores assessments: score, rating, feedback, recommended tasks; audited and signalled', async () => {
    const templateId = await createTemplate();
    const created = await h.api('get', `/assessment-templates/${templateId}`, undefined, { role: 'rep' });
    expect(created.body).toMatchObject({ name: 'Potential for Win-Win', status: 'In progress', version: 1, latestVersion: 1, definition: { id: templateId, status: 'In progress' } });

    const ranges = await h.api('get', `/assessment-templates/${templateId}/score-ranges`);
    expect(ranges.status).toBe(200);
    expect(ranges.body.ranges.map((r: { rating: string; low: number; high: number }) => `${r.rating} ${r.low}-${r.high}`)).toEqual(['Excellent 65-100', 'Average 46-64', 'Poor 0-45']);
    expect(ranges.body).toMatchObject({ manual: false, version: 1, ranges: [{ feedback: 'Engage now' }, { feedback: 'Keep qualifying' }, { feedback: 'Consider retiring the lead' }] });

    const leadId = await capturedLead();
    const tooEarly = await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: answers('cost', 'partnership') });
    expect(tooEarly.status).toBe(409);
    // RFC 9457: `status` is the HTTP status; the template's own status travels as templateStatus
    expect(tooEarly.body).toMatchObject({ status: 409, code: 'template_not_active', templateStatus: 'In progress', errors: [{ field: 'body.templateId' }] });

    expect((await h.api('post', `/assessment-templates/${templateId}/activate`, {})).body.status).toBe('Active');
    const rep = await ownerToken(leadId);
    const cases: [string, string, number, string, string, string[]][] = [
      ['cost', 'partnership', 100, 'Excellent', 'Engage now', ['engage-bdm']],
      ['revenue', 'reference', 64, 'Average', 'Keep qualifying', ['follow-up']],
      ['unknown', 'resale', 45, 'Poor', 'Consider retiring the lead', ['follow-up']],
    ];
    for (const [customerWin, ourWin, totalScore, rating, feedback, tasks] of cases) {
      const res = await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: answers(customerWin, ourWin) }, { token: rep });
      expect(res.status).toBe(201);
      expect(res.headers.get('location')).toBe(`/leads/${leadId}/assessments/${res.body.id}`);
      expect(res.body).toMatchObject({ leadId, templateId, templateVersion: 1, templateName: 'Potential for Win-Win', totalScore, rating, feedback, activitySignalled: true, actor: 'user:test-rep', unanswered: [] });
      expect(res.body.recommendedTaskTemplates.map((t: { taskTemplateId: string }) => t.taskTemplateId)).toEqual(tasks);
      expect(res.body.questionScores).toContainEqual({ questionId: 'issue', responseId: null, freeFormText: 'Plant running costs', rating: null, normalizedScore: 0, weightedScore: 0 });
    }

    const listed = await h.api('get', `/leads/${leadId}/assessments`, undefined, { role: 'ops' });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: { totalScore: number }) => a.totalScore).sort()).toEqual([100, 45, 64].sort());
    const one = await h.api('get', `/leads/${leadId}/assessments/${listed.body.items[0].id}`);
    expect(one.body).toEqual(listed.body.items[0]);

    const events = await h.sql("select action, actor, after from audit_event where lead_id = $1 and action = 'assessment_taken' order by id", [leadId]);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actor: 'user:test-rep', after: { templateId, templateVersion: 1, totalScore: 100, rating: 'Excellent', recommendedTaskTemplates: ['engage-bdm'] } });

    const history = await h.temporal.workflow.getHandle(`lead-${leadId}`).fetchHistory();
    const signals = (history.events ?? []).flatMap((e) => (e.workflowExecutionSignaledEventAttributes?.signalName ? [e.workflowExecutionSignaledEventAttributes.signalName] : []));
    expect(signals).toEqual(['leadActivity', 'leadActivity', 'leadActivity']);
  });

  it('a lead without a running workflow still gets its assessment (nothing to signal)', async () => {
    const templateId = await activeTemplate();
    const leadId = await storeLead(h, visionCapture());
    const res = await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: answers('cost', 'reference') });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ totalScore: 68, rating: 'Excellent', activitySignalled: false });
  });
});

describe('taking an assessment: errors name the field', () => {
  it('422 for unknown questions and responses, 422 for an unknown template, 404 for an unknown lead; nothing stored', async () => {
    const templateId = await activeTemplate();
    const leadId = await storeLead(h, visionCapture());
    const bad = await h.api('post', `/leads/${leadId}/assessments`, {
      templateId,
      answers: [{ questionId: 'favourite-colour', responseId: 'green' }, { questionId: 'our-win', responseId: 'merger' }, { questionId: 'customer-win', freeFormText: 'free' }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('invalid_answers');
    expect(fields(bad)).toEqual([
      ['body.answers.0.questionId', 'unknown_question'], ['body.answers.1.responseId', 'unknown_response'], ['body.answers.2.freeFormText', 'free_form_not_allowed'],
    ]);
    const unknownTemplate = await h.api('post', `/leads/${leadId}/assessments`, { templateId: randomUUID(), answers: [] });
    expect(unknownTemplate.status).toBe(422);
    expect(fields(unknownTemplate)).toEqual([['body.templateId', 'unknown_template']]);
    const unknownLead = await h.api('post', `/leads/${randomUUID()}/assessments`, { templateId, answers: [] });
    expect(unknownLead.status).toBe(404);
    expect(unknownLead.body.resource).toBe('lead');
    const shape = await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: [{ questionId: 'our-win', responseId: 'reference', score: 100 }] });
    expect(shape.status).toBe(400);
    expect(shape.body.errors[0].field).toBe('body.answers.0.score');
    expect(await h.sql('select count(*)::int as n from assessment where lead_id = $1', [leadId])).toEqual([{ n: 0 }]);
    expect((await h.api('get', `/leads/${randomUUID()}/assessments`)).status).toBe(404);
  });

  it('admins and reps with edit access to the lead take assessments; ops and integrations do not', async () => {
    const templateId = await activeTemplate();
    const leadId = await storeLead(h, visionCapture());
    expect((await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: [] }, { role: 'admin' })).status).toBe(201);
    // reps and managers by lead-level access: the owner may, another rep may not
    const owner = await ownerToken(leadId);
    expect((await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: [] }, { token: owner })).status).toBe(201);
    const stranger = await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: [] }, { role: 'rep', repId: randomUUID() });
    expect(stranger).toMatchObject({ status: 403, body: { code: 'lead_access_denied' } });
    for (const role of ['ops', 'integration'] as const) expect((await h.api('post', `/leads/${leadId}/assessments`, { templateId, answers: [] }, { role })).status).toBe(403);
  });
});

describe('assessment templates', () => {
  it('reject invalid templates with 422 naming each path, shapes with 400; nothing saved', async () => {
    const before = (await h.sql('select count(*)::int as n from assessment_template'))[0].n;
    const weights = await h.api('post', '/assessment-templates', edit((b) => { b.groups[0]!.questions[0]!.weight = 30; }));
    expect(weights.status).toBe(422);
    expect(fields(weights)).toEqual([['body.groups', 'weights_total']]);
    const rating = await h.api('post', '/assessment-templates', edit((b) => { b.groups[0]!.questions[1]!.responses[1]!.rating = 'Mediocre'; }));
    expect(fields(rating)).toEqual([['body.groups.0.questions.1.responses.1.rating', 'unknown_rating']]);
    const withStatus = await h.api('post', '/assessment-templates', { ...winWin, status: 'Active' });
    expect(withStatus.status).toBe(400);
    expect(withStatus.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.status']);
    expect((await h.sql('select count(*)::int as n from assessment_template'))[0].n).toBe(before);
    expect((await h.api('post', '/assessment-templates', winWin, { role: 'manager' })).status).toBe(403);
  });

  it('In progress: any edit (a new version), delete', async () => {
    const id = await createTemplate();
    const v2 = await h.api('put', `/assessment-templates/${id}`, edit((b) => { b.groups[0]!.questions[0]!.weight = 30; b.groups[0]!.questions[1]!.weight = 70; }));
    expect(v2.status).toBe(200);
    expect(v2.body).toMatchObject({ changed: true, version: 2, status: 'In progress' });
    const same = await h.api('put', `/assessment-templates/${id}`, edit((b) => { b.groups[0]!.questions[0]!.weight = 30; b.groups[0]!.questions[1]!.weight = 70; }));
    expect(same.body).toMatchObject({ changed: false, version: 2 });
    const versions = await h.api('get', `/assessment-templates/${id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await h.api('get', `/assessment-templates/${id}/versions/1`)).body.definition.groups[0].questions[0].weight).toBe(20);
    const stale = await h.api('put', `/assessment-templates/${id}`, winWin, { headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    expect((await h.api('delete', `/assessment-templates/${id}`)).status).toBe(204);
    expect((await h.api('get', `/assessment-templates/${id}`)).status).toBe(404);
    expect(await h.sql('select count(*)::int as n from assessment_template_version where template_id = $1', [id])).toEqual([{ n: 0 }]);
  });

  it('Active: textual edits only (409 naming each structural field); assessments record the version they used', async () => {
    const id = await activeTemplate();
    const leadId = await storeLead(h, visionCapture());
    const first = await h.api('post', `/leads/${leadId}/assessments`, { templateId: id, answers: answers('cost', 'partnership') });

    const textual = await h.api('put', `/assessment-templates/${id}`, edit((b) => {
      b.groups[0]!.questions[0]!.text = 'What does the customer win?';
      b.groups[0]!.questions.reverse();
      b.ratings[1]!.feedback = 'Ask about the budget';
    }));
    expect(textual.status).toBe(200);
    expect(textual.body).toMatchObject({ changed: true, version: 2, status: 'Active' });

    const structural = await h.api('put', `/assessment-templates/${id}`, edit((b) => {
      b.groups[0]!.questions[0]!.weight = 30;
      b.groups[0]!.questions[1]!.weight = 70;
      b.groups[0]!.questions[1]!.responses[0]!.score = 70;
    }));
    expect(structural.status).toBe(409);
    expect(structural.body).toMatchObject({ status: 409, code: 'template_not_editable', templateStatus: 'Active' });
    expect(fields(structural)).toEqual([
      ['body.groups.0.questions.0.weight', 'structural_change'], ['body.groups.0.questions.1.weight', 'structural_change'], ['body.groups.0.questions.1.responses.0.score', 'structural_change'],
    ]);
    expect((await h.api('get', `/assessment-templates/${id}`)).body.version).toBe(2);

    const second = await h.api('post', `/leads/${leadId}/assessments`, { templateId: id, answers: answers('revenue', 'reference') });
    expect([first.body.templateVersion, second.body.templateVersion]).toEqual([1, 2]);
    expect(second.body.feedback).toBe('Ask about the budget');
    expect((await h.api('post', `/assessment-templates/${id}/activate`, {})).status).toBe(409);
  });

  it('deleting an Active template retires it; a Retired one takes nothing but a copy', async () => {
    const id = await activeTemplate();
    const retired = await h.api('delete', `/assessment-templates/${id}`);
    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe('Retired');
    for (const [method, path, body] of [
      ['put', `/assessment-templates/${id}`, winWin], ['delete', `/assessment-templates/${id}`, undefined],
      ['post', `/assessment-templates/${id}/activate`, {}], ['post', `/assessment-templates/${id}/retire`, {}],
    ] as const) {
      const res = await h.api(method, path, body);
      expect([method, path, res.status, res.body.status, res.body.code]).toEqual([method, path, 409, 409, 'template_retired']);
    }
    const leadId = await storeLead(h, visionCapture());
    expect((await h.api('post', `/leads/${leadId}/assessments`, { templateId: id, answers: [] })).body.code).toBe('template_not_active');

    const copy = await h.api('post', `/assessment-templates/${id}/copy`, {});
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Copy of Potential for Win-Win', status: 'In progress', version: 1, copiedFromId: id });
    expect(copy.body.definition.groups).toEqual((await h.api('get', `/assessment-templates/${id}`)).body.definition.groups);
    const named = await h.api('post', `/assessment-templates/${id}/copy`, { name: 'Win-Win 2026' });
    expect(named.body.name).toBe('Win-Win 2026');
  });

  it('retire moves Active to Retired only; list by status with a cursor', async () => {
    const inProgress = await createTemplate({ ...winWin, name: `Listed ${randomUUID()}` });
    expect((await h.api('post', `/assessment-templates/${inProgress}/retire`, {})).body.code).toBe('template_status_conflict');
    const active = await activeTemplate({ ...winWin, name: 'Aardvark template' });
    expect((await h.api('post', `/assessment-templates/${active}/retire`, {})).body.status).toBe('Retired');

    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string; status: string }[]; nextCursor: string | null } } = await h.api('get', `/assessment-templates?status=In%20progress&limit=2${cursor ? `&cursor=${cursor}` : ''}`, undefined, { role: 'rep' });
      expect(res.body.items.every((i) => i.status === 'In progress')).toBe(true);
      names.push(...res.body.items.map((i) => i.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([...names].sort());
    expect(names.some((n) => n.startsWith('Listed '))).toBe(true);
    expect((await h.api('get', '/assessment-templates?status=Retired')).body.items.map((i: { id: string }) => i.id)).toContain(active);
  });

  it('404 for unknown templates and versions, 400 for malformed ids', async () => {
    expect((await h.api('get', `/assessment-templates/${randomUUID()}`)).body.code).toBe('not_found');
    const id = await createTemplate();
    expect((await h.api('get', `/assessment-templates/${id}/versions/2`)).status).toBe(404);
    expect((await h.api('get', `/assessment-templates/${id}/score-ranges?version=2`)).status).toBe(404);
    expect((await h.api('put', `/assessment-templates/${randomUUID()}`, winWin)).status).toBe(404);
    const bad = await h.api('get', '/assessment-templates/nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('params.id');
  });
});
