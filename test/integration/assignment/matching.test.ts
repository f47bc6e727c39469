// Matching kinds through the API and real Postgres: reps, teams, territories, accounts and the
// routing configuration are created with the API, leads are captured with POST /leads (their
// workflow writes the row), assignLead decides, and GET /leads/:id/routing explains.
import { startHarness, type Harness } from '../../support/harness.js';
import { activitiesFor, apiAccount, apiRep, apiRouting, apiTeam, apiTerritory, assignInput, captureLead } from '../../support/assignment.js';
import { staticRuleSetLoader } from '../../../db/assignment/rule-sets.js';
import type { RuleSetInput } from '../../../rules/index.js';

const RULE_SETS: RuleSetInput[] = [
  {
    id: 'big-deal', version: 1, name: 'Deals of a million or more', type: 'qualification',
    rules: [{ name: 'A million or more', when: { attr: 'purchaseAmount', op: 'gte', value: 1_000_000 }, then: { qualified: true } }],
  },
  {
    id: 'speaks-language', version: 1, name: 'Speaks the lead language', type: 'assignment',
    rules: [{ name: 'Language', when: { attr: 'candidate.languages', op: 'contains', valueFrom: 'language' }, then: {} }],
  },
  {
    id: 'senior', version: 1, name: 'Senior reps', type: 'assignment',
    rules: [{ name: 'Negotiators', when: { attr: 'candidate.skills', op: 'contains', value: 'negotiation' }, then: {} }],
  },
  // Acme (seeds 001): territory-based assignment with rule-based filtering.
  {
    id: 'acme-territories', version: 1, name: 'Partner or internal', type: 'territory_filter',
    rules: [
      { name: 'Sales channel known', when: { attr: 'salesChannel', op: 'is_not_empty' }, then: { keep: true } },
      { name: 'Assign partner', when: { all: [{ attr: 'salesChannel', op: 'is_empty' }, { attr: 'purchaseAmount', op: 'lt', value: 1_000_000 }, { attr: 'territory.type', op: 'eq', value: 'Partner' }] }, then: { keep: true } },
      { name: 'Assign prime', when: { all: [{ attr: 'salesChannel', op: 'is_empty' }, { attr: 'purchaseAmount', op: 'gt', value: 1_000_000 }, { attr: 'territory.type', op: 'eq', value: 'Prime' }] }, then: { keep: true } },
    ],
  },
];

let h: Harness;
let acts: ReturnType<typeof activitiesFor>;
beforeAll(async () => {
  h = await startHarness({ ruleSets: staticRuleSetLoader(RULE_SETS) });
  acts = activitiesFor(h, { ruleSets: staticRuleSetLoader(RULE_SETS) });
});
afterAll(async () => { await h?.close(); });

async function route(leadId: string, extra = {}) {
  const result = await acts.assignLead(assignInput(leadId, extra));
  const routing = await h.api('get', `/leads/${leadId}/routing`, undefined, { role: 'ops' });
  expect(routing.status).toBe(200);
  return { result, routing: routing.body, decision: routing.body.decisions[0].decision };
}

