// Rows of the assignment tables as the pure model's objects (rules/assignment/model). Rows were
// validated with the zod schemas when written, so they are mapped, not re-parsed (hot path).
import type { Account, PoolState, Rep, Team, Territory } from '../../rules/assignment/index.js';
import { isoOrNull, num, numOrNull, type Row } from './sql.js';

export const REP_COLUMNS = `id, name, email, active, available, available_changed_at, manager_id, skills, products, languages, geography,
  customer_focus, capacity, weight, performance_score, working_hours, out_of_office, open_lead_count, last_assigned_at,
  last_assigned_seq, ramp_load, returned_from_leave_at`;

/** A stored rep plus the fields the pure model does not know (availability toggle). */
export interface RepRecord {
  rep: Rep;
  /** The rep's own availability toggle; the model sees `active = active && available`. */
  available: boolean;
  activeFlag: boolean;
}

export function repFromRow(row: Row, teamIds: readonly string[]): RepRecord {
  const active = row.active === true;
  const available = row.available === true;
  const rep: Rep = {
    id: String(row.id),
    name: String(row.name),
    email: String(row.email),
    active: active && available,
    teamIds: [...teamIds],
    managerId: (row.manager_id as string | null) ?? null,
    skills: row.skills as string[],
    products: row.products as string[],
    languages: row.languages as string[],
    geography: row.geography as Rep['geography'],
    customerFocus: row.customer_focus as Rep['customerFocus'],
    capacity: numOrNull(row.capacity),
    weight: num(row.weight),
    performanceScore: num(row.performance_score),
    workingHours: (row.working_hours as Rep['workingHours']) ?? null,
    outOfOffice: row.out_of_office as Rep['outOfOffice'],
    openLeadCount: num(row.open_lead_count),
    lastAssignedAt: isoOrNull(row.last_assigned_at),
    lastAssignedSeq: num(row.last_assigned_seq),
    returnedFromLeaveAt: isoOrNull(row.returned_from_leave_at),
    rampLoad: (row.ramp_load as Rep['rampLoad']) ?? null,
  };
  return { rep, available, activeFlag: active };
}

/** Copies the routing state (the columns decisions change) of a fresh row onto a cached rep. */
export function withRoutingState(rep: Rep, row: Row): Rep {
  return {
    ...rep,
    openLeadCount: num(row.open_lead_count),
    lastAssignedAt: isoOrNull(row.last_assigned_at),
    lastAssignedSeq: num(row.last_assigned_seq),
    returnedFromLeaveAt: isoOrNull(row.returned_from_leave_at),
    rampLoad: (row.ramp_load as Rep['rampLoad']) ?? null,
  };
}

export function teamFromRow(row: Row, memberRepIds: readonly string[]): Team {
  return {
    id: String(row.id),
    name: String(row.name),
    kind: row.kind === 'queue' ? 'queue' : 'team',
    memberRepIds: [...memberRepIds],
    managerRepId: (row.manager_rep_id as string | null) ?? null,
    parentTeamId: (row.parent_team_id as string | null) ?? null,
  };
}

export function territoryFromRow(row: Row, memberRepIds: readonly string[]): Territory {
  return {
    id: String(row.id),
    name: String(row.name),
    type: String(row.type),
    status: row.status as Territory['status'],
    parentId: (row.parent_id as string | null) ?? null,
    ownerRepId: (row.owner_rep_id as string | null) ?? null,
    memberRepIds: [...memberRepIds],
    dimensions: (row.dimensions as Territory['dimensions']) ?? {},
    attributes: (row.attributes as Territory['attributes']) ?? {},
  };
}

export function accountFromRow(row: Row): Account {
  return {
    id: String(row.id),
    name: String(row.name),
    ownerRepId: (row.owner_rep_id as string | null) ?? null,
    teamRepIds: (row.team_rep_ids as string[]) ?? [],
    parentAccountId: (row.parent_account_id as string | null) ?? null,
  };
}

export function poolFromRows(poolId: string, pool: Row | undefined, members: readonly Row[]): PoolState {
  const finishTags: Record<string, number> = {};
  for (const m of members) finishTags[String(m.rep_id)] = num(m.finish_tag);
  return { poolId, virtualTime: pool ? num(pool.virtual_time) : 0, finishTags };
}

/** Groups (key, value) rows into a map of lists. */
export function groupBy(rowsIn: readonly Row[], key: string, value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rowsIn) {
    const k = String(r[key]);
    const list = out.get(k);
    if (list) list.push(String(r[value]));
    else out.set(k, [String(r[value])]);
  }
  return out;
}
