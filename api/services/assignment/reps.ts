// Reps: CRUD with referential checks; responses carry the routing state (open leads, last
// assignment, ramp after leave) read-only.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { groupBy, REP_COLUMNS, repFromRow } from '../../../db/assignment/rows.js';
import { isoOf, isoOrNull, json, pgArray, rows, run, type Row } from '../../../db/assignment/sql.js';
import { conflict, notFound } from '../../http/problem.js';
import type { repBody, repPatchBody, repListQuery } from '../../schemas/assignment.js';
import { configTx } from './config-tx.js';
import { makesCycle, References } from './references.js';

export type RepBody = z.output<typeof repBody>;
export type RepPatch = z.output<typeof repPatchBody>;

export function repDto(row: Row, teamIds: readonly string[]) {
  const rec = repFromRow(row, teamIds);
  return {
    ...rec.rep,
    active: rec.activeFlag,
    available: rec.available,
    availableChangedAt: isoOrNull(row.available_changed_at),
    createdAt: isoOf(row.created_at),
    updatedAt: isoOf(row.updated_at),
  };
}
export type RepDto = ReturnType<typeof repDto>;

export async function findRep(em: EntityManager, id: string): Promise<RepDto | null> {
  const [row] = await rows(em, `select ${REP_COLUMNS}, created_at, updated_at from rep where id = ?`, [id]);
  if (!row) return null;
  const teams = await rows(em, 'select team_id from team_member where rep_id = ? order by team_id', [id]);
  return repDto(row, teams.map((t) => String(t.team_id)));
}

export async function listReps(orm: MikroORM, q: z.output<typeof repListQuery>): Promise<RepDto[]> {
  const em = orm.em.fork();
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.teamId) { where.push('id in (select rep_id from team_member where team_id = ?)'); params.push(q.teamId); }
  if (q.active) { where.push('active = ?'); params.push(q.active === 'true'); }
  const found = await rows(em, `select ${REP_COLUMNS}, created_at, updated_at from rep ${where.length ? `where ${where.join(' and ')}` : ''}
    order by name, id limit ? offset ?`, [...params, q.limit, q.offset]);
  const teams = found.length ? groupBy(await rows(em, 'select rep_id, team_id from team_member where rep_id = any(?::uuid[]) order by team_id', [pgArray(found.map((r) => String(r.id)))]), 'rep_id', 'team_id') : new Map<string, string[]>();
  return found.map((r) => repDto(r, teams.get(String(r.id)) ?? []));
}

async function validate(em: EntityManager, id: string, body: RepBody): Promise<void> {
  const refs = new References().need('rep', ['managerId'], body.managerId).needAll('team', ['teamIds'], body.teamIds);
  if (body.managerId && (await makesCycle(em, 'rep', 'manager_id', id, body.managerId))) refs.fail(['managerId'], 'the management chain would loop', 'cycle');
  await refs.check(em);
}

async function write(em: EntityManager, id: string, body: RepBody, insert: boolean): Promise<void> {
  const values = [body.name, body.email, body.active, body.managerId, json(body.skills), json(body.products), json(body.languages), json(body.geography),
    json(body.customerFocus), body.capacity, body.weight, body.performanceScore, body.workingHours === null ? null : json(body.workingHours), json(body.outOfOffice)];
  if (insert) {
    await run(em, `insert into rep (name, email, active, manager_id, skills, products, languages, geography, customer_focus, capacity, weight,
      performance_score, working_hours, out_of_office, id) values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?::jsonb, ?)`, [...values, id]);
  } else {
    await run(em, `update rep set name = ?, email = ?, active = ?, manager_id = ?, skills = ?::jsonb, products = ?::jsonb, languages = ?::jsonb,
      geography = ?::jsonb, customer_focus = ?::jsonb, capacity = ?, weight = ?, performance_score = ?, working_hours = ?::jsonb,
      out_of_office = ?::jsonb, updated_at = now() where id = ?`, [...values, id]);
  }
  await run(em, 'delete from team_member where rep_id = ? and not (team_id = any(?::uuid[]))', [id, pgArray(body.teamIds)]);
  if (body.teamIds.length > 0) await run(em, 'insert into team_member (team_id, rep_id) select unnest(?::uuid[]), ? on conflict do nothing', [pgArray(body.teamIds), id]);
}

export async function createRep(orm: MikroORM, body: RepBody): Promise<RepDto> {
  const id = body.id ?? randomUUID();
  return configTx(orm, async (em) => {
    if (await findRep(em, id)) throw conflict('rep_exists', `rep '${id}' exists`);
    await validate(em, id, body);
    await write(em, id, body, true);
    return (await findRep(em, id))!;
  });
}

export async function updateRep(orm: MikroORM, id: string, body: RepBody | RepPatch): Promise<RepDto> {
  return configTx(orm, async (em) => {
    const current = await findRep(em, id);
    if (!current) throw notFound('rep', id);
    const merged: RepBody = { ...current, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) } as RepBody;
    await validate(em, id, merged);
    await write(em, id, merged, false);
    return (await findRep(em, id))!;
  });
}

export async function deleteRep(orm: MikroORM, id: string): Promise<void> {
  await configTx(orm, async (em) => {
    if (!(await findRep(em, id))) throw notFound('rep', id);
    const [uses] = await rows(em, `select
        (select count(*) from rep_open_lead where rep_id = ?)::int as open_leads,
        (select count(*) from routing_config_version where active and definition::text like ?)::int as routing,
        (select count(*) from territory where owner_rep_id = ?)::int as territories,
        (select count(*) from account where owner_rep_id = ?)::int as accounts,
        (select count(*) from rep where manager_id = ?)::int as reports`, [id, `%${id}%`, id, id, id]);
    const blocking = Object.entries(uses ?? {}).filter(([, n]) => Number(n) > 0).map(([k, n]) => `${String(n)} ${k.replace('_', ' ')}`);
    if (blocking.length > 0) throw conflict('rep_in_use', `rep '${id}' is still referenced (${blocking.join(', ')}); deactivate it or offboard it instead`, { references: uses });
    await run(em, 'delete from team_member where rep_id = ?', [id]);
    await run(em, 'delete from territory_member where rep_id = ?', [id]);
    await run(em, 'delete from rep where id = ?', [id]);
  });
}
