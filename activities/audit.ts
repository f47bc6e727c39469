// Writing audit events. `eventKey` is deterministic (workflow id + the workflow's event
// sequence), so a retried activity never writes an event twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent } from '../db/entities/index.js';
import type { Actor } from '../workflows/messages.js';
import { actorLabel } from '../workflows/messages.js';

export interface AuditInput {
  eventKey: string;
  leadId: string;
  action: string;
  actor: Actor;
  reason?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  trace?: unknown;
  detail?: Record<string, unknown> | null;
  requestId?: string | null;
}

/** Inserts the event unless an event with the same key exists; returns whether it was new. */
export async function writeAuditEvent(em: EntityManager, e: AuditInput): Promise<boolean> {
  const res = await em
    .createQueryBuilder(AuditEvent)
    .insert({
      eventKey: e.eventKey,
      leadId: e.leadId,
      action: e.action,
      actor: actorLabel(e.actor),
      reason: e.reason ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      trace: e.trace ?? null,
      detail: e.detail ?? null,
      requestId: e.requestId ?? null,
    })
    .onConflict('eventKey')
    .ignore()
    .execute('run');
  return (res.affectedRows ?? 0) > 0;
}
