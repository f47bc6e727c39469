// A sales rep as an assignment candidate: who they are, what they cover, when they work, and the
// mutable routing state (open leads, last assignment) that the caller locks and updates atomically.
import { z } from 'zod';
import { CUSTOMER_SIZES } from '../../lookups.js';
import { idSchema, instantSchema, labelListSchema } from './common.js';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** One working interval on a weekday, local wall-clock time; end after start (split overnight shifts). */
export const workingIntervalSchema = z
  .object({ day: z.enum(WEEKDAYS), start: clock, end: clock })
  .refine((w) => minutesOf(w.end) > minutesOf(w.start), { message: 'end must be after start (split overnight shifts)' });

export const workingHoursSchema = z.object({
  /** IANA time zone the weekly hours are written in, e.g. America/New_York. */
  timeZone: z.string().min(1).refine(isValidTimeZone, { message: 'unknown IANA time zone' }),
  weekly: z.array(workingIntervalSchema),
});
export type WorkingHours = z.infer<typeof workingHoursSchema>;

export const outOfOfficeSchema = z.object({
  start: instantSchema,
  /** Exclusive end. */
  end: instantSchema,
  reason: z.string().max(200).optional(),
});
export type OutOfOffice = z.infer<typeof outOfOfficeSchema>;

/**
 * Phantom open leads after leave: load balancing counts them on top of real open leads; each lead
 * the rep receives takes `reliefPerLead` of them away, so the rep catches up at 1 / (1 - relief)
 * times a fair share (2x for 0.5) instead of taking every lead until level.
 */
export const rampLoadSchema = z.object({ extraOpenLeads: z.number().min(0), reliefPerLead: z.number().min(0).max(0.95) });
export type RampLoad = z.infer<typeof rampLoadSchema>;

export const repSchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  email: z.email().max(254),
  active: z.boolean().default(true),
  teamIds: z.array(idSchema).default([]),
  /** Manager in the management chain (may change the owner of this rep's leads). */
  managerId: idSchema.nullable().default(null),
  skills: labelListSchema,
  products: labelListSchema,
  /** ISO 639-1 codes, lower case. */
  languages: labelListSchema,
  geography: z.object({ countries: labelListSchema, regions: labelListSchema }).default({ countries: [], regions: [] }),
  customerFocus: z
    .object({ types: z.array(z.enum(['new', 'existing', '*'])).default([]), sizes: z.array(z.enum([...CUSTOMER_SIZES, '*'])).default([]) })
    .default({ types: [], sizes: [] }),
  /** Maximum open leads; null = unlimited. */
  capacity: z.number().int().min(0).max(1_000_000).nullable().default(null),
  weight: z.number().positive().max(1_000_000).default(1),
  performanceScore: z.number().min(0).default(0),
  /** null = always working (no schedule kept). */
  workingHours: workingHoursSchema.nullable().default(null),
  outOfOffice: z.array(outOfOfficeSchema).default([]),
  // Mutable routing state: read under a row lock, updated only through the decision's state changes.
  openLeadCount: z.number().int().min(0).default(0),
  lastAssignedAt: instantSchema.nullable().default(null),
  /** Lamport-style tie-breaker for leads assigned at the same instant (0 = never). */
  lastAssignedSeq: z.number().int().min(0).default(0),
  returnedFromLeaveAt: instantSchema.nullable().default(null),
  /** Set by rejoinAfterLeave; cleared once worked off. */
  rampLoad: rampLoadSchema.nullable().default(null),
});
export type Rep = z.output<typeof repSchema>;
export type RepInput = z.input<typeof repSchema>;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
