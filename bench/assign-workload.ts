// The assignment benchmark's world: 100 reps in 7 teams, 50 territories (5 regions x 9 children),
// four rule sets and a 20-step routing configuration whose last step is round robin over 10 equal
// reps ("inbound"). Leads: 4 in 5 come from New Zealand (nothing earlier matches; they walk all 20
// steps to the round robin), 1 in 5 from Germany (matched by a territory step).
import type { RuleSetInput } from '../rules/index.js';
import type { RepInput, RoutingConfigInput, TeamInput, TerritoryInput } from '../rules/assignment/index.js';

export const uuidOf = (kind: number, i: number): string =>
  `00000000-0000-4000-8${kind.toString(16).padStart(3, '0')}-${i.toString(16).padStart(12, '0')}`;
export const repId = (i: number) => uuidOf(1, i);
export const teamId = (i: number) => uuidOf(2, i);
export const territoryId = (i: number) => uuidOf(3, i);

const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'CA', 'JP', 'AU', 'BR', 'IN', 'ES'];
const LANGS = ['de', 'fr', 'en', 'en', 'en', 'ja', 'en', 'pt', 'en', 'es'];
const PRODUCTS = ['Cloud', 'Laptops', 'Servers', 'Storage', 'Networking'];
const INDUSTRIES = ['Telecommunications', 'Utilities', 'Insurance', 'Banking', 'Retail'];

export const TEAMS: { name: string; from: number; to: number }[] = [
  { name: 'inbound', from: 0, to: 10 },
  { name: 'enterprise', from: 10, to: 20 },
  { name: 'partners', from: 20, to: 30 },
  { name: 'emea', from: 30, to: 50 },
  { name: 'amer', from: 50, to: 70 },
  { name: 'apac', from: 70, to: 90 },
  { name: 'specialists', from: 90, to: 100 },
];
export const INBOUND_REP_IDS = Array.from({ length: 10 }, (_, i) => repId(i));

export function benchReps(): RepInput[] {
  return Array.from({ length: 100 }, (_, i) => ({
    id: repId(i),
    name: `Rep ${String(i).padStart(3, '0')}`,
    email: `rep${i}@bench.example`,
    teamIds: [teamId(TEAMS.findIndex((t) => i >= t.from && i < t.to))],
    managerId: i % 10 === 0 ? null : repId(i - (i % 10)),
    skills: i % 3 === 0 ? ['negotiation'] : ['demo'],
    products: [PRODUCTS[i % PRODUCTS.length]!],
    languages: i < 10 ? ['en'] : [LANGS[i % LANGS.length]!, 'en'],
    geography: { countries: i < 10 ? ['*'] : [COUNTRIES[i % COUNTRIES.length]!], regions: [] },
    customerFocus: { types: ['*'], sizes: i >= 10 && i < 20 ? ['Large', 'Enterprise'] : ['*'] },
    capacity: i < 10 ? null : 10_000,
    weight: 1,
    performanceScore: i % 7,
  }));
}

export function benchTeams(): TeamInput[] {
  return TEAMS.map((t, k) => ({
    id: teamId(k),
    name: t.name,
    kind: 'team' as const,
    memberRepIds: Array.from({ length: t.to - t.from }, (_, j) => repId(t.from + j)),
    managerRepId: repId(t.from),
  }));
}

/** 5 regions (index 0-4), each with 9 children: 3 countries x (whole country, product, industry). */
export function benchTerritories(): TerritoryInput[] {
  const out: TerritoryInput[] = [];
  for (let r = 0; r < 5; r++) {
    const countries = [0, 1, 2].map((c) => COUNTRIES[(r * 2 + c) % COUNTRIES.length]!);
    const geography = countries.map((country) => ({ country, regions: [], postalCodes: [] }));
    out.push({ id: territoryId(r), name: `Region ${r}`, type: 'Prime', ownerRepId: repId(30 + r * 10), dimensions: { geography } });
  }
  let k = 5;
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 3; c++) {
      const country = COUNTRIES[(r * 2 + c) % COUNTRIES.length]!;
      const base = 30 + ((r * 3 + c) * 4) % 60;
      const members = [repId(base + 1), repId(base + 2)];
      const kinds: TerritoryInput['dimensions'][] = [
        { geography: [{ country, regions: [], postalCodes: [{ from: '10000', to: '49999' }] }] },
        { geography: [{ country, regions: [], postalCodes: [] }], product: [PRODUCTS[k % PRODUCTS.length]!] },
        { geography: [{ country, regions: [], postalCodes: [] }], industry: [INDUSTRIES[k % INDUSTRIES.length]!] },
      ];
      for (const dimensions of kinds) {
        out.push({
          id: territoryId(k),
          name: `T${k} ${country}`,
          type: k % 4 === 0 ? 'Overlay' : k % 4 === 1 ? 'Partner' : 'Prime',
          status: k % 13 === 0 ? 'DRAFT' : 'FINALIZED',
          parentId: territoryId(r),
          ownerRepId: repId(base),
          memberRepIds: members,
          dimensions,
          attributes: { programId: `P${k % 6}` },
        });
        k++;
      }
    }
  }
  return out;
}

