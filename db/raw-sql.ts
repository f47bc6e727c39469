// Raw SQL with natively bound parameters ($1, $2...; arrays bound as Postgres arrays) on the
// EntityManager's connection: inside `em.transactional` it runs in that transaction. `em.execute`
// formats parameters into the SQL text and expands arrays, which bulk statements cannot use.
// The query goes through MikroORM's Kysely executor as a raw compiled query (as
// db/assignment/sql.ts `rowsBound` does), so kysely itself is not imported.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface RawResult<T> { rows: T[]; affected: number }

export async function rawQuery<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<RawResult<T>> {
  const kysely = em.getKysely();
  const compiled = { sql, parameters: params, query: { kind: 'RawNode' as const, sqlFragments: [sql], parameters: [] }, queryId: { queryId: 'leadflow-processing' } };
  const res = await kysely.executeQuery(compiled as unknown as Parameters<typeof kysely.executeQuery>[0]);
  return { rows: res.rows as T[], affected: Number(res.numAffectedRows ?? res.rows.length) };
}

export async function rawRows<T = Record<string, unknown>>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await rawQuery<T>(em, sql, params)).rows;
}
