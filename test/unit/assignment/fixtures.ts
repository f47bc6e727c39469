// Builders for assignment tests: schema-parsed inputs with sensible defaults.
import type { AssignmentLeadInput, RepInput, RoutingConfigInput, TerritoryInput, TeamInput, AccountInput } from '../../../rules/assignment/index.js';
import { accountSchema, assignmentLeadSchema, repSchema, routingConfigSchema, teamSchema, territorySchema } from '../../../rules/assignment/index.js';

export const rep = (input: Partial<RepInput> & { id: string }) => repSchema.parse({ name: input.id, email: `${input.id.toLowerCase()}@example.com`, ...input });
export const lead = (id: string, attributes: AssignmentLeadInput['attributes'] = {}, extra: Partial<AssignmentLeadInput> = {}) =>
  assignmentLeadSchema.parse({ id, attributes, ...extra });
export const routing = (input: Partial<RoutingConfigInput> & Pick<RoutingConfigInput, 'steps'>) => routingConfigSchema.parse({ id: 'r1', name: 'test routing', ...input });
export const territory = (input: Partial<TerritoryInput> & { id: string }) => territorySchema.parse({ name: input.id, type: 'Prime', ...input });
export const team = (input: Partial<TeamInput> & { id: string }) => teamSchema.parse({ name: input.id, ...input });
export const account = (input: Partial<AccountInput> & { id: string }) => accountSchema.parse({ name: input.id, ...input });

/** A pool of reps picked by id, for steps that should consider exactly these reps. */
export const pool = (...repIds: string[]) => ({ kind: 'rep_attributes' as const, from: { teamIds: [], repIds } });

/** Today's wall time on a fixed date (UTC), e.g. at('13:33'). */
export const at = (hhmm: string, date = '2025-06-11') => `${date}T${hhmm}:00.000Z`;

/** `n` leads at the same instant, or one minute apart. */
export const leads = (n: number, start: string, stepMs = 0) =>
  Array.from({ length: n }, (_, i) => ({ lead: lead(`L${String(i + 1).padStart(4, '0')}`), now: new Date(Date.parse(start) + i * stepMs).toISOString() }));
