// Weighted round-robin pools (start-time fair queuing, see rules/assignment/distribute/weighted.ts):
// one row per pool (virtual time), one per (pool, rep) (finish tag). Locked before the reps.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const AssignmentPool = defineEntity({
  name: 'AssignmentPool',
  tableName: 'assignment_pool',
  properties: {
    id: p.string().length(200).primary(),
    virtualTime: p.bigint('number').default(0),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export type IAssignmentPool = InferEntity<typeof AssignmentPool>;

export const AssignmentPoolMember = defineEntity({
  name: 'AssignmentPoolMember',
  tableName: 'assignment_pool_member',
  properties: {
    poolId: p.string().length(200).primary(),
    repId: p.uuid().primary(),
    finishTag: p.bigint('number').default(0),
  },
});
export type IAssignmentPoolMember = InferEntity<typeof AssignmentPoolMember>;
