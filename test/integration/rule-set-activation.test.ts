// Activation: exactly one active version per pipeline stage, changed atomically (also under
// concurrent activations); candidate-selecting types are not activated.
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness.js';
import { activate, createRuleSet, seeds } from '../support/rule-fixtures.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

const activations = () => h.sql<{ stage: string; rule_set_id: string; version: number; rule_set_type: string }>(
  'select a.stage, v.rule_set_id, v.version, a.rule_set_type from rule_set_activation a join rule_set_version v on v.id = a.rule_set_version_id order by a.stage',
);

describe('POST /rule-sets/:id/activate', () => {
  it('activates the latest version by default or a given one, replacing the stage’s previous version', async () => {
    const id = await createRuleSet(h, seeds.visionQualification);
    await h.api('put', `/rule-sets/${id}`, { ...seeds.visionQualification, scoreThreshold: 80 });
    const latest = await h.api('post', `/rule-sets/${id}/activate`, {});
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ stage: 'qualification', ruleSetId: id, version: 2, activatedBy: 'user:test-admin', replaced: null });

    const pinned = await h.api('post', `/rule-sets/${id}/activate`, { version: 1 });
    expect(pinned.body).toMatchObject({ version: 1, replaced: { ruleSetId: id, version: 2 } });

    const other = await createRuleSet(h, { ...seeds.visionQualification, name: 'Other qualification' });
    const replaced = await h.api('post', `/rule-sets/${other}/activate`, {});
    expect(replaced.body).toMatchObject({ ruleSetId: other, version: 1, replaced: { ruleSetId: id, version: 1 } });
    expect((await activations()).filter((a) => a.stage === 'qualification')).toEqual([{ stage: 'qualification', rule_set_id: other, version: 1, rule_set_type: 'qualification' }]);

    const active = await h.api('get', '/rule-sets/active', undefined, { role: 'rep' });
    expect(active.status).toBe(200);
    expect(active.body.qualification).toMatchObject({ ruleSetId: other, name: 'Other qualification', version: 1, type: 'qualification', definition: { id: other, version: 1 } });
    const detail = await h.api('get', `/rule-sets/${id}`);
    expect(detail.body.active).toBeNull();
  });

  it('rating and ranking sets share the rating stage: activating one replaces the other', async () => {
    const rating = await createRuleSet(h, seeds.visionRating);
    const ranking = await createRuleSet(h, seeds.fusionRanking);
    await activate(h, rating);
    const res = await h.api('post', `/rule-sets/${ranking}/activate`, {});
    expect(res.body).toMatchObject({ stage: 'rating', replaced: { ruleSetId: rating } });
    const active = await h.api('get', '/rule-sets/active');
    expect(active.body.rating).toMatchObject({ ruleSetId: ranking, type: 'ranking' });
  });

  it('rejects candidate-selecting types (422), unknown versions (422 naming body.version), unknown sets (404)', async () => {
    const assignment = await createRuleSet(h, { name: 'Select', type: 'assignment', rules: [{ name: 'Any', when: { attr: 'country', op: 'is_not_empty' }, then: { points: 1 } }] });
    const wrongType = await h.api('post', `/rule-sets/${assignment}/activate`, {});
    expect(wrongType.status).toBe(422);
    expect(wrongType.body).toMatchObject({ status: 422, code: 'rule_set_not_activatable', ruleSetType: 'assignment' });
    const territory = await createRuleSet(h, { name: 'Keep', type: 'territory_filter', rules: [{ name: 'All', when: { attr: 'territory.type', op: 'is_not_empty' }, then: { keep: true } }] });
    expect((await h.api('post', `/rule-sets/${territory}/activate`, {})).status).toBe(422);

    const scoring = await createRuleSet(h, seeds.fusionScoring);
    const noVersion = await h.api('post', `/rule-sets/${scoring}/activate`, { version: 5 });
    expect(noVersion.status).toBe(422);
    expect(noVersion.body.errors).toEqual([expect.objectContaining({ field: 'body.version', code: 'unknown_version' })]);
    expect((await h.api('post', `/rule-sets/${randomUUID()}/activate`, {})).status).toBe(404);
    expect((await h.api('post', `/rule-sets/${scoring}/activate`, { version: 0 })).status).toBe(400);
    expect((await h.api('post', `/rule-sets/${scoring}/activate`, {}, { role: 'manager' })).status).toBe(403);
  });

  it('concurrent activations of different sets leave exactly one active version per stage', async () => {
    const sets = await Promise.all(Array.from({ length: 6 }, (_, i) => createRuleSet(h, { ...seeds.fusionScoring, name: `Concurrent ${i}` })));
    const results = await Promise.all(sets.flatMap((id) => [h.api('post', `/rule-sets/${id}/activate`, {}), h.api('post', `/rule-sets/${id}/activate`, {})]));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const scoring = (await activations()).filter((a) => a.stage === 'scoring');
    expect(scoring).toHaveLength(1);
    expect(sets).toContain(scoring[0]!.rule_set_id);
    const listed = await h.api('get', '/rule-sets?type=scoring&active=true');
    expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([scoring[0]!.rule_set_id]);
  });

  it('the database itself refuses a second row for a stage and a set of another type', async () => {
    const channel = await createRuleSet(h, { ...seeds.visionChannel, name: 'Constraint probe' });
    const [version] = await h.sql<{ id: number }>('select id from rule_set_version where rule_set_id = $1', [channel]);
    await expect(h.sql("insert into rule_set_activation (stage, rule_set_version_id, rule_set_type, activated_by) values ('scoring', $1, 'channel', 'x')", [version!.id]))
      .rejects.toThrow(/rule_set_activation_stage_check/);
    await h.sql("insert into rule_set_activation (stage, rule_set_version_id, rule_set_type, activated_by) values ('channel', $1, 'channel', 'x') on conflict do nothing", [version!.id]);
    await expect(h.sql("insert into rule_set_activation (stage, rule_set_version_id, rule_set_type, activated_by) values ('channel', $1, 'channel', 'y')", [version!.id]))
      .rejects.toThrow(/duplicate key/);
  });
});

describe('POST /rule-sets/:id/deactivate', () => {
  it('empties the stage (idempotent) and leaves other stages alone', async () => {
    const channel = await createRuleSet(h, seeds.visionChannel);
    await activate(h, channel);
    const before = await h.api('get', '/rule-sets/active');
    const res = await h.api('post', `/rule-sets/${channel}/deactivate`, {});
    expect(res.body).toMatchObject({ stage: 'channel', deactivated: { ruleSetId: channel, version: 1 } });
    expect((await h.api('post', `/rule-sets/${channel}/deactivate`, {})).body).toMatchObject({ stage: 'channel', deactivated: null });
    const after = await h.api('get', '/rule-sets/active');
    expect(after.body.channel).toBeNull();
    expect(after.body.scoring).toEqual(before.body.scoring);
  });
});
