// Bulk reassignment of a rep's open leads (offboarding): progress written by the offboarding
// workflow's activities, read by GET /reps/:id/offboard and /offboardings/:id.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Offboarding = defineEntity({
  name: 'Offboarding',
  tableName: 'offboarding',
  properties: {
    id: p.uuid().primary(),
    repId: p.uuid(),
    workflowId: p.string().length(200),
    /** Running | Completed | Completed with error */
    status: p.string().length(30).default('Running'),
    deactivate: p.boolean().default(false),
    total: p.integer().default(0),
    processed: p.integer().default(0),
    reassigned: p.integer().default(0),
    failed: p.integer().default(0),
    lastLeadId: p.uuid().nullable(),
    errors: p.json<{ leadId: string; error: string }[]>().default('[]'),
    requestedBy: p.string().length(200),
    startedAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    finishedAt: p.datetime().nullable(),
  },
  indexes: [{ name: 'offboarding_rep_idx', properties: ['repId', 'startedAt'] }],
});
export type IOffboarding = InferEntity<typeof Offboarding>;
