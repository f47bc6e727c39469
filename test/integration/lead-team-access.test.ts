// Lead access through the lead team, territories and management chains, on the assignment
// manager's tables (rep, territory, territory_member, lead_team_member, lead_territory).
import { randomUUID } from 'node:crypto';
import { decideLeadAccess } from '../../api/auth/lead-access.js';
import { createLeadAccessLoader } from '../../api/auth/lead-access-loader.js';
import type { Principal } from '../../api/auth/principal.js';
import { startHarness, type Harness } from '../support/harness.js';

const people = ['vp', 'm1', 'm2', 'a1', 'a2', 'b1', 'b2', 'c1', 'c2', 'z'] as const;
type Person = (typeof people)[number];
const id = Object.fromEntries(people.map((p) => [p, randomUUID()])) as Record<Person, string>;
const roleOf = (p: Person) => (p === 'vp' || p === 'm1' || p === 'm2' ? 'manager' : 'rep');
const LEAD = randomUUID();
const OTHER_LEAD = randomUUID();
const T_ROOT = randomUUID();
const T_WEST = randomUUID();

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    beforeApp: async (sql) => {
      // vp <- m1 <- (a1, a2); vp <- m2 <- (b1, b2); c1, c2, z report to nobody
      const managers: Partial<Record<Person, Person>> = { m1: 'vp', m2: 'vp', a1: 'm1', a2: 'm1', b1: 'm2', b2: 'm2' };
      for (const p of people) await sql('insert into rep (id, manager_id, name, email) values ($1, null, $2, $3)', [id[p], p, `${p}-${id[p]}@example.com`]);
      for (const [p, m] of Object.entries(managers)) await sql('update rep set manager_id = $1 where id = $2', [id[m], id[p as Person]]);
      // territories: root (owner c2) > west (owner m2, member b2)
      await sql(`insert into territory (id, parent_id, owner_rep_id, name, type) values ($1, null, $2, $3, 'Prime'), ($4, $1, $5, $6, 'Prime')`, [T_ROOT, id.c2, 'root', T_WEST, id.m2, 'west']);
      await sql('insert into territory_member (territory_id, rep_id) values ($1, $2)', [T_WEST, id.b2]);
      await sql(`insert into lead (id, workflow_id, source, owner_id) values ($1, $2, 'api', $3), ($4, $5, 'api', $6)`, [LEAD, `lead-${LEAD}`, id.a1, OTHER_LEAD, `lead-${OTHER_LEAD}`, id.z]);
      await sql(`insert into lead_team_member (lead_id, rep_id, access_level, origin) values ($1, $2, 'View only', 'manual'), ($1, $3, 'Edit', 'manual')`, [LEAD, id.b1, id.c1]);
      await sql('insert into lead_territory (lead_id, territory_id) values ($1, $2)', [LEAD, T_WEST]);
    },
  });
});
afterAll(async () => { await h?.close(); });

const principal = (p: Person): Principal => ({ kind: 'user', id: `user-${p}`, role: roleOf(p), repId: id[p] });

it('decides each person’s level from the real tables (loader + pure policy)', async () => {
  const loader = createLeadAccessLoader(h.orm);
  const levels: Record<string, string> = {};
  for (const p of people) levels[p] = decideLeadAccess(principal(p), (await loader.load(LEAD, principal(p)))!).level;
  expect(levels).toEqual({
    a1: 'owner', // lead owner
    m1: 'owner', vp: 'owner', // the owner's management chain
    c1: 'edit', // lead team (Edit)
    b1: 'view', // lead team (View only)
    b2: 'full', // member of the lead's territory
    c2: 'full', // owner of an ancestor territory
    m2: 'full', // owner of the lead's territory; manager of b1 and b2
    a2: 'none', z: 'none',
  });
  expect(await loader.load(randomUUID(), principal('a1'))).toBeUndefined();
});

it('GET /leads/:id follows the same decisions, and GET /leads lists exactly the leads each can open', async () => {
  for (const p of people) {
    const opts = { role: roleOf(p), repId: id[p] } as const;
    const one = await h.api('get', `/leads/${LEAD}`, undefined, opts);
    const canOpen = one.status === 200;
    expect({ p, status: one.status }).toEqual({ p, status: ['a2', 'z'].includes(p) ? 403 : 200 });
    const list = await h.api('get', '/leads', undefined, opts);
    expect(list.status).toBe(200);
    const listed: string[] = list.body.items.map((l: any) => l.id);
    expect({ p, listed: listed.includes(LEAD) }).toEqual({ p, listed: canOpen });
    const other = await h.api('get', `/leads/${OTHER_LEAD}`, undefined, opts);
    expect({ p, listedOther: listed.includes(OTHER_LEAD), canOpenOther: other.status === 200 }).toEqual({ p, listedOther: p === 'z', canOpenOther: p === 'z' });
  }
});
