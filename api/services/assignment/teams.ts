// Teams and queues: CRUD with members, manager and parent team (no loops).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { groupBy, teamFromRow } from '../../../db/assignment/rows.js';
import { isoOf, pgArray, rows, run, type Row } from '../../../db/assignment/sql.js';
import { conflict, notFound } from '../../http/problem.js';
import type { teamBody } from '../../schemas/assignment.js';
import { configTx } from './config-tx.js';
import { makesCycle, References } from './references.js';

export type TeamBody = z.output<typeof teamBody>;

const dto = (row: Row, members: readonly string[]) => ({ ...teamFromRow(row, members), createdAt: isoOf(row.created_at), updatedAt: isoOf(row.updated_at) });
export type TeamDto = ReturnType<typeof dto>;

export async function listTeams(em: EntityManager, limit: number, offset: number, ids?: string[]): Promise<TeamDto[]> {
  const found = await rows(em, `select * from team ${ids ? 'where id = any(?::uuid[])' : ''} order by name limit ? offset ?`, [...(ids ? [pgArray(ids)] : []), limit, offset]);
  const members = found.length ? groupBy(await rows(em, 'select team_id, rep_id from team_member where team_id = any(?::uuid[]) order by rep_id', [pgArray(found.map((t) => String(t.id)))]), 'team_id', 'rep_id') : new Map<string, string[]>();
  return found.map((t) => dto(t, members.get(String(t.id)) ?? []));
}

export async function findTeam(em: EntityManager, id: string): Promise<TeamDto | null> {
  return (await listTeams(em, 1, 0, [id]))[0] ?? null;
}

async function save(em: EntityManager, id: string, body: TeamBody, insert: boolean): Promise<TeamDto> {
  const refs = new References().needAll('rep', ['memberRepIds'], body.memberRepIds).need('rep', ['managerRepId'], body.managerRepId).need('team', ['parentTeamId'], body.parentTeamId);
  if (await makesCycle(em, 'team', 'parent_team_id', id, body.parentTeamId)) refs.fail(['parentTeamId'], 'the team hierarchy would loop', 'cycle');
  await refs.check(em);
  const values = [body.name, body.kind, body.managerRepId, body.parentTeamId];
  if (insert) await run(em, 'insert into team (name, kind, manager_rep_id, parent_team_id, id) values (?, ?, ?, ?, ?)', [...values, id]);
  else await run(em, 'update team set name = ?, kind = ?, manager_rep_id = ?, parent_team_id = ?, updated_at = now() where id = ?', [...values, id]);
  await run(em, 'delete from team_member where team_id = ? and not (rep_id = any(?::uuid[]))', [id, pgArray(body.memberRepIds)]);
  if (body.memberRepIds.length > 0) await run(em, 'insert into team_member (team_id, rep_id) select ?, unnest(?::uuid[]) on conflict do nothing', [id, pgArray(body.memberRepIds)]);
  return (await findTeam(em, id))!;
}

export async function createTeam(orm: MikroORM, body: TeamBody): Promise<TeamDto> {
  const id = body.id ?? randomUUID();
  return configTx(orm, async (em) => {
    if (await findTeam(em, id)) throw conflict('team_exists', `team '${id}' exists`);
    return save(em, id, body, true);
  });
}

export async function replaceTeam(orm: MikroORM, id: string, body: TeamBody): Promise<TeamDto> {
  return configTx(orm, async (em) => {
    if (!(await findTeam(em, id))) throw notFound('team', id);
    return save(em, id, body, false);
  });
}

export async function deleteTeam(orm: MikroORM, id: string): Promise<void> {
  await configTx(orm, async (em) => {
    if (!(await findTeam(em, id))) throw notFound('team', id);
    const [uses] = await rows(em, `select (select count(*) from team where parent_team_id = ?)::int as child_teams,
      (select count(*) from routing_config_version where active and definition::text like ?)::int as routing`, [id, `%${id}%`]);
    if (Number(uses?.child_teams) > 0 || Number(uses?.routing) > 0) throw conflict('team_in_use', `team '${id}' has child teams or is used by the active routing configuration`, { references: uses });
    await run(em, 'delete from team_member where team_id = ?', [id]);
    await run(em, 'delete from team where id = ?', [id]);
  });
}