describe('specific user, team and rule-based matching', () => {
  it('routes by a gate rule to a specific user, else by rule over the team; explains every step', async () => {
    const vp = await apiRep(h, { name: 'VP Sales' });
    const fr = await apiRep(h, { name: 'Fleur', languages: ['fr'], skills: ['negotiation'] });
    const de = await apiRep(h, { name: 'Dieter', languages: ['de'] });
    const team = await apiTeam(h, { memberRepIds: [fr.id, de.id] });
    await apiRouting(h, [
      { id: 'vip', when: { ruleSetId: 'big-deal' }, match: { kind: 'specific_user', repId: vp.id } },
      { id: 'language', match: { kind: 'rule', ruleSetId: 'speaks-language', from: { teamIds: [team.id], repIds: [] } } },
    ]);

    const big = await route(await captureLead(h, { purchaseAmount: 2_000_000, language: 'de' }));
    expect(big.result).toMatchObject({ outcome: 'offered', repId: vp.id });
    expect(big.decision.steps[0]).toMatchObject({ stepId: 'vip', status: 'assigned', gate: { ruleSetId: 'big-deal', matched: true } });

    const german = await route(await captureLead(h, { purchaseAmount: 10_000, language: 'de' }));
    expect(german.result).toMatchObject({ outcome: 'offered', repId: de.id });
    expect(german.decision.steps[0]).toMatchObject({ stepId: 'vip', status: 'skipped' });
    expect(german.decision.steps[0].gate.explanation).toMatch(/purchaseAmount/);
    expect(german.decision.steps[1].matching.nonMatches).toEqual([expect.objectContaining({ id: fr.id, kind: 'rep' })]);
    // the offered rep's access comes from the offer while it lasts, not from a lasting lead-team row
    expect(german.routing.leadTeam).toEqual([]);
    const row = (await h.sql('select assignment_status, offered_to_id, attempts, offer_deadline from lead where id = $1', [german.routing.leadId]))[0];
    expect(row).toMatchObject({ assignment_status: 'Offered', offered_to_id: de.id, attempts: 1 });
    expect(row.offer_deadline).not.toBeNull();
    expect(await h.sql('select action, reason from audit_event where lead_id = $1 order by id', [german.routing.leadId])).toEqual([
      { action: 'captured', reason: null }, { action: 'offered', reason: 'captured' },
    ]);
  });

  it('excludes with reasons: inactive, unavailable, already had it, candidate rule failed; routes to a team queue when nobody is left', async () => {
    const inactive = await apiRep(h, { name: 'Ina', active: false });
    const away = await apiRep(h, { name: 'Awa' });
    const had = await apiRep(h, { name: 'Hadley', skills: ['negotiation'] });
    const junior = await apiRep(h, { name: 'Junior' });
    const team = await apiTeam(h, { memberRepIds: [inactive.id, away.id, had.id, junior.id] });
    const queue = await apiTeam(h, { kind: 'queue' });
    expect((await h.api('post', `/reps/${away.id}/availability`, { available: false }, { role: 'rep', repId: away.id })).status).toBe(200);
    await apiRouting(h, [{ id: 'team', match: { kind: 'team', teamId: team.id }, candidateRule: { ruleSetId: 'senior' } }], { fallback: { kind: 'queue', teamId: queue.id } });

    const leadId = await captureLead(h);
    const { result, decision } = await route(leadId, { excludeRepIds: [had.id], reason: 'rejected', attempt: 2 });
    expect(result).toMatchObject({ outcome: 'default_queue', repId: null, queueId: queue.id });
    const why = Object.fromEntries(decision.steps[0].exclusions.map((e: any) => [e.repId, [e.code, e.text]]));
    expect(why).toEqual({
      [inactive.id]: ['inactive', 'Ina is inactive.'],
      [away.id]: ['inactive', 'Awa is marked unavailable.'],
      [had.id]: ['already_had_lead', 'Hadley already had this lead in this round.'],
      [junior.id]: ['rule_failed', expect.stringMatching(/^Rule set senior failed for Junior/)],
    });
    expect((await h.sql('select assignment_status, attempts from lead where id = $1', [leadId]))[0]).toEqual({ assignment_status: 'Queued', attempts: 0 });
  });
});

describe('previous owner and account-based matching', () => {
  it('prefers the previous owner, then the account owner, the account team, and the parent account owner', async () => {
    const former = await apiRep(h, { name: 'Former owner' });
    const owner = await apiRep(h, { name: 'Account owner', capacity: 1 });
    const teamRep = await apiRep(h, { name: 'Account team' });
    const parentOwner = await apiRep(h, { name: 'Parent owner' });
    const parent = await apiAccount(h, { name: 'Globex Holding', ownerRepId: parentOwner.id });
    const child = await apiAccount(h, { name: 'Globex Europe', ownerRepId: owner.id, teamRepIds: [teamRep.id], parentAccountId: parent.id });
    const orphan = await apiAccount(h, { name: 'Globex Asia', parentAccountId: parent.id });
    await apiRouting(h, [
      { id: 'previous', match: { kind: 'previous_owner' } },
      { id: 'account', match: { kind: 'account', includeAccountTeam: true, parentDepth: 2 } },
    ], { fallback: { kind: 'hopper' } });

    const claimed = await captureLead(h);
    expect(await acts.recordManualAssignment({ leadId: claimed, repId: former.id, eventKey: `claim-${claimed}`, actor: { kind: 'system', id: 't' }, reason: 'claim' })).toEqual({ assigned: true });
    const again = await route(claimed, { reason: 'attributes_changed' });
    expect(again.result.repId).toBe(former.id);
    expect(again.decision.steps[0].matching.explanation).toContain(former.id);

    const l1 = await captureLead(h);
    const l2 = await captureLead(h);
    const l3 = await captureLead(h);
    await h.sql('update lead set account_id = $1 where id = any($2)', [child.id, [l1, l2]]);
    await h.sql('update lead set account_id = $1 where id = $2', [orphan.id, l3]);
    expect((await route(l1)).result.repId).toBe(owner.id);
    const second = await route(l2); // the owner is full (capacity 1): the account team is next
    expect(second.result.repId).toBe(teamRep.id);
    expect(second.decision.steps[1].matching.tiers.map((t: any) => t.label)).toEqual([
      'account Globex Europe owner', 'account Globex Europe team', 'parent account Globex Holding (level 1) owner',
    ]);
    expect(second.decision.steps[1].exclusions).toEqual([expect.objectContaining({ repId: owner.id, code: 'at_capacity' })]);
    expect((await route(l3)).result.repId).toBe(parentOwner.id);
  });
});

