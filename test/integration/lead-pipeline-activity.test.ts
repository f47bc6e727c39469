// The lead-processing activity against real Postgres: the active pipeline's derived values and
// rule versions written with one audit event, exactly once per eventKey; closed leads untouched.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { RunLeadPipelineInput } from '../../activities/rules.js';
import { SYSTEM_ACTOR } from '../../workflows/messages.js';
import { startHarness, type Harness } from '../support/harness.js';
import { activate, activitiesFor, createRuleSet, seeds, storeLead, visionCapture } from '../support/rule-fixtures.js';

let h: Harness;
let acts: ReturnType<typeof activitiesFor>;
const sets: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness();
  acts = activitiesFor(h);
});
afterAll(async () => { await h?.close(); });

const run = (leadId: string, eventKey = `lead-${leadId}/${randomUUID()}`, reason: RunLeadPipelineInput['reason'] = 'captured') =>
  acts.runLeadPipeline({ leadId, eventKey, actor: SYSTEM_ACTOR, reason, requestId: 'req-1' });
const row = async (id: string) => (await h.sql('select status, qualified, score, rank, sales_channel, rule_versions from lead where id = $1', [id]))[0];
const processedEvents = (id: string) => h.sql("select event_key, action, actor, reason, before, after, trace, request_id from audit_event where lead_id = $1 and action = 'processed' order by id", [id]);

