// Cursor pagination for list endpoints: `limit` (1..200), an opaque `cursor` from the previous
// page, `sort` on an indexed field (`field` ascending, `-field` descending; ties broken by id),
// and the route's own filters. Keyset pagination: a page never repeats or skips rows while
// others are inserted, and costs the same on page 1 and page 1,000.
//
//   const sorts = { createdAt: { nullable: false, cursorValue: isoDateTime.transform((s) => new Date(s)) } };
//   const listQuery = listQuerySchema({ sorts, defaultSort: '-createdAt', filters: {...} });
//   const page = keysetPage(query, sorts);           // { where, orderBy, limit }
//   qb.andWhere(page.where).orderBy(page.orderBy).limit(page.fetch);
//   return pageResult(rows, page, (row) => row.createdAt);
import { z } from 'zod';
import { HttpProblem } from './problem.js';

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

/** A sortable field (an entity property with an index that starts with it, then id). */
export interface SortField {
  /** Nullable fields sort nulls lowest: first ascending, last descending. */
  nullable: boolean;
  /**
   * Parses the value a cursor carries back into what the column compares with (a tampered
   * cursor must be a 400, never a database error). Timestamps need millisecond precision in
   * the column (`timestamptz(3)`), or rows within one millisecond could be skipped.
   */
  cursorValue: z.ZodType;
}
export type Sorts = Record<string, SortField>;

export function listQuerySchema<S extends Sorts, F extends z.ZodRawShape>(opts: { sorts: S; defaultSort: string; filters: F }) {
  const names = Object.keys(opts.sorts);
  const sortValues = names.flatMap((n) => [n, `-${n}`]) as [string, ...string[]];
  if (!sortValues.includes(opts.defaultSort)) throw new Error(`default sort ${opts.defaultSort} is not one of ${sortValues.join(', ')}`);
  return z.strictObject({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).describe(`Page size, 1 to ${MAX_LIMIT}`),
    cursor: z.string().min(1).max(1000).regex(/^[A-Za-z0-9_-]+$/, 'not a cursor').optional().describe('`nextCursor` of the previous page'),
    sort: z.enum(sortValues).default(opts.defaultSort).describe(`Sort field, \`-\` for descending: ${sortValues.join(', ')}`),
    ...opts.filters,
  });
}

interface CursorData { s: string; v: string | number | null; id: string }

export function encodeCursor(c: CursorData): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

const cursorSchema = z.object({ s: z.string(), v: z.union([z.string(), z.number(), z.null()]), id: z.string() });

const invalidCursor = (why: string) => new HttpProblem(400, 'invalid_cursor', `The cursor is not valid here: ${why}`, {
  errors: [{ field: 'query.cursor', path: ['query', 'cursor'], message: why, code: 'invalid_cursor' }],
});

export function decodeCursor(cursor: string, sort: string): CursorData {
  const bad = invalidCursor;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad('not a cursor from this API');
  }
  const parsed = cursorSchema.safeParse(data);
  if (!parsed.success) throw bad('not a cursor from this API');
  if (parsed.data.s !== sort) throw bad(`it was made for sort '${parsed.data.s}', not '${sort}'`);
  return parsed.data;
}

export interface KeysetPage {
  field: string;
  direction: 'asc' | 'desc';
  sort: string;
  limit: number;
  /** Rows to fetch: one more than the page, to know whether there is a next one. */
  fetch: number;
  /** Filter for rows after the cursor (FilterQuery shape), or {} on the first page. */
  where: Record<string, unknown>;
  orderBy: Record<string, string>;
}

/**
 * Keyset condition and order for `sort` after `cursor`. Values in the cursor are what
 * `valueOf(row)` returned (dates as ISO strings); ids are compared as the id column's type.
 */
export function keysetPage(query: { limit: number; cursor?: string; sort: string }, sorts: Sorts, idSchema: z.ZodType = z.uuid()): KeysetPage {
  const direction = query.sort.startsWith('-') ? 'desc' : 'asc';
  const field = query.sort.replace(/^-/, '');
  const spec = sorts[field];
  if (!spec) throw new Error(`unknown sort field ${field}`);
  // Nulls lowest: ascending puts them first, descending last.
  const orderBy = {
    [field]: direction === 'asc' ? (spec.nullable ? 'asc nulls first' : 'asc') : (spec.nullable ? 'desc nulls last' : 'desc'),
    id: direction,
  };
  let where: Record<string, unknown> = {};
  if (query.cursor) {
    const c = decodeCursor(query.cursor, query.sort);
    const after = direction === 'asc' ? '$gt' : '$lt';
    const value = c.v === null ? null : spec.cursorValue.safeParse(c.v);
    if (!idSchema.safeParse(c.id).success || (c.v === null ? !spec.nullable : !value?.success)) throw invalidCursor('not a cursor from this API');
    if (c.v === null) {
      where = direction === 'asc'
        ? { $or: [{ [field]: null, id: { [after]: c.id } }, { [field]: { $ne: null } }] }
        : { [field]: null, id: { [after]: c.id } };
    } else {
      const v = value!.data;
      const ors: Record<string, unknown>[] = [{ [field]: { [after]: v } }, { [field]: v, id: { [after]: c.id } }];
      if (spec.nullable && direction === 'desc') ors.push({ [field]: null });
      where = { $or: ors };
    }
  }
  return { field, direction, sort: query.sort, limit: query.limit, fetch: query.limit + 1, where, orderBy };
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Rows fetched with `limit + 1`: the extra row only tells that there is a next page. */
export function pageResult<R extends { id: string }, T>(rows: R[], page: KeysetPage, valueOf: (row: R) => string | number | null, toItem: (row: R) => T): Page<T> {
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor({ s: page.sort, v: valueOf(last), id: last.id }) : null;
  return { items: items.map(toItem), nextCursor };
}

/** The response schema of a page of `item`. */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
