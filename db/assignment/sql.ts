// Raw SQL helpers for the assignment tables. MikroORM's `em.execute` formats `?` placeholders
// client-side: pass JSON as strings cast with `?::jsonb`, id lists as array literals cast with
// `?::uuid[]` (pgArray), instants as ISO strings cast with `?::timestamptz`. Never put a literal
// `?` in a query template. Raw rows come back snake_case, timestamps and bigints as strings.
import type { EntityManager } from '@mikro-orm/postgresql';

export type Row = Record<string, unknown>;

export async function rows<T extends Row = Row>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return em.execute<T[]>(query, params, 'all');
}

export async function run(em: EntityManager, query: string, params: unknown[] = []): Promise<number> {
  const res = await em.execute(query, params, 'run');
  return (res as { affectedRows?: number }).affectedRows ?? 0;
}

/** A PostgreSQL array literal ('{"a","b"}') for `?::uuid[]` / `?::text[]`. */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

export const json = (value: unknown): string => JSON.stringify(value);

/** A timestamptz as the driver returns it ('2025-01-01 10:00:00.123+00') or a Date, as ISO 8601 UTC. */
export function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'string') throw new Error(`not a timestamp: ${String(value)}`);
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d(?::?\d\d)?)?$/.exec(value);
  if (!m) return new Date(value).toISOString();
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d\d$/.test(zone)) zone += ':00';
  else if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return new Date(`${m[1]}T${m[2]}${zone}`).toISOString();
}

export const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : isoOf(value));
export const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : num(value));

/** PostgreSQL error code of a driver error (e.g. '23505' unique violation, '40P01' deadlock). */
export function pgCode(err: unknown): string | undefined {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * A SQL literal written into the query text (for large JSON: no client-side placeholder pass).
 * Strings become E'...' with backslashes and quotes doubled; a query built with lit() must be
 * executed without `?` parameters.
 */
export function lit(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  if (s.includes('\u0000')) throw new Error('NUL character in SQL literal');
  return `E'${s.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * Runs SQL with server-side parameters ($1, $2...) in the entity manager's transaction (if any),
 * through its Kysely executor: large values (decisions) travel as bind parameters, neither escaped
 * nor parsed as SQL text. Pass JSON as strings (cast with ::jsonb).
 */
export async function rowsBound<T extends Row = Row>(em: EntityManager, sql: string, parameters: readonly unknown[]): Promise<T[]> {
  const kysely = em.getKysely();
  const compiled = { sql, parameters, query: { kind: 'RawNode' as const, sqlFragments: [sql], parameters: [] }, queryId: { queryId: 'leadflow-raw' } };
  const res = await kysely.executeQuery(compiled as unknown as Parameters<typeof kysely.executeQuery>[0]);
  return res.rows as T[];
}
