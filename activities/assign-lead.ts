// assignLead: routing decisions, exact under concurrency (rules/assignment/README.md protocol):
// 1. plan each lead on the cached catalog (explanations off: the plan only finds the rows to lock),
//    or, once warm, use the union of the rows recent decisions needed (lock-prediction.ts);
// 2. BEGIN; lock the plans' weighted pools, then their reps (each in id order), plus the reps that
//    count each lead now (the decision releases them);
// 3. decide again on the locked rows (explanations on); a lead whose fresh decision reads rows
//    outside the lock set (configuration changed) is retried with the union;
// 4. write decisions, state changes and read models in one statement; COMMIT.
// Concurrent calls in one worker are decided as a batch in one transaction, one after another on
// the locked rows (exactly what serialized transactions would do), so lock hold time is shared
// instead of paid per lead; other workers' batches serialize on the same row locks.
// Idempotent by eventKey: a retry returns the stored decision and applies nothing twice.
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager } from '@mikro-orm/postgresql';
import { poolFromRows, REP_COLUMNS, repFromRow, type RepRecord } from '../db/assignment/rows.js';
import { lit, pgArray, pgCode, rows, run } from '../db/assignment/sql.js';
import type { Decision, PoolState, Rep, StateChange } from '../rules/assignment/index.js';
import { applyStateChanges, emptyPoolState, lockSetCovers, releasedChange } from '../rules/assignment/index.js';
import type { AssignmentContext } from './assignment-context.js';
import type { AssignLeadInput, AssignLeadResult } from './assignment-types.js';
import { DuplicateDecision, writeDecisions, type DecidedLead } from './assignment-writes.js';
import { describeUnavailable } from '../db/assignment/explain.js';
import {
  batchContext, decideFor, preRead, resultOf, routingFor, sortedUnion, validateInput,
  type BatchContext, type Pending, type Prepared,
} from './assign-prepare.js';

export function assignLead(ctx: AssignmentContext, input: AssignLeadInput): Promise<AssignLeadResult> {
  validateInput(input);
  return new Promise((resolve, reject) => {
    const pending: Pending = { input, resolve, reject, attempts: 0, extraReps: [], extraPools: [] };
    if (ctx.lane) ctx.lane.submit(pending);
    else void decideBatch(ctx, [pending]).catch(reject);
  });
}

/** Decides a batch; settles every pending (resolve or reject), including retried ones. */
export async function decideBatch(ctx: AssignmentContext, batch: Pending[]): Promise<void> {
  try {
    const again = await attempt(ctx, batch);
    for (const p of again) p.attempts++;
    const exhausted = again.filter((p) => p.attempts >= ctx.maxLockRetries);
    exhausted.forEach((p) => p.reject(new Error(`assignLead ${p.input.leadId}: gave up after ${p.attempts} attempts (lock set kept changing)`)));
    const retry = again.filter((p) => p.attempts < ctx.maxLockRetries);
    if (retry.length === 0) return;
    // A batch that met an existing decision is retried one by one (each finds its stored decision or decides).
    if (retry.some((p) => p.attempts > 1) || retry.length === 1) {
      for (const p of retry) await decideBatch(ctx, [p]);
    } else {
      await decideBatch(ctx, retry);
    }
  } catch (err) {
    batch.forEach((p) => p.reject(err));
  }
}

/** One pass over the batch; returns the pendings to try again. */
async function attempt(ctx: AssignmentContext, batch: Pending[]): Promise<Pending[]> {
  const em = ctx.orm.em.fork();
  const pre = await preRead(em, batch.map((p) => p.input));
  const catalog = await ctx.catalog.get(em, pre.revision);
  const items: Prepared[] = [];
  const later: Pending[] = [];
  const seen = new Set<string>();
  const stored: Promise<void>[] = [];
  batch.forEach((pending, i) => {
    const r = pre.items[i];
    if (r?.stored) {
      const s = r.stored;
      stored.push(ctx.webhooks.announce(s.decisionId, s.routingVersion).then(() => pending.resolve(s.result)));
      return;
    }
    if (!r?.lead) {
      pending.reject(ApplicationFailure.nonRetryable(`lead ${pending.input.leadId} does not exist`, 'LeadNotFound'));
      return;
    }
    // One decision per lead per transaction (a lead's workflow asks one at a time anyway).
    if (seen.has(pending.input.leadId)) {
      later.push(pending);
      return;
    }
    seen.add(pending.input.leadId);
    const specific = pending.input.specificRepId;
    items.push({ pending, lead: r.lead, holders: r.holders, routing: routingFor(catalog.routing, pending.input), exclude: specific ? [] : pending.input.excludeRepIds });
  });
  await Promise.all(stored);
  if (items.length === 0) return later;

  const b = await batchContext(ctx, em, catalog, items);
  const cachedReps = [...catalog.reps.values()].map((r) => r.rep);
  const cachedPools = [...catalog.pools.values()];
  const key = `${catalog.revision}/${catalog.routing.version}`;
  const predicted = ctx.lockPrediction.predict(key);
  let lockReps: string[] = predicted?.repIds ?? [];
  let lockPools: string[] = predicted?.poolIds ?? [];
  for (const p of items) {
    if (!predicted || p.pending.input.specificRepId || p.pending.input.specificTeamId) {
      const plan = decideFor(b, p, cachedReps, cachedPools, ctx.clock().toISOString(), false);
      lockReps = [...lockReps, ...plan.lockSet.repIds];
      lockPools = [...lockPools, ...plan.lockSet.poolIds];
    }
    lockReps = [...lockReps, ...p.holders, ...p.pending.extraReps];
    lockPools = [...lockPools, ...p.pending.extraPools];
  }
  lockReps = sortedUnion(lockReps, []);
  lockPools = sortedUnion(lockPools, []);
  await ensurePools(ctx, em, lockPools);

  let outcome: Awaited<ReturnType<typeof decideLocked>>;
  try {
    outcome = await em.transactional((tx) => decideLocked(ctx, tx, b, items, lockReps, lockPools, key));
  } catch (err) {
    // Someone decided one of these events meanwhile (retry race), or a deadlock: try again.
    if (err instanceof DuplicateDecision || pgCode(err) === '40P01' || pgCode(err) === '40001') return [...items.map((p) => p.pending), ...later];
    throw err;
  }
  ctx.catalog.remember(outcome.reps, outcome.pools);
  await Promise.all(outcome.decided.map(async (d) => {
    await ctx.webhooks.announce(d.decisionId, d.decision.routingVersion);
    d.pending.resolve(d.result);
  }));
  return [...outcome.kicked, ...later];
}

