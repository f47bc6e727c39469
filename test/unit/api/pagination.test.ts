import fc from 'fast-check';
import { z } from 'zod';
import { canonicalJson, requestHash } from '../../../api/http/idempotency.js';
import { decodeCursor, encodeCursor, keysetPage, listQuerySchema, pageResult } from '../../../api/http/pagination.js';
import { HttpProblem } from '../../../api/http/problem.js';

const sorts = {
  createdAt: { nullable: false, cursorValue: z.iso.datetime().transform((s) => new Date(s)) },
  score: { nullable: true, cursorValue: z.number().int() },
};
const schema = listQuerySchema({ sorts, defaultSort: '-createdAt', filters: { status: z.enum(['A', 'B']).optional() } });
const ID = '00000000-0000-4000-8000-000000000001';

describe('list query schema', () => {
  it('defaults, bounds and rejects unknown parameters', () => {
    expect(schema.parse({})).toEqual({ limit: 50, sort: '-createdAt' });
    expect(schema.parse({ limit: '200', sort: 'score', status: 'A' })).toEqual({ limit: 200, sort: 'score', status: 'A' });
    for (const bad of [{ limit: '0' }, { limit: '201' }, { limit: 'x' }, { sort: 'email' }, { color: 'red' }, { cursor: 'has space' }]) {
      expect(schema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('keyset pages', () => {
  it('first page: order by the field then id, no condition', () => {
    expect(keysetPage({ limit: 10, sort: '-score' }, sorts)).toMatchObject({ where: {}, orderBy: { score: 'desc nulls last', id: 'desc' }, fetch: 11 });
    expect(keysetPage({ limit: 10, sort: 'createdAt' }, sorts).orderBy).toEqual({ createdAt: 'asc', id: 'asc' });
  });

  it('after a cursor: strictly after (value, id), nulls lowest', () => {
    const after = (sort: string, v: string | number | null) => keysetPage({ limit: 10, sort, cursor: encodeCursor({ s: sort, v, id: ID }) }, sorts).where;
    expect(after('-score', 7)).toEqual({ $or: [{ score: { $lt: 7 } }, { score: 7, id: { $lt: ID } }, { score: null }] });
    expect(after('score', 7)).toEqual({ $or: [{ score: { $gt: 7 } }, { score: 7, id: { $gt: ID } }] });
    expect(after('-score', null)).toEqual({ score: null, id: { $lt: ID } });
    expect(after('score', null)).toEqual({ $or: [{ score: null, id: { $gt: ID } }, { score: { $ne: null } }] });
    expect(after('createdAt', '2026-01-01T00:00:00.123Z')).toEqual({ $or: [{ createdAt: { $gt: new Date('2026-01-01T00:00:00.123Z') } }, { createdAt: new Date('2026-01-01T00:00:00.123Z'), id: { $gt: ID } }] });
  });

  it('refuses cursors that are forged, tampered with, or made for another sort (400, never a database error)', () => {
    const attempts = [
      'not-base64-json',
      encodeCursor({ s: 'score', v: 1, id: ID }), // used with -createdAt
      encodeCursor({ s: '-createdAt', v: 'yesterday', id: ID }),
      encodeCursor({ s: '-createdAt', v: '2026-01-01T00:00:00Z', id: "1' or 1=1" }),
      encodeCursor({ s: '-createdAt', v: null, id: ID }), // createdAt is never null
      Buffer.from('{"s":"-createdAt"}').toString('base64url'),
    ];
    for (const cursor of attempts) {
      let err: unknown;
      try { keysetPage({ limit: 5, sort: '-createdAt', cursor }, sorts); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(HttpProblem);
      expect((err as HttpProblem).status).toBe(400);
      expect((err as HttpProblem).code).toBe('invalid_cursor');
    }
  });

  it('a cursor round-trips and the next cursor appears only when there is a next page', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 10 }), (limit, n) => {
      const rows = Array.from({ length: Math.min(n, limit + 1) }, (_, i) => ({ id: `id-${i}`, score: i }));
      const page = keysetPage({ limit, sort: 'score' }, sorts);
      const result = pageResult(rows, page, (r) => r.score, (r) => r.id);
      expect(result.items).toHaveLength(Math.min(n, limit));
      expect(result.nextCursor === null).toBe(n <= limit);
      if (result.nextCursor) expect(decodeCursor(result.nextCursor, 'score')).toEqual({ s: 'score', v: limit - 1, id: `id-${limit - 1}` });
    }));
  });
});

describe('idempotency request hash', () => {
  it('ignores key order and whitespace, but not values, method or path', () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue()), (obj) => {
      const reversed = Object.fromEntries(Object.entries(obj).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
      expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
    }));
    const h = requestHash('POST', '/leads', { a: 1, b: [1, { c: 2 }] });
    expect(requestHash('post', '/leads', { b: [1, { c: 2 }], a: 1 })).toBe(h);
    expect(requestHash('POST', '/leads', { a: 2, b: [1, { c: 2 }] })).not.toBe(h);
    expect(requestHash('POST', '/leads?x=1', { a: 1, b: [1, { c: 2 }] })).not.toBe(h);
    expect(requestHash('PUT', '/leads', { a: 1, b: [1, { c: 2 }] })).not.toBe(h);
  });
});
