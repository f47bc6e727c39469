import { z } from 'zod';
import { leadAttributesSchema } from '../../rules/lead-attributes.js';
import { REASSIGN_REASONS, REJECT_REASONS, USER_RETIRE_REASONS } from '../../rules/lookups.js';

const note = z.string().trim().min(1).max(2000);
/** Admins and managers may act on behalf of a rep; reps act as themselves. */
const onBehalf = { repId: z.uuid().optional() };

export const acceptBody = z.strictObject({ ...onBehalf });
export const claimBody = z.strictObject({ ...onBehalf });
export const rejectBody = z.strictObject({ ...onBehalf, reason: z.enum(REJECT_REASONS), note: note.optional() });
export const reassignBody = z.strictObject({ reason: z.enum(REASSIGN_REASONS), toRepId: z.uuid().optional(), note: note.optional() });
export const retireBody = z.strictObject({ reason: z.enum(USER_RETIRE_REASONS), note: note.optional() });
export const convertBody = z.strictObject({
  opportunity: z.strictObject({
    name: z.string().trim().min(1).max(200),
    amount: z.number().min(0).max(1e12).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    closeDate: z.iso.date().optional(),
    description: z.string().max(4000).optional(),
  }),
});
/** Attribute changes: any capture attribute; `custom` keys merge, a null value removes the key. */
export const updateAttributesBody = leadAttributesSchema.partial().refine((v) => Object.keys(v).length > 0, { message: 'send at least one attribute' });
export const noteBody = z.strictObject({ text: z.string().trim().min(1).max(10_000) });

export const historyQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(0).optional(),
});

export const auditEventSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  trace: z.unknown().nullable(),
  requestId: z.string().nullable(),
  at: z.string(),
});
export const historyResponse = z.object({ items: z.array(auditEventSchema), nextAfter: z.number().int().nullable() });

export const noteSchema = z.object({ id: z.uuid(), text: z.string(), author: z.string(), createdAt: z.string() });
export const notesResponse = z.object({ items: z.array(noteSchema) });
