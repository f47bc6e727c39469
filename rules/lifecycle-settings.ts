// Lifecycle settings an admin can change (GET/PUT /settings/lifecycle). Defaults follow the seeds:
// offers expire after 30 minutes, leads stale after 30 days; rank A/B stale leads are escalated
// to a telemarketing team once, others retired with reason "No activity".
import { z } from 'zod';
import { LIFECYCLE_DEFAULTS as D } from './lifecycle-defaults.js';

export const DEDUPE_MATCHERS = ['contact_email', 'account_and_product'] as const;

export const lifecycleSettingsSchema = z.strictObject({
  /** How long the offered rep has to accept before the lead goes to the next candidate. */
  offerTimeoutMinutes: z.number().int().min(1).max(7 * 24 * 60).default(D.offerTimeoutMinutes),
  /** Offers (timeouts + rejections) in one round before the lead goes to the hopper. */
  maxOfferAttempts: z.number().int().min(1).max(50).default(D.maxOfferAttempts),
  /** Days without activity before the stale rule acts. */
  staleAfterDays: z.number().int().min(1).max(3650).default(D.staleAfterDays),
  /** Ranks that are escalated (once) instead of retired when stale. */
  escalateRanks: z.array(z.string().trim().min(1).max(40)).max(20).default([...D.escalateRanks]),
  /** The telemarketing team stale A/B leads are escalated to; null: retire them too. */
  telemarketingTeamId: z.uuid().nullable().default(D.telemarketingTeamId),
  /** Duplicate-lead detection at capture (seeds: DQM + Leads Deduplication rule). */
  dedupe: z
    .strictObject({
      enabled: z.boolean().default(D.dedupe.enabled),
      /** A new lead duplicates an open lead with the same contact e-mail, or the same account and product interest. */
      matchOn: z.array(z.enum(DEDUPE_MATCHERS)).min(1).default([...D.dedupe.matchOn]),
      /** Only open leads captured within this many days are candidates. */
      windowDays: z.number().int().min(1).max(3650).default(D.dedupe.windowDays),
    })
    .prefault({}),
});
export type LifecycleSettings = z.output<typeof lifecycleSettingsSchema>;
