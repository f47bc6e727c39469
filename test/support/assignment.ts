// Helpers for assignment tests: leads inserted straight into Postgres (no workflow), assignment
// activities bound to the harness database, and a driver that calls assignLead concurrently.
import { randomUUID } from 'node:crypto';
import { assignmentActivities, type AssignLeadInput, type AssignLeadResult, type AssignmentOptions } from '../../activities/assignment.js';
import { openOrm, type MikroORM } from '../../db/orm.js';
import { createLogger } from '../../platform/logger.js';
import type { Actor } from '../../workflows/messages.js';
import { createActivities } from '../../activities/index.js';
import type { LeadCapture } from '../../rules/lead-attributes.js';
import type { Harness } from './harness.js';

export const TEST_ACTOR: Actor = { kind: 'system', id: 'test' };

/** Inserts leads (rows only, no workflows); returns their ids in order. */
export async function insertLeads(h: Harness, n: number, attributes: (i: number) => Record<string, unknown> = () => ({})): Promise<string[]> {
  const ids = Array.from({ length: n }, () => randomUUID());
  const values = ids.map((id, i) => {
    const a = attributes(i);
    return { id, workflow_id: `lead-${id}`, source: 'api', ...Object.fromEntries(Object.entries(a).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v])) };
  });
  const columns = [...new Set(values.flatMap((v) => Object.keys(v)))];
  for (let i = 0; i < values.length; i += 500) {
    const chunk = values.slice(i, i + 500);
    const params: unknown[] = [];
    const tuples = chunk.map((v) => `(${columns.map((c) => { params.push(c === 'custom' ? JSON.stringify((v as Record<string, unknown>)[c] ?? {}) : (v as Record<string, unknown>)[c] ?? null); return `$${params.length}`; }).join(', ')})`);
    await h.sql(`insert into lead (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')}`, params);
  }
  return ids;
}

/** A second ORM on the test database with a bigger pool (concurrency tests). */
export async function openWideOrm(h: Harness, poolMax: number): Promise<MikroORM> {
  return openOrm({ url: h.state.pgAdminUrl.replace(/\/postgres$/, `/${h.dbName}`), poolMax });
}

export function activitiesFor(h: Harness, options: AssignmentOptions & { orm?: MikroORM } = {}) {
  return assignmentActivities({ orm: options.orm ?? h.orm, logger: createLogger(process.env.LEADFLOW_TEST_LOG_LEVEL ?? 'silent'), temporal: h.temporal }, { webhookTaskQueue: h.taskQueue, ...options });
}

let keySeq = 0;
export function assignInput(leadId: string, extra: Partial<AssignLeadInput> = {}): AssignLeadInput {
  return {
    leadId,
    eventKey: `test-${leadId}-${++keySeq}`,
    actor: TEST_ACTOR,
    reason: 'captured',
    excludeRepIds: [],
    attempt: 1,
    offerDeadline: new Date(Date.now() + 3_600_000).toISOString(),
    ...extra,
  };
}

/** Calls assignLead for every lead with `concurrency` calls in flight; results in lead order. */
export async function assignConcurrently(
  assign: (input: AssignLeadInput) => Promise<AssignLeadResult>, leadIds: readonly string[], concurrency: number, extra: Partial<AssignLeadInput> = {},
): Promise<AssignLeadResult[]> {
  const results: AssignLeadResult[] = new Array(leadIds.length);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < leadIds.length) {
      const i = next++;
      results[i] = await assign(assignInput(leadIds[i]!, extra));
    }
  }));
  return results;
}

export function tally(results: readonly AssignLeadResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.outcome === 'offered' ? r.repId! : r.outcome;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

// ---- configuration through the API (admin)
let emailSeq = 0;
export async function apiRep(h: Harness, fields: Record<string, unknown> = {}): Promise<any> {
  const res = await h.api('post', '/reps', { name: `Rep ${++emailSeq}`, email: `rep${emailSeq}-${randomUUID().slice(0, 8)}@example.com`, ...fields });
  if (res.status !== 201) throw new Error(`POST /reps ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function apiTeam(h: Harness, fields: Record<string, unknown> = {}): Promise<any> {
  const res = await h.api('post', '/teams', { name: `Team ${randomUUID().slice(0, 8)}`, ...fields });
  if (res.status !== 201) throw new Error(`POST /teams ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function apiTerritory(h: Harness, fields: Record<string, unknown> = {}): Promise<any> {
  const res = await h.api('post', '/territories', { name: `Territory ${randomUUID().slice(0, 8)}`, type: 'Prime', ...fields });
  if (res.status !== 201) throw new Error(`POST /territories ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function apiAccount(h: Harness, fields: Record<string, unknown> = {}): Promise<any> {
  const res = await h.api('post', '/accounts', { name: `Account ${randomUUID().slice(0, 8)}`, ...fields });
  if (res.status !== 201) throw new Error(`POST /accounts ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** PUT /routing-config with the given steps (and fallback); returns the stored version. */
export async function apiRouting(h: Harness, steps: unknown[], extra: Record<string, unknown> = {}): Promise<any> {
  const { fallback, webhook, note, ...rest } = extra;
  const res = await h.api('put', '/routing-config', {
    config: { id: 'test-routing', name: 'Test routing', steps, ...(fallback ? { fallback } : {}), ...rest },
    ...(webhook ? { webhook } : {}),
    ...(note ? { note } : {}),
  });
  if (res.status !== 200) throw new Error(`PUT /routing-config ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Stores a lead as capture does (row, account/contact match, `captured` audit event) without
 * starting its workflow, so a test can drive assignLead itself with a pinned clock. Tests of the
 * whole lifecycle capture through POST /leads instead (test/support/lifecycle.ts).
 */
export async function captureLead(h: Harness, attributes: Record<string, unknown> = {}): Promise<string> {
  const leadId = randomUUID();
  const acts = createActivities({ orm: h.orm, logger: createLogger('silent'), temporal: h.temporal });
  await acts.captureLead({ leadId, capture: { source: 'api', firstName: 'Test', ...attributes } as LeadCapture, actor: TEST_ACTOR, eventKey: `test/${leadId}/capture` });
  return leadId;
}
