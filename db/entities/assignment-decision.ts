// Every routing decision, stored whole (steps tried, candidates, exclusions with reasons, strategy,
// winner, state changes): GET /leads/:id/routing. `eventKey` makes assignLead idempotent.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Decision } from '../../rules/assignment/index.js';

export const AssignmentDecision = defineEntity({
  name: 'AssignmentDecision',
  tableName: 'assignment_decision',
  properties: {
    id: p.uuid().primary(),
    leadId: p.uuid(),
    eventKey: p.string().length(200).unique('assignment_decision_event_key_unique'),
    reason: p.string().length(30),
    attempt: p.integer(),
    actor: p.string().length(200),
    routingId: p.string().length(200),
    routingVersion: p.integer(),
    /** offered | queued | hopper | default_queue */
    outcome: p.string().length(20),
    winnerRepId: p.uuid().nullable(),
    queueId: p.string().length(200).nullable(),
    retryAt: p.datetime().nullable(),
    summary: p.text(),
    /** json, not jsonb: a write-once document read whole (cheaper to store; outcome and winner have columns). */
    decision: p.json<Decision>().columnType('json'),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'assignment_decision_lead_idx', properties: ['leadId', 'createdAt'] }],
});
export type IAssignmentDecision = InferEntity<typeof AssignmentDecision>;
