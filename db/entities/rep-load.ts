// Capacity bookkeeping. `rep_open_lead` holds one row per lead a rep counts (offered or owned):
// rep.open_lead_count is its row count, kept in step under the rep's row lock, so a lead is
// counted at most once per rep and released at most once. `rep_load_event` records each
// release / manual assignment by event key, so retried activities return the first result.
// `assignment_queue_entry`: leads waiting for capacity of these candidates (oldest first).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const RepOpenLead = defineEntity({
  name: 'RepOpenLead',
  tableName: 'rep_open_lead',
  properties: {
    leadId: p.uuid().primary(),
    repId: p.uuid().primary(),
    /** offer | claim | reassign */
    origin: p.string().length(10),
    since: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'rep_open_lead_rep_idx', properties: ['repId'] }],
});
export type IRepOpenLead = InferEntity<typeof RepOpenLead>;

export const RepLoadEvent = defineEntity({
  name: 'RepLoadEvent',
  tableName: 'rep_load_event',
  properties: {
    eventKey: p.string().length(200).primary(),
    /** released | manual */
    kind: p.string().length(10),
    leadId: p.uuid(),
    repId: p.uuid(),
    applied: p.boolean(),
    result: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().defaultRaw('now()'),
  },
});
export type IRepLoadEvent = InferEntity<typeof RepLoadEvent>;

export const AssignmentQueueEntry = defineEntity({
  name: 'AssignmentQueueEntry',
  tableName: 'assignment_queue_entry',
  properties: {
    leadId: p.uuid().primary(),
    queueId: p.string().length(200),
    candidateRepIds: p.json<string[]>(),
    queuedAt: p.datetime().defaultRaw('now()'),
    retryAt: p.datetime().nullable(),
    /** Last capacityFreed signal sent for this lead (not signalled again for a while). */
    signalledAt: p.datetime().nullable(),
    decisionId: p.uuid(),
  },
  indexes: [
    { name: 'assignment_queue_entry_queued_idx', properties: ['queuedAt'] },
    { name: 'assignment_queue_entry_candidates_idx', expression: 'create index "assignment_queue_entry_candidates_idx" on "assignment_queue_entry" using gin ("candidate_rep_ids" jsonb_path_ops)' },
  ],
});
export type IAssignmentQueueEntry = InferEntity<typeof AssignmentQueueEntry>;
