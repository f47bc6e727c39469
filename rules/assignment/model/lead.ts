// The lead as routing sees it: its attributes (plus derived values) and its assignment history.
import { z } from 'zod';
import { leadAttributesSchema } from '../../lead-attributes.js';
import { idSchema } from './common.js';

export const assignmentLeadSchema = z.object({
  id: idSchema,
  attributes: leadAttributesSchema.extend({
    score: z.number().optional(),
    rank: z.string().optional(),
    qualified: z.boolean().optional(),
  }),
  /** Matched sales account (dedupe step), if any: drives account-based routing and customer type. */
  accountId: idSchema.optional(),
  /** Owners this lead had, most recent first (previous-owner routing). */
  previousOwnerIds: z.array(idSchema).default([]),
});
export type AssignmentLead = z.output<typeof assignmentLeadSchema>;
export type AssignmentLeadInput = z.input<typeof assignmentLeadSchema>;

/** Read a lead attribute by catalog name or `custom.<key>`; undefined when absent. */
export function leadValue(lead: AssignmentLead, name: string): string | number | boolean | undefined {
  if (name === 'accountId') return lead.accountId;
  if (name.startsWith('custom.')) {
    const v = lead.attributes.custom?.[name.slice('custom.'.length)];
    return v === null ? undefined : v;
  }
  const v = (lead.attributes as Record<string, unknown>)[name];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}