describe('runLeadPipeline', () => {
  it('with no active rule sets: no change, no event, no error', async () => {
    const id = await storeLead(h, visionCapture());
    const outcome = await run(id);
    expect(outcome).toEqual({ status: 'Unqualified', qualified: false, rank: null, score: null, salesChannel: null, ruleVersions: {}, changed: [] });
    expect(await processedEvents(id)).toEqual([]);
  });

  it('gives the seed’s Vision Enterprises outcomes and records the versions that decided', async () => {
    sets.qualification = await createRuleSet(h, seeds.visionQualification);
    sets.rating = await createRuleSet(h, seeds.visionRating);
    sets.channel = await createRuleSet(h, seeds.visionChannel);
    for (const id of Object.values(sets)) await activate(h, id);
    const cases: [Record<string, unknown>, { qualified: boolean; rank: string | null; salesChannel: string | null }][] = [
      [{}, { qualified: true, rank: 'A', salesChannel: 'Direct' }],
      [{ productCategory: 'Monitors', purchaseTimeframe: '1-3 months', purchaseAmount: 120_000 }, { qualified: true, rank: 'B', salesChannel: 'Direct' }],
      [{ productCategory: 'Computers', purchaseTimeframe: '3-6 months', purchaseAmount: 60_000 }, { qualified: true, rank: 'C', salesChannel: 'Direct' }],
      [{ purchaseTimeframe: '3-6 months', budgetStatus: 'Pending', purchaseAmount: 90_000 }, { qualified: true, rank: 'D', salesChannel: 'Direct' }],
      [{ purchaseTimeframe: '1-3 months', purchaseAmount: 30_000 }, { qualified: false, rank: null, salesChannel: null }],
      [{ country: 'FR' }, { qualified: false, rank: null, salesChannel: null }],
    ];
    for (const [overrides, expected] of cases) {
      const id = await storeLead(h, visionCapture(overrides));
      const outcome = await run(id);
      expect(outcome).toMatchObject({ ...expected, status: expected.qualified ? 'Qualified' : 'Unqualified' });
      const stored = await row(id);
      expect(stored).toMatchObject({ status: outcome.status, qualified: expected.qualified, rank: expected.rank, sales_channel: expected.salesChannel });
      expect(stored.rule_versions).toEqual(outcome.ruleVersions);
    }
    const id = await storeLead(h, visionCapture());
    const outcome = await run(id);
    expect(outcome.ruleVersions).toEqual({
      qualification: { ruleSetId: sets.qualification, version: 1 },
      rating: { ruleSetId: sets.rating, version: 1 },
      channel: { ruleSetId: sets.channel, version: 1 },
    });
    expect(outcome.changed).toEqual(['status', 'qualified', 'rank', 'salesChannel', 'ruleVersions']);
  });

  it('writes ONE processed audit event with before/after of the changed fields, the versions and the trace', async () => {
    const id = await storeLead(h, visionCapture({ purchaseTimeframe: '1-3 months', purchaseAmount: 120_000 }));
    const eventKey = `lead-${id}/2`;
    await run(id, eventKey, 'captured');
    const [event, ...more] = await processedEvents(id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      event_key: eventKey, action: 'processed', actor: 'system:leadflow', reason: 'captured', request_id: 'req-1',
      before: { status: 'Unqualified', qualified: false, rank: null, salesChannel: null, ruleVersions: {} },
      after: { status: 'Qualified', qualified: true, rank: 'B', salesChannel: 'Direct' },
    });
    expect(Object.keys(event.after).sort()).toEqual(['qualified', 'rank', 'ruleVersions', 'salesChannel', 'status']);
    expect(event.trace.ruleSetVersions.rating).toEqual({ id: sets.rating, version: 1, type: 'rating' });
    expect(event.trace.matchedRules).toEqual({ qualification: ['Rule 1'], rating: ['Rule 2'], channel: ['Rule 1'] });
    expect(event.trace.lines).toContain('  rule "Rule 2" matched');
    expect(event.trace.traces.map((t: { ruleSet: { type: string } }) => t.ruleSet.type)).toEqual(['qualification', 'rating', 'channel']);
  });

  it('is idempotent under retry: the same eventKey applies once and returns the stored outcome', async () => {
    const id = await storeLead(h, visionCapture());
    const eventKey = `lead-${id}/7`;
    const first = await run(id, eventKey);
    expect(first.changed.length).toBeGreaterThan(0);
    // The configuration changes between the attempts: the retry must not re-apply anything.
    const v2 = await h.api('put', `/rule-sets/${sets.rating!}`, { ...seeds.visionRating, rules: seeds.visionRating.rules.map((r) => ({ ...r, then: { rank: 'D' } })) });
    expect(v2.body.version).toBe(2);
    await activate(h, sets.rating!);
    const [retry, concurrent] = await Promise.all([run(id, eventKey), run(id, eventKey)]);
    expect(retry).toEqual(first);
    expect(concurrent).toEqual(first);
    expect(await processedEvents(id)).toHaveLength(1);
    expect((await row(id)).rank).toBe('A');

    // A new event (e.g. attributes changed) runs the new version and records it.
    const next = await run(id, `lead-${id}/8`, 'attributes_changed');
    expect(next).toMatchObject({ rank: 'D', changed: ['rank', 'ruleVersions'] });
    expect(next.ruleVersions.rating).toEqual({ ruleSetId: sets.rating, version: 2 });
    expect((await row(id)).rule_versions.rating).toEqual({ ruleSetId: sets.rating, version: 2 });
    expect(await processedEvents(id)).toHaveLength(2);
    // Nothing changes: no event.
    expect((await run(id, `lead-${id}/9`, 'processing')).changed).toEqual([]);
    expect(await processedEvents(id)).toHaveLength(2);
    await activate(h, sets.rating!, 1);
  });

  it('never touches a Converted or Retired lead', async () => {
    for (const status of ['Converted', 'Retired']) {
      const id = await storeLead(h, visionCapture());
      await h.sql('update lead set status = $2, rank = $3 where id = $1', [id, status, 'Z']);
      const before = await h.sql('select * from lead where id = $1', [id]);
      const outcome = await run(id);
      expect(outcome).toMatchObject({ status, rank: 'Z', changed: [] });
      expect(await h.sql('select * from lead where id = $1', [id])).toEqual(before);
      expect(await processedEvents(id)).toEqual([]);
    }
  });

  it('keeps a caller’s sales channel when no channel rule chose one, and scores before qualifying', async () => {
    const scoring = await createRuleSet(h, { name: 'Amount points', type: 'scoring', rules: [{ name: 'Big', when: { attr: 'purchaseAmount', op: 'gte', value: 100_000 }, then: { points: 70 } }] });
    await activate(h, scoring);
    const id = await storeLead(h, visionCapture({ country: 'FR', salesChannel: 'Partner desk', purchaseAmount: 150_000 }));
    const outcome = await run(id);
    expect(outcome).toMatchObject({ score: 70, qualified: false, salesChannel: 'Partner desk', changed: ['score', 'ruleVersions'] });
    expect((await row(id)).sales_channel).toBe('Partner desk');
    await h.api('post', `/rule-sets/${scoring}/deactivate`, {});
  });

  it('fails without retry for an unknown lead', async () => {
    const err = await run(randomUUID()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'LeadNotFound', nonRetryable: true });
  });
});
