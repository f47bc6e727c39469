// Processing runs and the lead lifecycle, with leads captured through the API (each has its lead
// workflow): Assignment routes exactly the selected unowned leads; Qualification routes newly
// qualified leads; Scoring keeps the workflows' state and search attributes current; Realign
// recomputes territories with the assignment engine, replacing the territory team, and routes the
// unowned leads whose territories changed.
import { stateQuery, leadWorkflowId } from '../../../workflows/messages.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { apiRep, apiRouting, apiTerritory } from '../../support/assignment.js';
import { capture as captureThroughApi } from '../../support/lifecycle.js';
import { createActivity, eventually, finishedRuns, runLog } from '../../support/processing.js';
import { activate, createRuleSet, seeds } from '../../support/rule-fixtures.js';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

const lead = async (id: string) => (await h.sql('select assignment_status, offered_to_id, owner_id, status, score from lead where id = $1', [id]))[0];
const settled = (id: string, status: string) => eventually(`lead ${id} ${status}`, async () => {
  const l = await lead(id);
  return l?.assignment_status === status ? l : undefined;
}, 60_000);
/** POST /leads: the lead's workflow stores it and routes it. */
const capture = (campaignCode: string, extra: Record<string, unknown> = {}) =>
  captureThroughApi(h, { source: 'api', firstName: 'Test', campaignCode, companyName: `Buyer ${Math.random().toString(36).slice(2)}`, email: `${Math.random().toString(36).slice(2)}@example.com`, ...extra });

it('Assignment and Qualification: the selected unowned leads are routed by their workflows; the others stay where they are', async () => {
  // No routing yet: captured leads go to the hopper.
  const leads = [];
  for (const city of ['Oslo', 'Oslo', 'Bergen']) leads.push(await capture('PROC-ASSIGN', { city }));
  for (const id of leads) await settled(id, 'Hopper');

  const rep = await apiRep(h, { name: 'Nora', capacity: 100 });
  await apiRouting(h, [{ id: 'nora', match: { kind: 'specific_user', repId: rep.id } }]);
  const a = await createActivity(h, {
    name: 'Route Oslo', processType: 'Assignment', diagnostic: true,
    criteria: [{ attr: 'campaignCode', op: 'eq', value: 'PROC-ASSIGN' }, { attr: 'city', op: 'eq', value: 'Oslo' }, { attr: 'unassigned', op: 'eq', value: true }],
  });
  const [run] = await finishedRuns(h, a.id);
  expect(run).toMatchObject({ status: 'Completed', counts: { selected: 2, processed: 2, changed: 0, skipped: 0, signalled: 2 } });
  for (const id of leads.slice(0, 2)) expect(await settled(id, 'Offered')).toMatchObject({ offered_to_id: rep.id });
  expect(await lead(leads[2]!)).toMatchObject({ assignment_status: 'Hopper', offered_to_id: null });
  expect((await runLog(h, run.id)).map((e) => e.outcome)).toEqual(['signalled', 'signalled']);
  const routed = await h.sql("select reason from audit_event where lead_id = $1 and action = 'offered' order by id", [leads[0]]);
  expect(routed.at(-1)).toEqual({ reason: 'processing' });

  // Qualification: the Bergen lead becomes qualified and its workflow routes it.
  const q = await createRuleSet(h, { name: 'Bergen buyers', type: 'qualification', rules: [{ name: 'Bergen', when: { attr: 'city', op: 'eq', value: 'Bergen' }, then: { qualified: true } }] });
  const qa = await createActivity(h, { name: 'Qualify', processType: 'Qualification', ruleSetId: q, criteria: [{ attr: 'campaignCode', op: 'eq', value: 'PROC-ASSIGN' }] });
  const [qrun] = await finishedRuns(h, qa.id);
  expect(qrun.counts).toMatchObject({ selected: 3, changed: 3, signalled: 1 }); // all get the rule version; only Bergen's status changes
  expect(await settled(leads[2]!, 'Offered')).toMatchObject({ status: 'Qualified', offered_to_id: rep.id });
  const state = await h.temporal.workflow.getHandle(leadWorkflowId(leads[2]!)).query(stateQuery);
  expect(state).toMatchObject({ status: 'Qualified', qualified: true, assignmentStatus: 'Offered' });
  // The Oslo leads stay unqualified and keep their offers.
  expect(await lead(leads[0]!)).toMatchObject({ assignment_status: 'Offered', offered_to_id: rep.id, status: 'Unqualified' });
});

it('Scoring: the lead workflows receive the new scores (state and search attributes)', async () => {
  const set = await createRuleSet(h, { ...seeds.fusionScoring, name: 'Scores for processing' });
  await activate(h, set);
  const id = await capture('PROC-SCORE', { jobTitle: 'Chief Executive Officer' });
  await eventually('captured', async () => ((await lead(id))?.score === 100 ? true : undefined));
  await h.sql('update lead set job_title = $2 where id = $1', [id, 'Operations Manager']); // a data fix outside the lifecycle
  const a = await createActivity(h, { name: 'Rescore', processType: 'Scoring', criteria: [{ attr: 'campaignCode', op: 'eq', value: 'PROC-SCORE' }] });
  const [run] = await finishedRuns(h, a.id);
  expect(run.counts).toMatchObject({ selected: 1, changed: 1, signalled: 1 });
  expect((await lead(id)).score).toBe(50);
  const handle = h.temporal.workflow.getHandle(leadWorkflowId(id));
  await eventually('the workflow state', async () => ((await handle.query(stateQuery)).score === 50 ? true : undefined), 30_000);
  await eventually('the LeadScore search attribute', async () => {
    const d = await handle.describe();
    return d.typedSearchAttributes.get({ name: 'LeadScore', type: 'INT' } as never) === 50 ? true : undefined;
  }, 30_000);
});

