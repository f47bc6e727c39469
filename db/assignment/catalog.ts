// What routing reads on every decision: the active routing configuration, reps, teams and
// territories. Workers cache it per configuration revision (assignment_settings.revision, bumped
// by every configuration write in the same transaction), so a decision costs one tiny query to
// check freshness. The cached reps' routing state (open leads, last assignment) may be stale: it
// only shapes the snapshot plan; decisions are re-made on the rows locked FOR UPDATE.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolState, Rep, Team, Territory } from '../../rules/assignment/index.js';
import { loadActiveRouting, type ActiveRouting } from './routing.js';
import { groupBy, REP_COLUMNS, repFromRow, teamFromRow, territoryFromRow, type RepRecord } from './rows.js';
import { num, rows } from './sql.js';

export interface Catalog {
  revision: number;
  routing: ActiveRouting;
  reps: Map<string, RepRecord>;
  teams: Team[];
  territories: Territory[];
  /** Weighted pools' last known state (refreshed under lock by decisions). */
  pools: Map<string, PoolState>;
}

export async function currentRevision(em: EntityManager): Promise<number> {
  const [row] = await rows(em, 'select revision from assignment_settings where id = 1');
  return row ? num(row.revision) : 0;
}

/** Bumps the configuration revision (call inside the transaction that changes configuration). */
export async function bumpRevision(em: EntityManager): Promise<number> {
  const [row] = await rows(
    em,
    `insert into assignment_settings (id, revision) values (1, 1)
       on conflict (id) do update set revision = assignment_settings.revision + 1, updated_at = now() returning revision`,
  );
  return num(row?.revision);
}

export async function loadCatalog(em: EntityManager, revision?: number): Promise<Catalog> {
  const rev = revision ?? (await currentRevision(em));
  const [routing, repRows, teamRows, teamMembers, territoryRows, territoryMembers] = [
    await loadActiveRouting(em),
    await rows(em, `select ${REP_COLUMNS} from rep order by id`),
    await rows(em, 'select id, name, kind, manager_rep_id, parent_team_id from team order by id'),
    await rows(em, 'select team_id, rep_id from team_member order by team_id, rep_id'),
    await rows(em, 'select id, name, type, status, parent_id, owner_rep_id, dimensions, attributes from territory order by id'),
    await rows(em, 'select territory_id, rep_id from territory_member order by territory_id, rep_id'),
  ];
  const membersByTeam = groupBy(teamMembers, 'team_id', 'rep_id');
  const teamsByRep = groupBy(teamMembers, 'rep_id', 'team_id');
  const membersByTerritory = groupBy(territoryMembers, 'territory_id', 'rep_id');
  return {
    revision: rev,
    routing,
    reps: new Map(repRows.map((r) => [String(r.id), repFromRow(r, teamsByRep.get(String(r.id)) ?? [])])),
    teams: teamRows.map((t) => teamFromRow(t, membersByTeam.get(String(t.id)) ?? [])),
    territories: territoryRows.map((t) => territoryFromRow(t, membersByTerritory.get(String(t.id)) ?? [])),
    pools: new Map(),
  };
}

/** A per-process cache of the catalog, reloaded when the configuration revision changes. */
export class CatalogCache {
  private current: Catalog | undefined;
  private loading: { revision: number; promise: Promise<Catalog> } | undefined;

  /** The catalog for the current revision (pass it when already read, to save the query). */
  async get(em: EntityManager, knownRevision?: number): Promise<Catalog> {
    const revision = knownRevision ?? (await currentRevision(em));
    if (this.current && this.current.revision === revision) return this.current;
    if (this.loading?.revision !== revision) {
      const promise = loadCatalog(em, revision).then((c) => {
        if (!this.current || this.current.revision <= c.revision) this.current = c;
        return c;
      });
      this.loading = { revision, promise };
      promise.catch(() => { if (this.loading?.promise === promise) this.loading = undefined; });
    }
    return this.loading.promise;
  }

  /** Records reps' routing state seen under lock (keeps the next snapshot plan close to the truth). */
  remember(reps: readonly Rep[], pools: readonly PoolState[] = []): void {
    const c = this.current;
    if (!c) return;
    for (const rep of reps) {
      const rec = c.reps.get(rep.id);
      if (rec) c.reps.set(rep.id, { ...rec, rep: { ...rec.rep, openLeadCount: rep.openLeadCount, lastAssignedAt: rep.lastAssignedAt, lastAssignedSeq: rep.lastAssignedSeq, rampLoad: rep.rampLoad, returnedFromLeaveAt: rep.returnedFromLeaveAt } });
    }
    for (const p of pools) c.pools.set(p.poolId, p);
  }

  invalidate(): void {
    this.current = undefined;
    this.loading = undefined;
  }
}
