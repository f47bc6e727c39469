// Lifecycle settings an admin can change (GET/PUT/PATCH /settings/lifecycle). Defaults follow the
// seeds: offers expire after 30 minutes, leads stale after 30 days; a stale lead of rank A or B is
// escalated once — to the telemarketing team when one is configured, else to the hopper where
// anyone may claim it (its holder's managers are told) — and any other stale lead is retired
// with reason "No activity" (so is an escalated lead that goes stale again).
import { z } from 'zod';
import { LIFECYCLE_DEFAULTS as D } from './lifecycle-defaults.js';

export const DEDUPE_MATCHERS = ['contact_email', 'name_and_company', 'account_and_product'] as const;

// Each field once: its type and bounds, its default, what it means (the OpenAPI document shows it).
const F = {
  offerTimeoutMinutes: [z.number().int().min(1).max(7 * 24 * 60), D.offerTimeoutMinutes,
    'How long the offered rep has to accept before the lead goes to the next candidate (offer SLA; default 30). Applies to the next offer.'],
  maxOfferAttempts: [z.number().int().min(1).max(50), D.maxOfferAttempts,
    'Offers (timed out or rejected) in one routing round before the lead goes to the hopper (default 3).'],
  staleAfterDays: [z.number().int().min(1).max(3650), D.staleAfterDays,
    'Days without activity before the stale rule acts (default 30). A change reaches every open lead within minutes (a sweep signals the leads now past it); raising it never retires a lead early.'],
  escalateRanks: [z.array(z.string().trim().min(1).max(40)).max(20), [...D.escalateRanks],
    'Ranks whose stale leads are escalated once instead of retired (default A, B). Empty: every stale lead is retired.'],
  telemarketingTeamId: [z.uuid().nullable(), D.telemarketingTeamId,
    'The team stale leads of an escalation rank are routed to (round robin among its members with room). Null (a fresh install): they go to the hopper, claimable by anyone, and the managers of the rep who held them are told. Must name an existing team.'],
} as const;
const DEDUPE = {
  enabled: [z.boolean(), D.dedupe.enabled, 'Look for an open lead this capture duplicates (default true).'],
  matchOn: [z.array(z.enum(DEDUPE_MATCHERS)).min(1), [...D.dedupe.matchOn],
    'What makes a new lead a duplicate of an open one, tried in order: `contact_email` = the same e-mail address; '
      + '`name_and_company` = the same person (first + last name, accents and case folded) at the same company (legal suffixes ignored); '
      + '`account_and_product` = any open lead of the same account (matched by company e-mail domain or name; never by a free-mail or '
      + 'reserved domain such as gmail.com or example.com) with the same product interest — off by default: two people at one company '
      + 'asking about one product are two leads for most teams. Default: contact_email, name_and_company (what CRM matching rules do).'],
  windowDays: [z.number().int().min(1).max(3650), D.dedupe.windowDays, 'Only open leads captured within this many days are candidates (default 90).'],
} as const;
const DEDUPE_DESCRIPTION = 'Duplicate-lead detection at capture (seeds: DQM + Leads Deduplication rule). A duplicate capture is stored, retired as "Duplicate lead", linked to the open lead, and answered with `outcome: "duplicate"`.';

type Spec = readonly [z.ZodType, unknown, string];
const withDefaults = <T extends Record<string, Spec>>(spec: T) =>
  Object.fromEntries(Object.entries(spec).map(([k, [t, d, text]]) => [k, (t as z.ZodType).default(d as never).describe(text)])) as { [K in keyof T]: z.ZodDefault<T[K][0]> };
const optional = <T extends Record<string, Spec>>(spec: T) =>
  Object.fromEntries(Object.entries(spec).map(([k, [t, , text]]) => [k, (t as z.ZodType).optional().describe(text)])) as { [K in keyof T]: z.ZodOptional<T[K][0]> };

export const lifecycleSettingsSchema = z.strictObject({
  ...withDefaults(F),
  dedupe: z.strictObject(withDefaults(DEDUPE)).describe(DEDUPE_DESCRIPTION).prefault({}),
});
export type LifecycleSettings = z.output<typeof lifecycleSettingsSchema>;

/** PATCH: only the fields to change (a nested `dedupe` merges too); nothing else changes. */
export const lifecycleSettingsPatchSchema = z.strictObject({
  ...optional(F),
  dedupe: z.strictObject(optional(DEDUPE)).describe(DEDUPE_DESCRIPTION).optional(),
});
