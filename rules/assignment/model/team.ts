// Teams and queues. A queue is a team whose leads wait unowned until a member claims them.
import { z } from 'zod';
import { idSchema } from './common.js';

export const teamSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  kind: z.enum(['team', 'queue']).default('team'),
  memberRepIds: z.array(idSchema).default([]),
  managerRepId: idSchema.nullable().default(null),
  parentTeamId: idSchema.nullable().default(null),
});
export type Team = z.output<typeof teamSchema>;
export type TeamInput = z.input<typeof teamSchema>;
