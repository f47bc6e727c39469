// GET /leads: cursor pages that neither repeat nor skip, filters, sorts, and bounds.
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
const ids: { id: string; score: number | null; createdAt: string; status: string; source: string; owner: string | null }[] = [];
const OWNER = randomUUID();
beforeAll(async () => {
  h = await startHarness();
  const base = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < 23; i++) {
    const id = randomUUID();
    // equal scores and equal timestamps on purpose: ties are broken by id
    const score = i % 5 === 0 ? null : (i * 7) % 4;
    const createdAt = new Date(base + Math.floor(i / 3) * 1000 + (i % 2)).toISOString();
    const status = i % 3 === 0 ? 'Qualified' : 'Unqualified';
    const source = i % 2 ? 'web_form' : 'partner';
    const owner = i % 4 === 0 ? OWNER : null;
    ids.push({ id, score, createdAt, status, source, owner });
    await h.sql(`insert into lead (id, workflow_id, source, score, created_at, status, owner_id, rank) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, `lead-${id}`, source, score, createdAt, status, owner, i % 2 ? 'A' : 'B']);
  }
});
afterAll(async () => { await h?.close(); });

async function all(query: string, limit: number): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const res: any = await h.api('get', `/leads?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`, undefined, { role: 'ops' });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    pages++;
  } while (cursor && pages < 100);
  return { items, pages };
}

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const byScore = (dir: 1 | -1) => (a: (typeof ids)[number], b: (typeof ids)[number]) => {
  const av = a.score ?? -Infinity; // nulls lowest
  const bv = b.score ?? -Infinity;
  return dir * (av === bv ? cmp(a.id, b.id) : av < bv ? -1 : 1);
};
const byCreated = (dir: 1 | -1) => (a: (typeof ids)[number], b: (typeof ids)[number]) => dir * (cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));

describe('GET /leads', () => {
  it.each([
    ['-createdAt', byCreated(-1)],
    ['createdAt', byCreated(1)],
    ['-score', byScore(-1)],
    ['score', byScore(1)],
  ] as const)('pages through every lead exactly once, sorted by %s', async (sort, order) => {
    for (const limit of [1, 4, 7, 200]) {
      const { items, pages } = await all(`&sort=${sort}`, limit);
      expect(items.map((l) => l.id)).toEqual([...ids].sort(order).map((l) => l.id));
      expect(pages).toBe(Math.max(1, Math.ceil(ids.length / limit)));
    }
  });

  it('filters on status, source, owner, rank and a creation range, combined with paging', async () => {
    const { items } = await all('&status=Qualified&source=partner', 2);
    expect(items.map((l) => l.id).sort()).toEqual(ids.filter((l) => l.status === 'Qualified' && l.source === 'partner').map((l) => l.id).sort());
    const owned = await all(`&ownerId=${OWNER}`, 50);
    expect(owned.items.map((l) => l.id).sort()).toEqual(ids.filter((l) => l.owner === OWNER).map((l) => l.id).sort());
    const from = '2026-01-01T00:00:02.000Z';
    const to = '2026-01-01T00:00:05.000Z';
    const ranged = await all(`&createdFrom=${from}&createdTo=${to}&sort=createdAt`, 3);
    expect(ranged.items.map((l) => l.id)).toEqual(ids.filter((l) => l.createdAt >= from && l.createdAt < to).sort(byCreated(1)).map((l) => l.id));
    const rankA = await all('&rank=A&assignmentStatus=Unassigned', 50);
    expect(rankA.items).toHaveLength(ids.filter((_l, i) => i % 2).length);
  });

  it('refuses out-of-range limits, unknown parameters and sorts, and foreign cursors with 400 naming the field', async () => {
    for (const [q, field] of [['limit=0', 'query.limit'], ['limit=201', 'query.limit'], ['sort=email', 'query.sort'], ['colour=red', 'query.colour'],
      ['status=Maybe', 'query.status'], ['createdFrom=yesterday', 'query.createdFrom'], ['cursor=eyJzIjoic2NvcmUifQ', 'query.cursor']] as const) {
      const res = await h.api('get', `/leads?${q}`, undefined, { role: 'ops' });
      expect({ q, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ q, status: 400, field });
    }
    const first = await h.api('get', '/leads?limit=2&sort=score', undefined, { role: 'ops' });
    const wrongSort = await h.api('get', `/leads?limit=2&sort=-createdAt&cursor=${first.body.nextCursor}`, undefined, { role: 'ops' });
    expect(wrongSort.status).toBe(400);
    expect(wrongSort.body.code).toBe('invalid_cursor');
  });
});
