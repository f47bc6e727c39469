// Sales accounts: CRUD (owner, account team, parent account without loops). Names and e-mail
// domains are unique after normalization (409 on a duplicate), the keys de-duplication matches on.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { normalizeAccountName } from '../../../rules/dedupe.js';
import { accountFromRow } from '../../../db/assignment/rows.js';
import { isoOf, json, rows, run, type Row } from '../../../db/assignment/sql.js';
import { conflict, notFound, unprocessable, fieldError } from '../../http/problem.js';
import type { accountBody } from '../../schemas/assignment.js';
import { configTx } from './config-tx.js';
import { makesCycle, References } from './references.js';

export type AccountBody = z.output<typeof accountBody>;

const dto = (row: Row) => ({
  ...accountFromRow(row), normalizedName: String(row.normalized_name), emailDomain: (row.email_domain as string | null) ?? null,
  createdAt: isoOf(row.created_at), updatedAt: isoOf(row.updated_at),
});
export type AccountDto = ReturnType<typeof dto>;

export async function listAccounts(em: EntityManager, q: { limit: number; offset: number; q?: string }): Promise<AccountDto[]> {
  const search = q.q ? normalizeAccountName(q.q) : undefined;
  const found = await rows(em, `select * from account ${search ? 'where normalized_name like ?' : ''} order by name, id limit ? offset ?`,
    [...(search ? [`${search}%`] : []), q.limit, q.offset]);
  return found.map(dto);
}

export async function findAccount(em: EntityManager, id: string): Promise<AccountDto | null> {
  const [row] = await rows(em, 'select * from account where id = ?', [id]);
  return row ? dto(row) : null;
}

async function save(em: EntityManager, id: string, body: AccountBody, insert: boolean): Promise<AccountDto> {
  const normalized = normalizeAccountName(body.name);
  if (!normalized) throw unprocessable('invalid_account_name', 'the account name has no letters or digits', [fieldError('body', ['name'], 'nothing to match on', 'invalid')]);
  const refs = new References().need('rep', ['ownerRepId'], body.ownerRepId).needAll('rep', ['teamRepIds'], body.teamRepIds).need('account', ['parentAccountId'], body.parentAccountId);
  if (await makesCycle(em, 'account', 'parent_account_id', id, body.parentAccountId)) refs.fail(['parentAccountId'], 'the account hierarchy would loop', 'cycle');
  await refs.check(em);
  const values = [body.name, normalized, body.emailDomain, body.ownerRepId, body.parentAccountId, json([...new Set(body.teamRepIds)])];
  if (insert) await run(em, 'insert into account (name, normalized_name, email_domain, owner_rep_id, parent_account_id, team_rep_ids, id) values (?, ?, ?, ?, ?, ?::jsonb, ?)', [...values, id]);
  else await run(em, 'update account set name = ?, normalized_name = ?, email_domain = ?, owner_rep_id = ?, parent_account_id = ?, team_rep_ids = ?::jsonb, updated_at = now() where id = ?', [...values, id]);
  return (await findAccount(em, id))!;
}

export async function createAccount(orm: MikroORM, body: AccountBody): Promise<AccountDto> {
  const id = body.id ?? randomUUID();
  return configTx(orm, async (em) => {
    if (await findAccount(em, id)) throw conflict('account_exists', `account '${id}' exists`);
    return save(em, id, body, true);
  }, { bump: false });
}

export async function replaceAccount(orm: MikroORM, id: string, body: AccountBody): Promise<AccountDto> {
  return configTx(orm, async (em) => {
    if (!(await findAccount(em, id))) throw notFound('account', id);
    return save(em, id, body, false);
  }, { bump: false });
}

export async function deleteAccount(orm: MikroORM, id: string): Promise<void> {
  await configTx(orm, async (em) => {
    if (!(await findAccount(em, id))) throw notFound('account', id);
    const [uses] = await rows(em, `select (select count(*) from account where parent_account_id = ?)::int as children,
      (select count(*) from lead where account_id = ?)::int as leads, (select count(*) from contact where account_id = ?)::int as contacts`, [id, id, id]);
    if (Number(uses?.children) > 0 || Number(uses?.leads) > 0 || Number(uses?.contacts) > 0) {
      throw conflict('account_in_use', `account '${id}' has child accounts, leads or contacts`, { references: uses });
    }
    await run(em, 'delete from account where id = ?', [id]);
  }, { bump: false });
}