async function decideLocked(ctx: AssignmentContext, tx: EntityManager, b: BatchContext, items: readonly Prepared[], lockReps: string[], lockPools: string[], key: string) {
  const poolsBefore = await lockPoolRows(tx, lockPools);
  const repRows = lockReps.length > 0 ? await rows(tx, `select ${REP_COLUMNS} from rep where id = any(${lit(pgArray(lockReps))}::uuid[]) order by id for update`) : [];
  const records = new Map<string, RepRecord>(b.catalog.reps);
  const repsBefore = new Map<string, Rep>();
  for (const row of repRows) {
    const rec = repFromRow(row, b.catalog.reps.get(String(row.id))?.rep.teamIds ?? []);
    records.set(rec.rep.id, rec);
    repsBefore.set(rec.rep.id, rec.rep);
  }
  let state = { reps: [...records.values()].map((r) => r.rep), pools: [...b.catalog.pools.values()].filter((p) => !poolsBefore.has(p.poolId)).concat([...poolsBefore.values()]) };
  const decided: (DecidedLead & { pending: Pending })[] = [];
  const kicked: Pending[] = [];
  const lockSet = { repIds: lockReps, poolIds: lockPools };

  for (const p of items) {
    // Reps who count this lead now give it up in this decision (they may win it again).
    const holders = p.holders.filter((h) => repsBefore.has(h));
    const current = new Map(state.reps.map((r) => [r.id, r]));
    const releases: StateChange[] = holders.map((h) => releasedChange(current.get(h)!));
    const released = applyStateChanges(state, releases);
    const fresh = describeUnavailable(decideFor(b, p, released.reps, released.pools, ctx.clock().toISOString(), true), records);
    if (!p.pending.input.specificRepId && !p.pending.input.specificTeamId) ctx.lockPrediction.learn(key, fresh.lockSet);
    if (!lockSetCovers(lockSet, fresh)) {
      p.pending.extraReps = sortedUnion(p.pending.extraReps, fresh.lockSet.repIds);
      p.pending.extraPools = sortedUnion(p.pending.extraPools, fresh.lockSet.poolIds);
      kicked.push(p.pending);
      continue;
    }
    const decision: Decision = {
      ...fresh,
      stateChanges: [...releases, ...fresh.stateChanges],
      lockSet: { repIds: sortedUnion(fresh.lockSet.repIds, holders), poolIds: fresh.lockSet.poolIds },
    };
    state = applyStateChanges(released, fresh.stateChanges);
    const result = resultOf(randomUUID(), decision);
    decided.push({
      pending: p.pending,
      decisionId: result.decisionId,
      input: p.pending.input,
      decision,
      result,
      holders,
      leadBefore: { assignmentStatus: p.lead.row.assignment_status, offeredToId: p.lead.row.offered_to_id ?? null, attempts: p.lead.row.attempts },
    });
  }
  const repsAfter = state.reps.filter((r) => repsBefore.has(r.id));
  const poolsAfter = state.pools.filter((p) => poolsBefore.has(p.poolId));
  if (decided.length > 0) await writeDecisions(tx, { leads: decided, repsBefore, repsAfter, poolsBefore, poolsAfter });
  return { decided, kicked, reps: repsAfter, pools: poolsAfter };
}

async function lockPoolRows(tx: EntityManager, poolIds: readonly string[]): Promise<Map<string, PoolState>> {
  const out = new Map<string, PoolState>();
  if (poolIds.length === 0) return out;
  const ids = lit(poolIds);
  const pools = await rows(tx, `select id, virtual_time from assignment_pool where id in (select jsonb_array_elements_text(${ids}::jsonb)) order by id for update`);
  // A separate statement, so that (read committed) it sees what the previous lock holder committed.
  const members = await rows(tx, `select pool_id, rep_id, finish_tag from assignment_pool_member where pool_id in (select jsonb_array_elements_text(${ids}::jsonb))`);
  for (const id of poolIds) {
    const row = pools.find((p) => p.id === id);
    out.set(id, row ? poolFromRows(id, row, members.filter((m) => m.pool_id === id)) : emptyPoolState(id));
  }
  return out;
}

/** Weighted pools get their row once (outside the locked section). */
async function ensurePools(ctx: AssignmentContext, em: EntityManager, poolIds: readonly string[]): Promise<void> {
  const missing = poolIds.filter((id) => !ctx.knownPools.has(id));
  if (missing.length === 0) return;
  await run(em, `insert into assignment_pool (id) select jsonb_array_elements_text(${lit(missing)}::jsonb) order by 1 on conflict do nothing`);
  missing.forEach((id) => ctx.knownPools.add(id));
}
