// Territory-based matching: dimension, attribute and literal mappings, postal ranges, FINALIZED
// status, hierarchy (most specific, ancestor owners, lead team access) and rule-based filtering.
import { decideAssignment, matchTerritories, postalInRange } from '../../../rules/assignment/index.js';
import type { EvaluateRule, MatchSpec, Territory } from '../../../rules/assignment/index.js';
import { lead, rep, routing, territory } from './fixtures.js';

const noRules: EvaluateRule = () => {
  throw new Error('no rules expected');
};
type TerritorySpec = Extract<MatchSpec, { kind: 'territory' }>;
const spec = (input: Partial<TerritorySpec> & Pick<TerritorySpec, 'mappings'>): TerritorySpec => ({
  kind: 'territory',
  candidates: 'owner_and_members',
  mostSpecificOnly: true,
  ancestorOwners: false,
  ...input,
});
const matchedIds = (ts: Territory[]) => ts.map((t) => t.id);

describe('postal code ranges', () => {
  it('compares on the range length, inclusive', () => {
    expect(postalInRange('94105-1234', { from: '94000', to: '94999' })).toBe(true);
    expect(postalInRange('95000', { from: '94000', to: '94999' })).toBe(false);
    expect(postalInRange('94000', { from: '94000', to: '94999' })).toBe(true);
    expect(postalInRange('02139', { from: '01000', to: '02799' })).toBe(true);
    expect(postalInRange('sw1a 1aa', { from: 'SW1', to: 'SW9' })).toBe(true);
    expect(postalInRange('941', { from: '94000', to: '94999' })).toBe(false);
  });
});

describe('dimension, attribute and literal mappings', () => {
  const territories = [
    territory({ id: 'west', dimensions: { geography: [{ country: 'US', postalCodes: [{ from: '90000', to: '96199' }] }] }, ownerRepId: 'w' }),
    territory({ id: 'east', dimensions: { geography: [{ country: 'US', postalCodes: [{ from: '01000', to: '19999' }] }] }, ownerRepId: 'e' }),
    territory({ id: 'ontario', dimensions: { geography: [{ country: 'CA', regions: ['ON'] }] }, ownerRepId: 'o' }),
    territory({ id: 'draft-west', status: 'DRAFT', dimensions: { geography: [{ country: 'US' }] }, ownerRepId: 'd' }),
  ];
  const geo = spec({ mappings: [{ kind: 'dimension', dimension: 'geography' }] });

  it('matches by country and postal range, and only FINALIZED territories', () => {
    const m = matchTerritories(lead('L', { country: 'US', postalCode: '94105-1234' }), territories, geo, noRules);
    expect(matchedIds(m.matched)).toEqual(['west']);
    expect(m.trace.find((t) => t.id === 'east')?.reason).toMatch(/postal code 94105-1234 not in 01000-19999/);
    expect(m.trace.find((t) => t.id === 'draft-west')?.reason).toMatch(/only FINALIZED/);
    expect(m.tiers).toEqual([{ label: 'territory owner and members', repIds: ['w'] }]);
  });

  it('matches by region, and explains a lead without the attribute', () => {
    expect(matchedIds(matchTerritories(lead('L', { country: 'CA', region: 'on' }), territories, geo, noRules).matched)).toEqual(['ontario']);
    const none = matchTerritories(lead('L', { country: 'US' }), territories, geo, noRules);
    expect(none.matched).toEqual([]);
    expect(none.trace.find((t) => t.id === 'west')?.reason).toMatch(/postal code unset/);
  });

  it('product and industry dimensions (unset dimension = all), attribute and literal mappings', () => {
    const ts = [
      territory({ id: 'cloud', type: 'Overlay', dimensions: { product: ['Cloud'] }, attributes: { programId: 'P1' } }),
      territory({ id: 'any-product', type: 'Partner', attributes: { programId: 'P1', partnerId: 'acme-partner' } }),
      territory({ id: 'telco', dimensions: { industry: ['Telecommunications'], product: ['Cloud'] }, attributes: { programId: 'P2' } }),
    ];
    const l = lead('L', { product: 'Cloud', industry: 'Utilities', partnerId: 'acme-partner', custom: { programId: 'P1' } });
    const byDims = matchTerritories(l, ts, spec({ mappings: [{ kind: 'dimension', dimension: 'product' }, { kind: 'dimension', dimension: 'industry' }] }), noRules);
    expect(matchedIds(byDims.matched)).toEqual(['cloud', 'any-product']);
    const byAttr = matchTerritories(l, ts, spec({ mappings: [{ kind: 'attribute', leadAttribute: 'custom.programId', territoryAttribute: 'programId' }] }), noRules);
    expect(matchedIds(byAttr.matched)).toEqual(['cloud', 'any-product']);
    const partner = matchTerritories(l, ts, spec({ mappings: [{ kind: 'attribute', leadAttribute: 'partnerId', territoryAttribute: 'partnerId' }, { kind: 'literal', territoryAttribute: 'type', equals: 'Partner' }] }), noRules);
    expect(matchedIds(partner.matched)).toEqual(['any-product']);
    expect(partner.trace.find((t) => t.id === 'cloud')?.reason).toMatch(/partnerId/);
  });

  it('a literal mapping on status filters like Oracle\'s TerrStatusCode = FINALIZED', () => {
    const ts = [territory({ id: 'a', status: 'FINALIZED' }), territory({ id: 'b', status: 'INACTIVE' })];
    const m = matchTerritories(lead('L'), ts, spec({ mappings: [{ kind: 'literal', territoryAttribute: 'status', equals: 'FINALIZED' }] }), noRules);
    expect(matchedIds(m.matched)).toEqual(['a']);
  });
});

