// Lead-level access (seeds: Full / Edit / View only; only the owner and the owner's management
// chain change the owner; territory members full; owners of ancestor territories full).
import fc from 'fast-check';
import { atLeast, decideLeadAccess, managementChain, satisfies, type LeadAccessFacts } from '../../../api/auth/lead-access.js';
import type { Principal, Role } from '../../../api/auth/principal.js';
import { ROLES } from '../../../api/auth/principal.js';
import { normalizeTeamLevel } from '../../../api/auth/lead-access-loader.js';

const REPS = ['a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'm1', 'm2', 'vp'];
const rep = (repId: string, role: Role = 'rep'): Principal => ({ kind: 'user', id: `u-${repId}`, role, repId });
// vp <- m1 <- (a1, a2); vp <- m2 <- (b1, b2); c1, c2 report to nobody
const org = new Map<string, string | null>([['a1', 'm1'], ['a2', 'm1'], ['b1', 'm2'], ['b2', 'm2'], ['m1', 'vp'], ['m2', 'vp'], ['vp', null], ['c1', null], ['c2', null]]);
const facts = (f: Partial<LeadAccessFacts> & { ownerId?: string | null; offeredToId?: string | null } = {}): LeadAccessFacts => ({
  lead: { id: 'L', ownerId: f.ownerId ?? null, offeredToId: f.offeredToId ?? null },
  team: f.team ?? [],
  territories: f.territories ?? [],
  managerOf: f.managerOf ?? org,
});

describe('decideLeadAccess: examples', () => {
  it('admins may do everything, ops read everything, integrations nothing', () => {
    expect(decideLeadAccess({ kind: 'user', id: 'x', role: 'admin' }, facts()).level).toBe('owner');
    expect(decideLeadAccess({ kind: 'user', id: 'x', role: 'ops' }, facts({ ownerId: 'a1' })).level).toBe('view');
    expect(decideLeadAccess({ kind: 'api_key', id: 'k', role: 'integration' }, facts({ ownerId: 'a1' })).level).toBe('none');
  });

  it('the owner may change the owner; the offered-to rep may view and respond to the offer', () => {
    expect(decideLeadAccess(rep('a1'), facts({ ownerId: 'a1' }))).toMatchObject({ level: 'owner', reason: 'lead owner' });
    const offered = decideLeadAccess(rep('a2'), facts({ ownerId: null, offeredToId: 'a2' }));
    expect(offered).toMatchObject({ level: 'view', offered: true });
    expect(satisfies(rep('a2'), offered, 'offer')).toBe(true);
    expect(satisfies(rep('a2'), offered, 'edit')).toBe(false);
    expect(satisfies(rep('b1'), decideLeadAccess(rep('b1'), facts({ offeredToId: 'a2' })), 'offer')).toBe(false);
    expect(satisfies({ kind: 'user', id: 'x', role: 'admin' }, decideLeadAccess({ kind: 'user', id: 'x', role: 'admin' }, facts({ offeredToId: 'a2' })), 'offer')).toBe(true);
  });

  it('lead team members get their access level', () => {
    const f = facts({ ownerId: 'c1', team: [{ repId: 'a1', accessLevel: 'Full' }, { repId: 'a2', accessLevel: 'Edit' }, { repId: 'b1', accessLevel: 'View only' }] });
    expect(decideLeadAccess(rep('a1'), f).level).toBe('full');
    expect(decideLeadAccess(rep('a2'), f).level).toBe('edit');
    expect(decideLeadAccess(rep('b1'), f)).toMatchObject({ level: 'view', reason: 'lead team (View only)' });
    expect(decideLeadAccess(rep('b2'), f).level).toBe('none');
  });

  it('territory members and owners of the territory or its ancestors have full access', () => {
    const f = facts({ ownerId: 'c1', territories: [{ territoryId: 'west', memberRepIds: ['b1'], ownerRepIds: ['b2', 'c2'] }] });
    expect(decideLeadAccess(rep('b1'), f).level).toBe('full');
    expect(decideLeadAccess(rep('c2'), f).level).toBe('full');
    expect(decideLeadAccess(rep('a1'), f).level).toBe('none');
  });

  it('the owner’s management chain may change the owner; other managers may not', () => {
    const f = facts({ ownerId: 'a1' });
    expect(decideLeadAccess(rep('m1', 'manager'), f).level).toBe('owner');
    expect(decideLeadAccess(rep('vp', 'manager'), f).level).toBe('owner');
    expect(decideLeadAccess(rep('m2', 'manager'), f).level).toBe('none');
    // a lead team member's manager reaches what the member has, not the owner change
    const team = facts({ ownerId: 'c1', team: [{ repId: 'b1', accessLevel: 'Edit' }] });
    expect(decideLeadAccess(rep('m2', 'manager'), team)).toMatchObject({ level: 'edit', reason: 'manager of b1 (lead team (Edit))' });
    expect(decideLeadAccess(rep('m1', 'manager'), team).level).toBe('none');
  });

  it('a rep or manager without a rep id has no lead access', () => {
    expect(decideLeadAccess({ kind: 'user', id: 'x', role: 'manager' }, facts({ ownerId: 'a1' })).level).toBe('none');
  });

  it('management chains stop at cycles', () => {
    const cyclic = new Map<string, string | null>([['a', 'b'], ['b', 'c'], ['c', 'a']]);
    expect(managementChain('a', cyclic)).toEqual(['b', 'c']);
  });

  it('reads access levels as the seeds and other spellings write them', () => {
    expect(['Full', 'EDIT', 'View only', 'view_only', 'VIEW'].map(normalizeTeamLevel)).toEqual(['Full', 'Edit', 'View only', 'View only', 'View only']);
    expect(normalizeTeamLevel('owner')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------
const repIdArb = fc.constantFrom(...REPS);
const orgArb = fc.array(fc.tuple(repIdArb, fc.option(repIdArb, { nil: null })), { maxLength: 12 })
  .map((pairs) => new Map<string, string | null>(pairs));
const factsArb: fc.Arbitrary<LeadAccessFacts> = fc.record({
  lead: fc.record({ id: fc.constant('L'), ownerId: fc.option(repIdArb, { nil: null }), offeredToId: fc.option(repIdArb, { nil: null }) }),
  team: fc.array(fc.record({ repId: repIdArb, accessLevel: fc.constantFrom('Full' as const, 'Edit' as const, 'View only' as const) }), { maxLength: 4 }),
  territories: fc.array(fc.record({
    territoryId: fc.constantFrom('t1', 't2', 't3'),
    memberRepIds: fc.array(repIdArb, { maxLength: 3 }),
    ownerRepIds: fc.array(repIdArb, { maxLength: 2 }),
  }), { maxLength: 2 }),
  managerOf: orgArb,
});
const principalArb: fc.Arbitrary<Principal> = fc.record({
  kind: fc.constant('user' as const),
  id: fc.constant('p'),
  role: fc.constantFrom(...ROLES),
  repId: fc.option(repIdArb, { nil: undefined }),
}).map((p) => (p.repId === undefined ? { kind: p.kind, id: p.id, role: p.role } : p));
const runs = { numRuns: 500 };

describe('decideLeadAccess: properties', () => {
  it('ops never edit, integrations never see', () => {
    fc.assert(fc.property(principalArb, factsArb, (p, f) => {
      const d = decideLeadAccess(p, f);
      if (p.role === 'ops') expect(atLeast(d.level, 'edit')).toBe(false);
      if (p.role === 'integration') expect(d.level).toBe('none');
    }), runs);
  });

  it('changing the owner is for admins, the owner and the owner’s management chain only', () => {
    fc.assert(fc.property(principalArb, factsArb, (p, f) => {
      const d = decideLeadAccess(p, f);
      if (d.level !== 'owner') return;
      const owner = f.lead.ownerId;
      const allowed = p.role === 'admin' || (!!p.repId && !!owner && (owner === p.repId || managementChain(owner, f.managerOf).includes(p.repId)));
      expect(allowed).toBe(true);
    }), runs);
  });

  it('more team, territory or offer facts never take access away (monotone)', () => {
    fc.assert(fc.property(principalArb, factsArb, factsArb, (p, f, extra) => {
      const more: LeadAccessFacts = { ...f, team: [...f.team, ...extra.team], territories: [...f.territories, ...extra.territories] };
      expect(atLeast(decideLeadAccess(p, more).level, decideLeadAccess(p, f).level)).toBe(true);
    }), runs);
  });

  it('a rep reaches a lead only through a fact that names them', () => {
    fc.assert(fc.property(factsArb, repIdArb, (f, me) => {
      const d = decideLeadAccess(rep(me), f);
      const named = f.lead.ownerId === me || f.lead.offeredToId === me || f.team.some((m) => m.repId === me)
        || f.territories.some((t) => t.memberRepIds.includes(me) || t.ownerRepIds.includes(me))
        || (!!f.lead.ownerId && managementChain(f.lead.ownerId, f.managerOf).includes(me));
      expect(d.level !== 'none').toBe(named);
    }), runs);
  });

  it('a manager sees at least what any rep below them sees, short of changing the owner', () => {
    fc.assert(fc.property(factsArb, repIdArb, repIdArb, (f, mgr, below) => {
      if (mgr === below || !managementChain(below, f.managerOf).includes(mgr)) return;
      const theirs = decideLeadAccess(rep(below), f).level;
      const mine = decideLeadAccess(rep(mgr, 'manager'), f).level;
      expect(atLeast(mine, theirs === 'owner' ? 'full' : theirs)).toBe(true);
    }), runs);
  });

  it('every decision carries a reason', () => {
    fc.assert(fc.property(principalArb, factsArb, (p, f) => {
      expect(decideLeadAccess(p, f).reason.length).toBeGreaterThan(0);
    }), runs);
  });
});
