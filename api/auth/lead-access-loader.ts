// Loads what decideLeadAccess needs from Postgres, and the same rules as SQL for lists: the lead
// row (owner, offered-to), the lead team (lead_team_member), the lead's territories with their
// members and the owners of their ancestors (lead_territory, territory, territory_member), and
// management chains (rep.manager_id).
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../platform/logger.js';
import type { LeadAccessFacts, TeamAccessLevel } from './lead-access.js';
import type { Principal } from './principal.js';

export interface LeadAccessLoader {
  /** What is known about the lead that matters to this principal; undefined: no such lead. */
  load(leadId: string, principal: Principal): Promise<LeadAccessFacts | undefined>;
  /**
   * A SQL condition on the lead table (aliased `alias`) that selects the leads the principal may
   * at least view, with its parameters; undefined: no restriction (admin, ops).
   */
  visibleLeadsCondition(principal: Principal, alias: string): Promise<{ sql: string; params: unknown[] } | undefined>;
}

export function normalizeTeamLevel(raw: string): TeamAccessLevel | undefined {
  switch (raw.trim().toLowerCase().replace(/[_\s-]+/g, ' ')) {
    case 'full': return 'Full';
    case 'edit': return 'Edit';
    case 'view only': case 'view': case 'read only': return 'View only';
    default: return undefined;
  }
}

const MATCH = /^[a-z_]+$/;

export function createLeadAccessLoader(orm: MikroORM, logger?: Logger): LeadAccessLoader {
  return {
    async load(leadId, principal) {
      const em = orm.em.fork();
      const conn = em.getConnection();
      const [lead] = await conn.execute<{ id: string; owner_id: string | null; offered_to_id: string | null }[]>(
        'select id, owner_id, offered_to_id from "lead" where id = ?', [leadId]);
      if (!lead) return undefined;
      const facts: LeadAccessFacts = {
        lead: { id: lead.id, ownerId: lead.owner_id, offeredToId: lead.offered_to_id },
        team: [],
        territories: [],
        managerOf: new Map(),
      };
      // Admins, ops and integrations are decided by role alone; a person without a rep has nothing to load.
      if (!principal.repId || (principal.role !== 'rep' && principal.role !== 'manager')) return facts;

      const team = await conn.execute<{ rep_id: string; access_level: string }[]>(
        'select rep_id, access_level from lead_team_member where lead_id = ?', [leadId]);
      const territories = await conn.execute<{ territory_id: string; members: string[] | null; owners: string[] | null }[]>(
        `with recursive lt as (select territory_id from lead_territory where lead_id = ?),
         up(territory_id, id, parent_id, owner_rep_id, depth) as (
           select lt.territory_id, t.id, t.parent_id, t.owner_rep_id, 0 from lt join territory t on t.id = lt.territory_id
           union all
           select up.territory_id, t.id, t.parent_id, t.owner_rep_id, up.depth + 1 from up join territory t on t.id = up.parent_id where up.depth < 50)
         select lt.territory_id::text as territory_id,
           (select array_agg(distinct m.rep_id::text) from territory_member m where m.territory_id = lt.territory_id) as members,
           (select array_agg(distinct up.owner_rep_id::text) from up where up.territory_id = lt.territory_id and up.owner_rep_id is not null) as owners
         from lt`, [leadId]);
      const teamFacts: { repId: string; accessLevel: TeamAccessLevel }[] = [];
      for (const m of team) {
        const level = normalizeTeamLevel(m.access_level);
        if (level) teamFacts.push({ repId: String(m.rep_id), accessLevel: level });
        else logger?.warn({ leadId, accessLevel: m.access_level }, 'unknown lead team access level: ignored');
      }
      const territoryFacts = territories.map((t) => ({ territoryId: t.territory_id, memberRepIds: t.members ?? [], ownerRepIds: t.owners ?? [] }));
      // Management chains of everyone who may matter: the owner, the asker, and (for managers) every rep on the lead.
      const people = new Set<string>([principal.repId, ...(lead.owner_id ? [lead.owner_id] : [])]);
      if (principal.role === 'manager') {
        for (const r of [lead.offered_to_id, ...teamFacts.map((m) => m.repId), ...territoryFacts.flatMap((t) => [...t.memberRepIds, ...t.ownerRepIds])]) if (r) people.add(r);
      }
      const chain = await conn.execute<{ id: string; manager_id: string | null }[]>(
        `with recursive c(id, manager_id, depth) as (
           select id, manager_id, 0 from rep where id::text in (${[...people].map(() => '?').join(', ')})
           union
           select r.id, r.manager_id, c.depth + 1 from c join rep r on r.id = c.manager_id where c.depth < 50)
         select distinct id::text as id, manager_id::text as manager_id from c`, [...people]);
      return {
        ...facts,
        team: teamFacts,
        territories: territoryFacts,
        managerOf: new Map(chain.map((r) => [r.id, r.manager_id])),
      };
    },

    async visibleLeadsCondition(principal, alias) {
      if (principal.role === 'admin' || principal.role === 'ops') return undefined;
      if ((principal.role !== 'rep' && principal.role !== 'manager') || !principal.repId) return { sql: 'false', params: [] };
      if (!MATCH.test(alias)) throw new Error(`bad alias ${alias}`);
      const me = principal.repId;
      const a = `"${alias}"`;
      // reps whose view the asker shares: themselves, and for a manager everyone below them
      const below = (start: string) => `(with recursive s(id, depth) as (${start} union select r.id, s.depth + 1 from rep r join s on r.manager_id = s.id where s.depth < 50) select id from s)`;
      const viewers = principal.role === 'manager' ? below('select ?::uuid, 0') : '(select ?::uuid)';
      const ownedTerritories = `(with recursive d(id, depth) as (select id, 0 from territory where owner_rep_id in ${viewers} union select t.id, d.depth + 1 from territory t join d on t.parent_id = d.id where d.depth < 50) select id from d)`;
      const sql = `(${a}.owner_id in ${viewers} or ${a}.offered_to_id in ${viewers}
        or exists (select 1 from lead_team_member m where m.lead_id = ${a}.id and m.rep_id in ${viewers})
        or exists (select 1 from lead_territory lt where lt.lead_id = ${a}.id and (
             lt.territory_id in (select territory_id from territory_member where rep_id in ${viewers})
             or lt.territory_id in ${ownedTerritories}))
        or ${a}.owner_id in ${below('select id, 0 from rep where manager_id = ?')})`;
      return { sql, params: [me, me, me, me, me, me] };
    },
  };
}