describe('territory hierarchy', () => {
  const ts = [
    territory({ id: 'world', ownerRepId: 'ceo' }),
    territory({ id: 'na', parentId: 'world', ownerRepId: 'na-vp', dimensions: { geography: [{ country: 'US' }, { country: 'CA' }] } }),
    territory({ id: 'na-west', parentId: 'na', ownerRepId: 'west-mgr', memberRepIds: ['w1', 'w2'], dimensions: { geography: [{ country: 'US', regions: ['CA', 'OR', 'WA'] }] } }),
  ];
  const geo = (extra: Partial<TerritorySpec> = {}) => spec({ mappings: [{ kind: 'dimension', dimension: 'geography' }], ...extra });

  it('keeps the most specific territory and adds ancestor owners as later tiers', () => {
    const m = matchTerritories(lead('L', { country: 'US', region: 'CA' }), ts, geo({ ancestorOwners: true }), noRules);
    expect(matchedIds(m.matched)).toEqual(['na-west']);
    expect(m.trace.find((t) => t.id === 'na')?.reason).toMatch(/more specific territory na-west/);
    expect(m.tiers).toEqual([
      { label: 'territory owner and members', repIds: ['west-mgr', 'w1', 'w2'] },
      { label: 'ancestor territory owners (level 1)', repIds: ['na-vp'] },
      { label: 'ancestor territory owners (level 2)', repIds: ['ceo'] },
    ]);
  });

  it('gives territory members, owners and ancestor owners Full access on the lead team', () => {
    const m = matchTerritories(lead('L', { country: 'US', region: 'WA' }), ts, geo({ candidates: 'members' }), noRules);
    expect(m.leadTeam.territoryIds).toEqual(['na-west']);
    expect(m.leadTeam.members.map((x) => [x.repId, x.via, x.access])).toEqual([
      ['west-mgr', 'territory_owner', 'Full'],
      ['w1', 'territory_member', 'Full'],
      ['w2', 'territory_member', 'Full'],
      ['na-vp', 'ancestor_territory_owner', 'Full'],
      ['ceo', 'ancestor_territory_owner', 'Full'],
    ]);
    expect(m.tiers).toEqual([{ label: 'territory members', repIds: ['w1', 'w2'] }]);
  });

  it('falls back to the ancestor owner when every territory member is unavailable', () => {
    const reps = [rep({ id: 'west-mgr', active: false }), rep({ id: 'w1', capacity: 1, openLeadCount: 1 }), rep({ id: 'w2', active: false }), rep({ id: 'na-vp' }), rep({ id: 'ceo' })];
    const r = routing({ steps: [{ id: 'terr', match: { kind: 'territory', mappings: [{ kind: 'dimension', dimension: 'geography' }], ancestorOwners: true } }] });
    const d = decideAssignment({ lead: lead('L', { country: 'US', region: 'OR' }), routing: r, reps, territories: ts, now: '2025-06-11T10:00:00Z' });
    expect(d.outcome).toMatchObject({ kind: 'assigned', repId: 'na-vp' });
    expect(d.steps[0]?.distribution?.tier).toBe('ancestor territory owners (level 1)');
    expect(d.steps[0]?.exclusions.map((e) => [e.repId, e.code])).toEqual([
      ['west-mgr', 'inactive'],
      ['w1', 'at_capacity'],
      ['w2', 'inactive'],
    ]);
    expect(d.leadTeam.territoryIds).toEqual(['na-west']);
  });
});

