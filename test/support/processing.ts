// Helpers for processing-activity tests: leads stored in bulk by direct SQL (realistic rows, no
// lead workflows: for runs whose effect is asserted in Postgres; signals to them are counted as
// missed), activities created through the API, and waiting for runs.
import { randomUUID } from 'node:crypto';
import type { Harness } from './harness.js';

export interface LeadRow {
  id?: string;
  country?: string;
  productCategory?: string;
  purchaseTimeframe?: string | null;
  purchaseAmount?: number | null;
  budgetStatus?: string;
  jobTitle?: string;
  status?: string;
  qualified?: boolean;
  score?: number | null;
  rank?: string | null;
  assignmentStatus?: string;
  ownerId?: string | null;
  createdAt?: Date;
}

const COLUMNS = ['id', 'country', 'productCategory', 'purchaseTimeframe', 'purchaseAmount', 'budgetStatus', 'jobTitle', 'status', 'qualified', 'score', 'rank', 'assignmentStatus', 'ownerId', 'createdAt'] as const;
const TYPES = ['uuid', 'text', 'text', 'text', 'numeric', 'text', 'text', 'text', 'boolean', 'int', 'text', 'text', 'uuid', 'timestamptz'];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const DEFAULTS: Required<Omit<LeadRow, 'id'>> = {
  country: 'US', productCategory: 'Monitors', purchaseTimeframe: 'Within 1 month', purchaseAmount: 120_000, budgetStatus: 'Approved',
  jobTitle: 'Operations Manager', status: 'Unqualified', qualified: false, score: null, rank: null, assignmentStatus: 'Unassigned', ownerId: null,
  createdAt: new Date('2025-06-01T00:00:00Z'),
};

/** Inserts leads with one statement; returns their ids in insertion order. */
export async function insertLeads(h: Harness, rows: readonly LeadRow[]): Promise<string[]> {
  const full = rows.map((r) => ({ ...DEFAULTS, ...r, id: r.id ?? randomUUID() }));
  const params = COLUMNS.map((c) => full.map((r) => (r as Record<string, unknown>)[c] ?? null));
  const cols = COLUMNS.map((c) => `"${snake(c)}"`).join(', ');
  const unnest = COLUMNS.map((_, i) => `$${i + 1}::${TYPES[i]}[]`).join(', ');
  await h.sql(
    `insert into lead (${cols}, workflow_id, source) select v.*, 'lead-' || v.id, 'import' from unnest(${unnest}) as v(${COLUMNS.map(snake).join(', ')})`,
    params,
  );
  return full.map((r) => r.id);
}

export async function createActivity(h: Harness, body: Record<string, unknown>): Promise<any> {
  const res = await h.api('post', '/processing-activities', body);
  if (res.status !== 201) throw new Error(`POST /processing-activities: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export async function runs(h: Harness, activityId: string): Promise<any[]> {
  const res = await h.api('get', `/processing-activities/${activityId}/runs?limit=200`);
  if (res.status !== 200) throw new Error(`runs: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}

/** Waits until the activity has `count` finished runs; returns them newest first. */
export async function finishedRuns(h: Harness, activityId: string, count = 1, timeoutMs = 90_000): Promise<any[]> {
  return eventually(`${count} finished run(s) of ${activityId}`, async () => {
    const all = await runs(h, activityId);
    const done = all.filter((r) => r.status !== 'In progress');
    return done.length >= count && all.length === done.length ? done : undefined;
  }, timeoutMs);
}

export async function runLog(h: Harness, runId: string, query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `${query}${query ? '&' : ''}limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await h.api('get', `/processing-runs/${runId}/log?${q}`);
    if (res.status !== 200) throw new Error(`log: ${res.status} ${JSON.stringify(res.body)}`);
    out.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return out;
}

export const leadValues = async (h: Harness, ids: readonly string[]) =>
  new Map((await h.sql('select id, status, qualified, score, rank, rule_versions from lead where id = any($1::uuid[])', [ids])).map((r: any) => [r.id, r]));
