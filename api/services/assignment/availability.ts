// A rep's availability: the away/back toggle and out-of-office periods. Coming back (toggle on,
// or ending the current out-of-office early) applies rejoinAfterLeave in the same transaction,
// with the rep's weighted pools and then the rep and its peers locked (pools, then reps, in id
// order, as assignLead locks): a ramp load and leveled finish tags, so no flood of catch-up
// leads. Afterwards, queued leads the rep could take are signalled.
import type { z } from 'zod';
import type { Client } from '@temporalio/client';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { poolFromRows, REP_COLUMNS, repFromRow } from '../../../db/assignment/rows.js';
import { json, lit, num, pgArray, rows, run, type Row } from '../../../db/assignment/sql.js';
import type { OutOfOffice, StateChange } from '../../../rules/assignment/index.js';
import { rejoinAfterLeave } from '../../../rules/assignment/index.js';
import type { Logger } from '../../../platform/logger.js';
import { notFound } from '../../http/problem.js';
import type { availabilityBody } from '../../schemas/assignment.js';
import { configTx } from './config-tx.js';
import { signalQueuedLeadsFor } from './queue-signals.js';
import { findRep, type RepDto } from './reps.js';

export type AvailabilityBody = z.output<typeof availabilityBody>;

export async function setAvailability(
  deps: { orm: MikroORM; temporal: Client; logger: Logger }, repId: string, body: AvailabilityBody, now: Date = new Date(),
): Promise<{ rep: RepDto; rejoined: boolean; stateChanges: StateChange[]; signalledLeadIds: string[] }> {
  const nowIso = now.toISOString();
  const result = await configTx(deps.orm, async (em) => {
    const rep = await findRep(em, repId);
    if (!rep) throw notFound('rep', repId);
    let available = rep.available;
    let ooo: OutOfOffice[] = [...rep.outOfOffice];
    let returning = false;
    if (body.available === false && rep.available) available = false;
    if (body.available === true && !rep.available) { available = true; returning = true; }
    if (body.outOfOffice) ooo.push(body.outOfOffice);
    if (body.endOutOfOffice) {
      const t = now.getTime();
      const covering = ooo.filter((p) => Date.parse(p.start) <= t && t < Date.parse(p.end));
      if (covering.length > 0) returning = available;
      ooo = ooo.map((p) => (covering.includes(p) ? { ...p, end: nowIso } : p)).filter((p) => Date.parse(p.end) > Date.parse(p.start));
    }
    // Past periods are history: keep the last 20.
    ooo = ooo.sort((a, b) => a.start.localeCompare(b.start)).slice(-20);
    // Lock order as in assignLead (pools, then reps) before this transaction writes the rep row.
    const locked = returning ? await lockForRejoin(em, repId) : undefined;
    await run(em, `update rep set available = ?, available_changed_at = case when available <> ? then now() else available_changed_at end,
      out_of_office = ?::jsonb, updated_at = now() where id = ?`, [available, available, json(ooo), repId]);
    const stateChanges = locked ? await rejoin(em, repId, locked, nowIso) : [];
    return { rep: (await findRep(em, repId))!, rejoined: returning, stateChanges };
  });
  const signalledLeadIds = await signalQueuedLeadsFor(deps, result.rep);
  return { ...result, signalledLeadIds };
}

interface Locked { pools: Row[]; reps: Row[] }

/** Locks the rep's weighted pools, then the rep and its peers (reps sharing a team, territory or pool). */
async function lockForRejoin(em: EntityManager, repId: string): Promise<Locked> {
  const poolIds = (await rows(em, 'select distinct pool_id from assignment_pool_member where rep_id = ? order by pool_id', [repId])).map((r) => String(r.pool_id));
  let peerIds = (await rows(em, `select distinct rep_id from (
      select m.rep_id from team_member m where m.team_id in (select team_id from team_member where rep_id = ?)
      union select m.rep_id from territory_member m where m.territory_id in (select territory_id from territory_member where rep_id = ?)
      union select p.rep_id from assignment_pool_member p where p.pool_id in (select pool_id from assignment_pool_member where rep_id = ?)) x`,
    [repId, repId, repId])).map((r) => String(r.rep_id));
  if (peerIds.length <= 1) peerIds = (await rows(em, 'select id from rep where active')).map((r) => String(r.id));
  const lockIds = [...new Set([...peerIds, repId])].sort();
  const pools = poolIds.length === 0 ? [] : await rows(em, `select id, virtual_time from assignment_pool where id in (select jsonb_array_elements_text(${lit(poolIds)}::jsonb))
      order by id for update`);
  // Members in a separate statement after the lock (read committed: sees the last holder's writes).
  const members = poolIds.length === 0 ? [] : await rows(em, `select pool_id, rep_id, finish_tag from assignment_pool_member where pool_id in (select jsonb_array_elements_text(${lit(poolIds)}::jsonb))`);
  for (const p of pools) p.members = members.filter((m) => m.pool_id === p.id);
  const reps = await rows(em, `select ${REP_COLUMNS} from rep where id = any(?::uuid[]) order by id for update`, [pgArray(lockIds)]);
  return { pools, reps };
}

/** Ramp load and leveled finish tags for a returning rep, on the locked rows. */
async function rejoin(em: EntityManager, repId: string, locked: Locked, now: string): Promise<StateChange[]> {
  const reps = locked.reps.map((r) => repFromRow(r, []));
  const pools = locked.pools;
  const me = reps.find((r) => r.rep.id === repId);
  if (!me) return [];
  const changes = rejoinAfterLeave({
    rep: { ...me.rep, active: true },
    peers: reps.filter((r) => r.rep.id !== repId).map((r) => r.rep),
    pools: pools.map((p) => poolFromRows(String(p.id), p, p.members as never)),
    now,
  });
  for (const c of changes) {
    if (c.kind === 'rep_rejoined') {
      await run(em, 'update rep set ramp_load = ?::jsonb, returned_from_leave_at = ?::timestamptz where id = ?', [c.rampLoad.to === null ? null : json(c.rampLoad.to), c.returnedFromLeaveAt, c.repId]);
    } else if (c.kind === 'pool_member_leveled') {
      await run(em, `insert into assignment_pool_member (pool_id, rep_id, finish_tag) values (?, ?, ?)
        on conflict (pool_id, rep_id) do update set finish_tag = excluded.finish_tag`, [c.poolId, c.repId, num(c.finishTag.to)]);
    }
  }
  return changes;
}
