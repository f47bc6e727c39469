// Sales accounts for account-based routing: owner, account team, and the account hierarchy.
import { z } from 'zod';
import { idSchema } from './common.js';

export const accountSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  ownerRepId: idSchema.nullable().default(null),
  /** Account team (sales executive, senior account executive, account director...); the step's strategy picks among them. */
  teamRepIds: z.array(idSchema).default([]),
  parentAccountId: idSchema.nullable().default(null),
});
export type Account = z.output<typeof accountSchema>;
export type AccountInput = z.input<typeof accountSchema>;