describe('territory-based assignment with rule-based filtering (Partner / Channel Manager / Prime)', () => {
  // All three territories cover the lead's geography; rules decide which types apply.
  const ts = [
    territory({ id: 'partner', type: 'Partner', ownerRepId: 'partner-rep', dimensions: { geography: [{ country: 'US' }] } }),
    territory({ id: 'channel', type: 'Sales Channel Manager', ownerRepId: 'channel-mgr', dimensions: { geography: [{ country: 'US' }] } }),
    territory({ id: 'prime', type: 'Prime', ownerRepId: 'prime-rep', dimensions: { geography: [{ country: 'US' }] } }),
  ];
  // The seed's four rules; the rule set passes when any rule matches.
  const prmFilter: EvaluateRule = (ruleSetId, { lead: l, territory: t }) => {
    if (ruleSetId !== 'prm-filter' || !t) throw new Error('unexpected rule evaluation');
    const channel = l.attributes.salesChannel;
    const deal = l.attributes.purchaseAmount ?? 0;
    if (channel !== undefined) return { matched: true, explanation: 'rule 1: sales channel is set' };
    if (deal < 1_000_000 && t.type === 'Partner') return { matched: true, explanation: 'rule 2: no channel, deal < 1,000,000, Partner territory' };
    if (deal < 1_000_000 && t.type === 'Sales Channel Manager') return { matched: true, explanation: 'rule 3: no channel, deal < 1,000,000, Channel Manager territory' };
    if (deal > 1_000_000 && t.type === 'Prime') return { matched: true, explanation: 'rule 4: no channel, deal > 1,000,000, Prime territory' };
    return { matched: false, explanation: `no rule matched (channel unset, deal ${deal}, territory type ${t.type})` };
  };
  const terrSpec = spec({ mappings: [{ kind: 'dimension', dimension: 'geography' }], ruleFilter: { ruleSetId: 'prm-filter' }, candidates: 'owner' });

  it('a small deal without a sales channel goes to the Partner and Channel Manager territories', () => {
    const m = matchTerritories(lead('L', { country: 'US', purchaseAmount: 500_000 }), ts, terrSpec, prmFilter);
    expect(matchedIds(m.matched)).toEqual(['partner', 'channel']);
    const prime = m.trace.find((t) => t.id === 'prime');
    expect(prime).toMatchObject({ matched: false, rule: { ruleSetId: 'prm-filter', matched: false } });
    expect(prime?.reason).toMatch(/rule filter prm-filter failed: no rule matched/);
  });

  it('a large deal without a sales channel stays internal (Prime)', () => {
    const m = matchTerritories(lead('L', { country: 'US', purchaseAmount: 2_000_000 }), ts, terrSpec, prmFilter);
    expect(matchedIds(m.matched)).toEqual(['prime']);
  });

  it('a lead with a sales channel keeps every matched territory', () => {
    const m = matchTerritories(lead('L', { country: 'US', purchaseAmount: 2_000_000, salesChannel: 'Direct' }), ts, terrSpec, prmFilter);
    expect(matchedIds(m.matched)).toEqual(['partner', 'channel', 'prime']);
  });

  it('in a routing decision, the rule trace is kept and the owner of a surviving territory wins', () => {
    const r = routing({ steps: [{ id: 'terr', match: terrSpec }] });
    const reps = ['partner-rep', 'channel-mgr', 'prime-rep'].map((id) => rep({ id }));
    const d = decideAssignment({ lead: lead('L', { country: 'US', purchaseAmount: 2_000_000 }), routing: r, reps, territories: ts, now: '2025-06-11T10:00:00Z', evaluateRule: prmFilter });
    expect(d.outcome).toMatchObject({ kind: 'assigned', repId: 'prime-rep' });
    expect(d.steps[0]?.matching?.territories?.filter((t) => t.rule).map((t) => [t.id, t.rule?.explanation])).toEqual([
      ['partner', 'no rule matched (channel unset, deal 2000000, territory type Partner)'],
      ['channel', 'no rule matched (channel unset, deal 2000000, territory type Sales Channel Manager)'],
      ['prime', 'rule 4: no channel, deal > 1,000,000, Prime territory'],
    ]);
  });
});