describe('territory-based matching', () => {
  it('matches FINALIZED territories by geography and postal ranges, most specific first, then ancestor owners; records the territory team', async () => {
    const vp = await apiRep(h, { name: 'Americas owner' });
    const westOwner = await apiRep(h, { name: 'West owner', capacity: 0 });
    const westMember = await apiRep(h, { name: 'West member', capacity: 0 });
    const eastOwner = await apiRep(h, { name: 'East owner' });
    const draftOwner = await apiRep(h, { name: 'Draft owner' });
    const americas = await apiTerritory(h, { name: 'Americas', ownerRepId: vp.id, dimensions: { geography: [{ country: 'US' }, { country: 'CA' }] } });
    const west = await apiTerritory(h, { name: 'US West', parentId: americas.id, ownerRepId: westOwner.id, memberRepIds: [westMember.id], dimensions: { geography: [{ country: 'US', postalCodes: [{ from: '90000', to: '96199' }] }] } });
    const east = await apiTerritory(h, { name: 'US East', parentId: americas.id, ownerRepId: eastOwner.id, dimensions: { geography: [{ country: 'US', postalCodes: [{ from: '01000', to: '19999' }] }] } });
    const draft = await apiTerritory(h, { name: 'US draft', status: 'DRAFT', ownerRepId: draftOwner.id, dimensions: { geography: [{ country: 'US' }] } });
    await apiRouting(h, [{
      id: 'territory',
      match: { kind: 'territory', mappings: [{ kind: 'dimension', dimension: 'geography' }], candidates: 'owner_and_members', mostSpecificOnly: true, ancestorOwners: true },
      whenUnavailable: 'continue',
    }]);

    const sf = await route(await captureLead(h, { country: 'US', postalCode: '94105' }));
    // West's people are full, so the ancestor (Americas) owner gets it; the lead team has them all.
    expect(sf.result.repId).toBe(vp.id);
    const trace = Object.fromEntries(sf.decision.steps[0].matching.territories.map((t: any) => [t.id, [t.matched, t.reason]]));
    expect(trace[west.id][0]).toBe(true);
    expect(trace[east.id]).toEqual([false, expect.stringContaining('postal code 94105 not in 01000-19999')]);
    expect(trace[draft.id]).toEqual([false, 'status DRAFT: only FINALIZED territories match']);
    expect(trace[americas.id]).toEqual([false, 'more specific territory US West matched']);
    expect(sf.routing.territories.map((t: any) => t.territoryId)).toEqual([west.id]);
    const team = Object.fromEntries(sf.routing.leadTeam.map((m: any) => [m.repId, [m.accessLevel, m.origin]]));
    expect(team).toEqual({ [westOwner.id]: ['Full', 'territory'], [westMember.id]: ['Full', 'territory'], [vp.id]: ['Full', 'territory'] });

    const boston = await route(await captureLead(h, { country: 'US', postalCode: '02139' }));
    expect(boston.result.repId).toBe(eastOwner.id);
    const toronto = await route(await captureLead(h, { country: 'CA', region: 'ON' }));
    expect(toronto.result.repId).toBe(vp.id);
  });

  it('matches by product, attribute and literal mappings, and filters territories with a rule set (Acme partner vs prime)', async () => {
    const partnerRep = await apiRep(h, { name: 'Partner rep' });
    const primeRep = await apiRep(h, { name: 'Prime rep' });
    const cloudRep = await apiRep(h, { name: 'Cloud overlay' });
    await apiTerritory(h, { name: 'Acme partner', type: 'Partner', ownerRepId: partnerRep.id, dimensions: { geography: [{ country: 'DE' }] }, attributes: { programId: 'P1' } });
    await apiTerritory(h, { name: 'Acme prime', type: 'Prime', ownerRepId: primeRep.id, dimensions: { geography: [{ country: 'DE' }] }, attributes: { programId: 'P1' } });
    await apiTerritory(h, { name: 'Cloud overlay', type: 'Overlay', ownerRepId: cloudRep.id, dimensions: { product: ['Cloud'] }, attributes: { programId: 'P2' } });
    await apiRouting(h, [
      { id: 'overlay', match: { kind: 'territory', mappings: [{ kind: 'dimension', dimension: 'product' }, { kind: 'literal', territoryAttribute: 'type', equals: 'Overlay' }], candidates: 'owner' } },
      { id: 'acme', match: { kind: 'territory', mappings: [{ kind: 'dimension', dimension: 'geography' }, { kind: 'attribute', leadAttribute: 'campaignCode', territoryAttribute: 'programId' }], ruleFilter: { ruleSetId: 'acme-territories' }, candidates: 'owner' } },
    ]);
    expect((await route(await captureLead(h, { product: 'Cloud' }))).result.repId).toBe(cloudRep.id);
    const small = await route(await captureLead(h, { country: 'DE', campaignCode: 'P1', purchaseAmount: 50_000 }));
    expect(small.result.repId).toBe(partnerRep.id);
    const filtered = small.decision.steps[1].matching.territories.find((t: any) => t.name === 'Acme prime');
    expect(filtered).toMatchObject({ matched: false, reason: expect.stringContaining('rule filter acme-territories failed') });
    expect((await route(await captureLead(h, { country: 'DE', campaignCode: 'P1', purchaseAmount: 5_000_000 }))).result.repId).toBe(primeRep.id);
    const noProgram = await route(await captureLead(h, { country: 'DE', campaignCode: 'P9' }));
    expect(noProgram.result.outcome).toBe('hopper');
    expect(noProgram.result.summary).toMatch(/^Sent to the hopper/);
  });

  it('realigns: a realignment decision replaces the lead’s territory team', async () => {
    const a = await apiRep(h, { name: 'North owner' });
    const b = await apiRep(h, { name: 'South owner' });
    const attributes = { program: 'realign-test' };
    const north = await apiTerritory(h, { name: 'NL north', ownerRepId: a.id, attributes, dimensions: { geography: [{ country: 'NL', postalCodes: [{ from: '7000', to: '9999' }] }] } });
    const south = await apiTerritory(h, { name: 'NL south', ownerRepId: b.id, attributes, dimensions: { geography: [{ country: 'NL', postalCodes: [{ from: '1000', to: '6999' }] }] } });
    await apiRouting(h, [{ id: 't', match: { kind: 'territory', mappings: [{ kind: 'dimension', dimension: 'geography' }, { kind: 'literal', territoryAttribute: 'program', equals: 'realign-test' }] } }]);
    const leadId = await captureLead(h, { country: 'NL', postalCode: '9711' });
    expect((await route(leadId)).routing.territories.map((t: any) => t.territoryId)).toEqual([north.id]);
    await h.sql(`update lead set postal_code = '3011' where id = $1`, [leadId]);
    const moved = await route(leadId, { reason: 'realign' });
    expect(moved.result.repId).toBe(b.id);
    expect(moved.routing.territories.map((t: any) => t.territoryId)).toEqual([south.id]);
    expect(moved.routing.leadTeam.map((m: any) => m.repId)).toEqual([b.id]);
    expect(moved.routing.decisions.map((d: any) => d.reason)).toEqual(['realign', 'captured']);
    // The first offer's reservation moved with the lead: one open lead, counted by the new rep.
    expect(await h.sql('select rep_id from rep_open_lead where lead_id = $1', [leadId])).toEqual([{ rep_id: b.id }]);
    expect((await h.sql('select open_lead_count from rep where id = $1', [a.id]))[0].open_lead_count).toBe(0);
  });
});

