// Accounts for account-based routing: the lead's account and its ancestors (bounded, cycle-safe).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Account } from '../../rules/assignment/index.js';
import { accountFromRow } from './rows.js';
import { pgArray, rows } from './sql.js';

/** The accounts with these ids and up to 10 levels of their parents. */
export async function loadAccountChains(em: EntityManager, accountIds: readonly string[]): Promise<Account[]> {
  if (accountIds.length === 0) return [];
  const found = await rows(
    em,
    `with recursive chain as (
       select a.id, a.name, a.owner_rep_id, a.team_rep_ids, a.parent_account_id, 0 as depth from account a where a.id = any(?::uuid[])
       union all
       select p.id, p.name, p.owner_rep_id, p.team_rep_ids, p.parent_account_id, c.depth + 1
         from account p join chain c on p.id = c.parent_account_id where c.depth < 10
     ) select distinct on (id) id, name, owner_rep_id, team_rep_ids, parent_account_id from chain`,
    [pgArray(accountIds)],
  );
  return found.map(accountFromRow);
}
