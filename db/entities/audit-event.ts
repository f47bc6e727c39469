// The audit log: one row per state change of a lead, with actor, reason, before/after and the
// rule trace that justified it. `eventKey` makes writes idempotent when activities retry.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    eventKey: p.string().length(200).unique('audit_event_key_unique'),
    leadId: p.uuid(),
    action: p.string().length(40),
    actor: p.string().length(200),
    reason: p.string().length(200).nullable(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
    trace: p.json<unknown>().nullable(),
    /** Facts about the change that are not before/after values (note, decision id, attempt...). */
    detail: p.json<Record<string, unknown>>().nullable(),
    requestId: p.string().length(100).nullable(),
    at: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'audit_event_lead_idx', properties: ['leadId', 'id'] }],
});
export type IAuditEvent = InferEntity<typeof AuditEvent>;