export const BENCH_RULE_SETS: RuleSetInput[] = [
  {
    id: 'bench-big-deal', version: 1, name: 'Big deals', type: 'qualification',
    rules: [{ name: 'Over five million', when: { attr: 'purchaseAmount', op: 'gte', value: 5_000_000 }, then: { qualified: true } }],
  },
  {
    id: 'bench-partner-lead', version: 1, name: 'Partner leads', type: 'qualification',
    rules: [{ name: 'Has a partner', when: { attr: 'partnerId', op: 'is_not_empty' }, then: { qualified: true } }],
  },
  {
    id: 'bench-enterprise', version: 1, name: 'Enterprise leads', type: 'qualification',
    rules: [{ name: 'Enterprise', when: { attr: 'customerSize', op: 'eq', value: 'Enterprise' }, then: { qualified: true } }],
  },
  {
    id: 'bench-speaks', version: 1, name: 'Speaks the lead language', type: 'assignment',
    rules: [{ name: 'Language', when: { attr: 'candidate.languages', op: 'contains', valueFrom: 'language' }, then: {} }],
  },
];

const inTeam = (name: string) => ({ teamIds: [teamId(TEAMS.findIndex((t) => t.name === name))], repIds: [] });

export function benchRouting(): RoutingConfigInput {
  const geo = { kind: 'dimension' as const, dimension: 'geography' as const };
  return {
    id: 'bench',
    name: 'Benchmark routing (20 steps)',
    steps: [
      { id: 's01-big-deal', when: { ruleSetId: 'bench-big-deal' }, match: { kind: 'specific_user', repId: repId(99) } },
      { id: 's02-account', match: { kind: 'account', includeAccountTeam: true, parentDepth: 3 } },
      { id: 's03-previous-owner', match: { kind: 'previous_owner', maxOwners: 1 } },
      { id: 's04-territory-postal', match: { kind: 'territory', mappings: [geo], candidates: 'owner' }, whenUnavailable: 'continue' },
      { id: 's05-territory-product', match: { kind: 'territory', mappings: [geo, { kind: 'dimension', dimension: 'product' }] } },
      { id: 's06-territory-industry', match: { kind: 'territory', mappings: [geo, { kind: 'dimension', dimension: 'industry' }] } },
      { id: 's07-territory-program', match: { kind: 'territory', mappings: [{ kind: 'attribute', leadAttribute: 'campaignCode', territoryAttribute: 'programId' }] } },
      { id: 's08-territory-partner', match: { kind: 'territory', mappings: [geo, { kind: 'literal', territoryAttribute: 'type', equals: 'Partner' }] } },
      { id: 's09-territory-overlay', match: { kind: 'territory', mappings: [geo, { kind: 'literal', territoryAttribute: 'type', equals: 'Overlay' }], ancestorOwners: true } },
      { id: 's10-emea-geo', match: { kind: 'rep_attributes', from: inTeam('emea'), require: ['geography'] } },
      { id: 's11-amer-geo', match: { kind: 'rep_attributes', from: inTeam('amer'), require: ['geography', 'language'] } },
      { id: 's12-apac-geo', match: { kind: 'rep_attributes', from: inTeam('apac'), require: ['geography'] }, distribution: { strategy: 'load_balancing' } },
      { id: 's13-product', match: { kind: 'rep_attributes', from: inTeam('specialists'), require: ['product', 'geography'] } },
      { id: 's14-language', match: { kind: 'rep_attributes', from: { teamIds: [], repIds: [] }, require: ['language', 'geography'] }, whenUnavailable: 'continue' },
      { id: 's15-size', match: { kind: 'rep_attributes', from: inTeam('enterprise'), require: ['customerSize', 'geography'] } },
      { id: 's16-skills', match: { kind: 'rep_attributes', from: inTeam('specialists'), require: ['geography'], skills: ['negotiation'] } },
      { id: 's17-speaks', match: { kind: 'rule', ruleSetId: 'bench-speaks', from: inTeam('specialists') }, candidateRule: { ruleSetId: 'bench-speaks' } },
      { id: 's18-partners', when: { ruleSetId: 'bench-partner-lead' }, match: { kind: 'team', teamId: teamId(2) } },
      { id: 's19-enterprise', when: { ruleSetId: 'bench-enterprise' }, match: { kind: 'team', teamId: teamId(1) }, distribution: { strategy: 'load_balancing' } },
      { id: 's20-inbound', name: 'Inbound round robin', match: { kind: 'team', teamId: teamId(0) }, distribution: { strategy: 'round_robin' } },
    ],
    fallback: { kind: 'hopper' },
  };
}

/** Lead attributes for lead number i: 4 of 5 from New Zealand (round robin), 1 of 5 from Germany. */
export function benchLeadAttributes(i: number): Record<string, unknown> {
  const de = i % 5 === 0;
  return {
    firstName: `Lead${i}`,
    companyName: `Company ${i}`,
    country: de ? 'DE' : 'NZ',
    postalCode: de ? String(10000 + (i * 37) % 40000) : '6011',
    language: de ? 'de' : 'mi',
    product: PRODUCTS[i % PRODUCTS.length],
    industry: INDUSTRIES[i % INDUSTRIES.length],
    customerSize: 'Medium',
    purchaseAmount: 10_000 + (i % 50) * 1000,
    campaignCode: 'BENCH',
  };
}
