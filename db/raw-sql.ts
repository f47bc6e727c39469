// Raw SQL with natively bound parameters ($1, $2...; arrays bound as Postgres arrays) on the
// EntityManager's connection: inside `em.transactional` it runs in that transaction. `em.execute`
// formats parameters into the SQL text and expands arrays, which bulk statements cannot use.
// `kysely` is MikroORM's own query layer (a dependency of @mikro-orm/sql).
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

export interface RawResult<T> { rows: T[]; affected: number }

export async function rawQuery<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<RawResult<T>> {
  const res = await em.getKysely().executeQuery<T>(CompiledQuery.raw(sql, [...params]));
  return { rows: res.rows, affected: Number(res.numAffectedRows ?? res.rows.length) };
}

export async function rawRows<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await rawQuery<T>(em, sql, params)).rows;
}
