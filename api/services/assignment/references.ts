// Referential checks for configuration writes: referenced rows must exist (422 naming each
// failing path) and hierarchies (manager chain, parent team/territory/account) must not loop.
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray, rows } from '../../../db/assignment/sql.js';
import { fieldError, unprocessable, type FieldError } from '../../http/problem.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Table = 'rep' | 'team' | 'territory' | 'account';
export interface Ref { path: (string | number)[]; id: string }

export class References {
  readonly errors: FieldError[] = [];
  private readonly wanted = new Map<Table, Ref[]>();

  constructor(private readonly location: 'body' | 'params' = 'body') {}

  need(table: Table, path: (string | number)[], id: string | null | undefined): this {
    if (id) (this.wanted.get(table) ?? this.wanted.set(table, []).get(table)!).push({ path, id });
    return this;
  }

  needAll(table: Table, path: (string | number)[], ids: readonly string[]): this {
    ids.forEach((id, i) => this.need(table, [...path, i], id));
    return this;
  }

  fail(path: (string | number)[], message: string, code = 'invalid_reference'): this {
    this.errors.push(fieldError(this.location, path, message, code));
    return this;
  }

  /** Checks every reference; throws 422 listing all failures. */
  async check(em: EntityManager): Promise<void> {
    for (const [table, refs] of this.wanted) {
      const ids = [...new Set(refs.map((r) => r.id))].filter((id) => UUID.test(id));
      const found = ids.length === 0 ? new Set<string>()
        : new Set((await rows(em, `select id::text as id from ${table} where id = any(?::uuid[])`, [pgArray(ids)])).map((r) => String(r.id)));
      for (const r of refs) if (!found.has(r.id)) this.fail(r.path, `${table} '${r.id}' does not exist`, 'unknown_reference');
    }
    if (this.errors.length > 0) throw unprocessable('invalid_references', `${this.errors[0]!.field}: ${this.errors[0]!.message}`, this.errors);
  }
}

/** Would making `parentId` the parent of `id` close a loop? (Walks up from the new parent.) */
export async function makesCycle(em: EntityManager, table: Table, parentColumn: string, id: string, parentId: string | null): Promise<boolean> {
  if (!parentId) return false;
  if (parentId === id) return true;
  const [row] = await rows(
    em,
    `with recursive up as (select id, ${parentColumn} as parent, 1 as depth from ${table} where id = ?
       union all select t.id, t.${parentColumn}, up.depth + 1 from ${table} t join up on t.id = up.parent where up.depth < 100)
     select exists (select 1 from up where id = ?) as loops`,
    [parentId, id],
  );
  return row?.loops === true;
}
