// Per-pool state for weighted distribution (start-time fair queuing): the pool's virtual time and
// each member's finish tag. One row per pool plus one per (pool, rep); locked with the reps.
import { z } from 'zod';
import { idSchema } from './common.js';

export const poolStateSchema = z.object({
  poolId: idSchema,
  /** Start tag of the last lead handed out in this pool. */
  virtualTime: z.number().int().min(0).default(0),
  /** Finish tag per rep id; a missing rep starts at the pool's virtual time. */
  finishTags: z.record(idSchema, z.number().int().min(0)).default({}),
});
export type PoolState = z.output<typeof poolStateSchema>;

export const emptyPoolState = (poolId: string): PoolState => ({ poolId, virtualTime: 0, finishTags: {} });