it('Realign with territories: territories recomputed and replaced for the selected leads; unowned ones with new territories are routed', async () => {
  const north = await apiRep(h, { name: 'North owner', capacity: 100 });
  const south = await apiRep(h, { name: 'South owner', capacity: 100 });
  const southMember = await apiRep(h, { name: 'South member', capacity: 100 });
  const program = { program: 'proc-realign' };
  const northT = await apiTerritory(h, { name: 'SE north', ownerRepId: north.id, attributes: program, dimensions: { geography: [{ country: 'SE', postalCodes: [{ from: '80000', to: '99999' }] }] } });
  await apiRouting(h, [{ id: 'territory', match: { kind: 'territory', mappings: [{ kind: 'dimension', dimension: 'geography' }, { kind: 'literal', territoryAttribute: 'program', equals: 'proc-realign' }] } }]);

  const owned = await capture('PROC-REALIGN', { country: 'SE', postalCode: '90325' });
  await settled(owned, 'Offered');
  expect((await h.api('post', `/leads/${owned}/accept`, {}, { role: 'rep', repId: north.id })).status).toBe(200);
  const unmatched = await capture('PROC-REALIGN', { country: 'SE', postalCode: '11122' }); // no territory covers it yet
  await settled(unmatched, 'Hopper');
  const notSelected = await capture('PROC-OTHER', { country: 'SE', postalCode: '11123' });
  await settled(notSelected, 'Hopper');
  const territoriesOf = async (id: string) => (await h.sql('select territory_id from lead_territory where lead_id = $1 order by territory_id', [id])).map((r: any) => r.territory_id);
  expect(await territoriesOf(owned)).toEqual([northT.id]);

  // The territories change: a south territory appears; the owned lead moved south.
  const southT = await apiTerritory(h, { name: 'SE south', ownerRepId: south.id, memberRepIds: [southMember.id], attributes: program, dimensions: { geography: [{ country: 'SE', postalCodes: [{ from: '10000', to: '79999' }] }] } });
  await h.sql("update lead set postal_code = '41101' where id = $1", [owned]);

  const a = await createActivity(h, { name: 'Realign SE', processType: 'Realign with territories', diagnostic: true, criteria: [{ attr: 'campaignCode', op: 'eq', value: 'PROC-REALIGN' }] });
  const [run] = await finishedRuns(h, a.id);
  expect(run).toMatchObject({ status: 'Completed', counts: { selected: 2, changed: 2, failed: 0, signalled: 1 } });

  expect(await territoriesOf(owned)).toEqual([southT.id]);
  expect(await territoriesOf(unmatched)).toEqual([southT.id]);
  expect(await territoriesOf(notSelected)).toEqual([]);
  const team = await h.sql("select rep_id, access_level, origin from lead_team_member where lead_id = $1 order by origin, rep_id", [owned]);
  expect(team).toEqual(expect.arrayContaining([
    { rep_id: south.id, access_level: 'Full', origin: 'territory' },
    { rep_id: southMember.id, access_level: 'Full', origin: 'territory' },
  ]));
  expect(team).toHaveLength(2); // the owner has access as owner_id, not through a lead-team row
  // The owned lead keeps its owner; the unmatched one is routed to the south territory's people.
  expect(await lead(owned)).toMatchObject({ assignment_status: 'Assigned', owner_id: north.id });
  const offered = await settled(unmatched, 'Offered');
  expect([south.id, southMember.id]).toContain(offered.offered_to_id);
  expect(await lead(notSelected)).toMatchObject({ assignment_status: 'Hopper' });

  const events = await h.sql("select lead_id, before, after, trace from audit_event where action = 'territories_realigned' and event_key like $1 order by lead_id", [`processing/${run.id}/%`]);
  expect(events.map((e: any) => e.lead_id).sort()).toEqual([owned, unmatched].sort());
  expect(events.find((e: any) => e.lead_id === owned)).toMatchObject({ before: { territoryIds: [northT.id] }, after: { territoryIds: [southT.id] }, trace: { territories: ['SE south'] } });
  const log = new Map((await runLog(h, run.id)).map((e) => [e.leadId, e]));
  expect(log.get(owned)).toMatchObject({ outcome: 'changed', trace: { territories: ['SE south'], explanations: [expect.stringContaining('Matched SE south')] } });
});

it('Realign needs a territory step in the active routing configuration', async () => {
  await apiRouting(h, []);
  const res = await h.api('post', '/processing-activities', { name: 'Realign', processType: 'Realign with territories' });
  expect(res.status).toBe(422);
  expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'body.processType', code: 'no_territory_step' }));
});
