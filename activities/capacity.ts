// Capacity bookkeeping outside routing decisions. releaseLead: a rep stops counting a lead
// (rejected, timed out, reassigned away, converted, retired): -1 exactly once, then queued leads
// that this rep could now take are signalled (oldest first, bounded). recordManualAssignment: a
// claim or manual reassignment counts the lead for the rep (+1) and puts the rep at the back of
// the round-robin line. Both lock rep rows before reservation rows (the order assignLead uses),
// and are idempotent by eventKey (the first result is stored and returned again).
import type { EntityManager } from '@mikro-orm/postgresql';
import { pickQueuedLeads } from '../db/assignment/queue.js';
import { json, num, pgArray, rows, run } from '../db/assignment/sql.js';
import { capacityFreedSignal, leadWorkflowId } from '../workflows/messages.js';
import type { AssignmentContext } from './assignment-context.js';
import type { RecordManualAssignmentInput, ReleaseLeadInput, ReleaseLeadResult } from './assignment-types.js';

class Duplicate extends Error {}

async function storedResult<T>(em: EntityManager, eventKey: string): Promise<T | undefined> {
  const [row] = await rows(em, 'select result from rep_load_event where event_key = ?', [eventKey]);
  return row ? (row.result as T) : undefined;
}

async function recordEvent(em: EntityManager, e: { eventKey: string; kind: string; leadId: string; repId: string; applied: boolean; result: unknown }): Promise<void> {
  const inserted = await rows(
    em,
    `insert into rep_load_event (event_key, kind, lead_id, rep_id, applied, result) values (?, ?, ?, ?, ?, ?::jsonb)
     on conflict (event_key) do nothing returning event_key`,
    [e.eventKey, e.kind, e.leadId, e.repId, e.applied, json(e.result)],
  );
  if (inserted.length === 0) throw new Duplicate();
}

export async function releaseLead(ctx: AssignmentContext, input: ReleaseLeadInput): Promise<ReleaseLeadResult> {
  const em = ctx.orm.em.fork();
  let stored = await storedResult<{ released: boolean; picked: string[] }>(em, input.eventKey);
  if (!stored) {
    try {
      stored = await em.transactional(async (tx) => {
        const [rep] = await rows(tx, 'select id, capacity, open_lead_count, active, available from rep where id = ? for update', [input.repId]);
        const deleted = rep ? await rows(tx, 'delete from rep_open_lead where lead_id = ? and rep_id = ? returning rep_id', [input.leadId, input.repId]) : [];
        const released = deleted.length > 0;
        let picked: string[] = [];
        if (rep && released) {
          const [after] = await rows(tx, 'update rep set open_lead_count = greatest(open_lead_count - 1, 0) where id = ? returning open_lead_count', [input.repId]);
          const open = num(after?.open_lead_count);
          const room = rep.capacity === null ? Number.POSITIVE_INFINITY : num(rep.capacity) - open;
          if (rep.active === true && rep.available === true && room > 0) picked = await pickQueuedLeads(tx, input.repId, Math.min(ctx.capacityFreedBatch, room), input.leadId);
        }
        const result = { released, picked };
        await recordEvent(tx, { eventKey: input.eventKey, kind: 'released', leadId: input.leadId, repId: input.repId, applied: released, result });
        return result;
      });
    } catch (err) {
      if (!(err instanceof Duplicate)) throw err;
      stored = await storedResult(em, input.eventKey);
    }
  }
  const signalledLeadIds = await signalCapacityFreed(ctx, stored?.picked ?? []);
  return { released: stored?.released ?? false, signalledLeadIds };
}

/** Signals each queued lead's workflow (after commit); returns the ids whose workflow got it. */
export async function signalCapacityFreed(ctx: Pick<AssignmentContext, 'temporal' | 'logger'>, leadIds: readonly string[]): Promise<string[]> {
  const ok: string[] = [];
  for (const leadId of leadIds) {
    try {
      await ctx.temporal.workflow.getHandle(leadWorkflowId(leadId)).signal(capacityFreedSignal);
      ok.push(leadId);
    } catch (err) {
      ctx.logger.warn({ err, leadId }, 'capacityFreed signal not delivered');
    }
  }
  return ok;
}

export async function recordManualAssignment(ctx: AssignmentContext, input: RecordManualAssignmentInput): Promise<{ assigned: boolean }> {
  const em = ctx.orm.em.fork();
  const stored = await storedResult<{ assigned: boolean }>(em, input.eventKey);
  if (stored) return stored;
  const holders = (await rows(em, 'select rep_id from rep_open_lead where lead_id = ?', [input.leadId])).map((r) => String(r.rep_id));
  const lock = [...new Set([...holders, input.repId])].sort();
  try {
    return await em.transactional(async (tx) => {
      const locked = await rows(tx, 'select id from rep where id = any(?::uuid[]) order by id for update', [pgArray(lock)]);
      const assigned = locked.some((r) => r.id === input.repId);
      if (assigned) {
        const inserted = await rows(tx, 'insert into rep_open_lead (lead_id, rep_id, origin) values (?, ?, ?) on conflict do nothing returning rep_id', [input.leadId, input.repId, input.reason]);
        if (inserted.length > 0) {
          // Back of the round-robin line, like a routed assignment (Lamport sequence above everyone's).
          await run(
            tx,
            `update rep set open_lead_count = open_lead_count + 1,
               last_assigned_at = greatest(?::timestamptz, (select max(last_assigned_at) from rep)),
               last_assigned_seq = 1 + (select coalesce(max(last_assigned_seq), 0) from rep) where id = ?`,
            [ctx.clock().toISOString(), input.repId],
          );
        }
        // Whoever counted the lead before gives it up (only locked holders).
        const lockedIds = new Set(locked.map((r) => String(r.id)));
        const others = holders.filter((h) => h !== input.repId && lockedIds.has(h));
        if (others.length > 0) {
          const gone = await rows(tx, 'delete from rep_open_lead where lead_id = ? and rep_id = any(?::uuid[]) returning rep_id', [input.leadId, pgArray(others)]);
          if (gone.length > 0) await run(tx, 'update rep set open_lead_count = greatest(open_lead_count - 1, 0) where id = any(?::uuid[])', [pgArray(gone.map((g) => String(g.rep_id)))]);
        }
        await recordLeadOwner(tx, input.leadId, input.repId);
      }
      const result = { assigned };
      await recordEvent(tx, { eventKey: input.eventKey, kind: 'manual', leadId: input.leadId, repId: input.repId, applied: assigned, result });
      return result;
    });
  } catch (err) {
    if (!(err instanceof Duplicate)) throw err;
    return (await storedResult<{ assigned: boolean }>(em, input.eventKey)) ?? { assigned: false };
  }
}

/**
 * The rep in the lead's owner history. Call in the transaction that makes a rep the owner (accept,
 * claim, manual reassignment); previous-owner routing reads it. Access is not granted here: the
 * owner's comes from the lead row, and ends when the ownership does.
 */
export async function recordLeadOwner(em: EntityManager, leadId: string, repId: string): Promise<void> {
  await run(
    em,
    `insert into lead_owner_history (lead_id, rep_id, owned_at) values (?, ?, now())
     on conflict (lead_id, rep_id) do update set owned_at = now()`,
    [leadId, repId],
  );
}
