// Territories: CRUD with owner, members and parent (no loops). Only FINALIZED ones match leads.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { groupBy, territoryFromRow } from '../../../db/assignment/rows.js';
import { isoOf, json, pgArray, rows, run, type Row } from '../../../db/assignment/sql.js';
import { conflict, notFound } from '../../http/problem.js';
import type { territoryBody } from '../../schemas/assignment.js';
import { configTx } from './config-tx.js';
import { makesCycle, References } from './references.js';

export type TerritoryBody = z.output<typeof territoryBody>;

const dto = (row: Row, members: readonly string[]) => ({ ...territoryFromRow(row, members), createdAt: isoOf(row.created_at), updatedAt: isoOf(row.updated_at) });
export type TerritoryDto = ReturnType<typeof dto>;

export async function listTerritories(em: EntityManager, q: { limit: number; offset: number; parentId?: string; status?: string }, ids?: string[]): Promise<TerritoryDto[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (ids) { where.push('id = any(?::uuid[])'); params.push(pgArray(ids)); }
  if (q.parentId) { where.push('parent_id = ?'); params.push(q.parentId); }
  if (q.status) { where.push('status = ?'); params.push(q.status); }
  const found = await rows(em, `select * from territory ${where.length ? `where ${where.join(' and ')}` : ''} order by name, id limit ? offset ?`, [...params, q.limit, q.offset]);
  const members = found.length ? groupBy(await rows(em, 'select territory_id, rep_id from territory_member where territory_id = any(?::uuid[]) order by rep_id', [pgArray(found.map((t) => String(t.id)))]), 'territory_id', 'rep_id') : new Map<string, string[]>();
  return found.map((t) => dto(t, members.get(String(t.id)) ?? []));
}

export async function findTerritory(em: EntityManager, id: string): Promise<TerritoryDto | null> {
  return (await listTerritories(em, { limit: 1, offset: 0 }, [id]))[0] ?? null;
}

async function save(em: EntityManager, id: string, body: TerritoryBody, insert: boolean): Promise<TerritoryDto> {
  const refs = new References().need('territory', ['parentId'], body.parentId).need('rep', ['ownerRepId'], body.ownerRepId).needAll('rep', ['memberRepIds'], body.memberRepIds);
  if (await makesCycle(em, 'territory', 'parent_id', id, body.parentId)) refs.fail(['parentId'], 'the territory hierarchy would loop', 'cycle');
  await refs.check(em);
  const values = [body.name, body.type, body.status, body.parentId, body.ownerRepId, json(body.dimensions), json(body.attributes)];
  if (insert) await run(em, 'insert into territory (name, type, status, parent_id, owner_rep_id, dimensions, attributes, id) values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)', [...values, id]);
  else await run(em, 'update territory set name = ?, type = ?, status = ?, parent_id = ?, owner_rep_id = ?, dimensions = ?::jsonb, attributes = ?::jsonb, updated_at = now() where id = ?', [...values, id]);
  await run(em, 'delete from territory_member where territory_id = ? and not (rep_id = any(?::uuid[]))', [id, pgArray(body.memberRepIds)]);
  if (body.memberRepIds.length > 0) await run(em, 'insert into territory_member (territory_id, rep_id) select ?, unnest(?::uuid[]) on conflict do nothing', [id, pgArray(body.memberRepIds)]);
  return (await findTerritory(em, id))!;
}

export async function createTerritory(orm: MikroORM, body: TerritoryBody): Promise<TerritoryDto> {
  const id = body.id ?? randomUUID();
  return configTx(orm, async (em) => {
    if (await findTerritory(em, id)) throw conflict('territory_exists', `territory '${id}' exists`);
    return save(em, id, body, true);
  });
}

export async function replaceTerritory(orm: MikroORM, id: string, body: TerritoryBody): Promise<TerritoryDto> {
  return configTx(orm, async (em) => {
    if (!(await findTerritory(em, id))) throw notFound('territory', id);
    return save(em, id, body, false);
  });
}

export async function deleteTerritory(orm: MikroORM, id: string): Promise<void> {
  await configTx(orm, async (em) => {
    if (!(await findTerritory(em, id))) throw notFound('territory', id);
    const [uses] = await rows(em, `select (select count(*) from territory where parent_id = ?)::int as children,
      (select count(*) from lead_territory where territory_id = ?)::int as leads`, [id, id]);
    if (Number(uses?.children) > 0 || Number(uses?.leads) > 0) {
      throw conflict('territory_in_use', `territory '${id}' has child territories or leads; set its status to INACTIVE instead`, { references: uses });
    }
    await run(em, 'delete from territory_member where territory_id = ?', [id]);
    await run(em, 'delete from territory where id = ?', [id]);
  });
}