describe('rep attribute matching and fallbacks', () => {
  it('matches language, product, geography and customer size; with nobody left it goes to the hopper', async () => {
    const both = await apiRep(h, { name: 'Both', languages: ['es'], products: ['Laptops'], geography: { countries: ['ES'], regions: [] }, customerFocus: { types: ['*'], sizes: ['Enterprise'] } });
    const langOnly = await apiRep(h, { name: 'Lang only', languages: ['es'], products: ['Servers'], geography: { countries: ['ES'], regions: [] } });
    await apiRouting(h, [{ id: 'attrs', match: { kind: 'rep_attributes', from: { teamIds: [], repIds: [both.id, langOnly.id] }, require: ['language', 'product', 'geography', 'customerSize'] } }]);
    const hit = await route(await captureLead(h, { language: 'es', product: 'Laptops', country: 'ES', customerSize: 'Enterprise' }));
    expect(hit.result.repId).toBe(both.id);
    expect(hit.decision.steps[0].matching.nonMatches).toEqual([{ id: langOnly.id, kind: 'rep', reason: 'does not cover product Laptops' }]);
    const miss = await route(await captureLead(h, { language: 'it', country: 'IT' }));
    expect(miss.result).toMatchObject({ outcome: 'hopper', repId: null });
    expect((await h.sql('select assignment_status from lead where id = $1', [miss.routing.leadId]))[0].assignment_status).toBe('Hopper');
  });
});
