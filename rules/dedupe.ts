// Duplicate-lead detection at capture (the seeds' DQM customer match + Leads Deduplication
// rule): pure normalization and matching with an explanation for the audit log.
import type { DEDUPE_MATCHERS, LifecycleSettings } from './lifecycle-settings.js';

const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com',
  'aol.com', 'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.de', 'web.de', 'proton.me', 'protonmail.com',
  'yandex.ru', 'qq.com', '163.com', 'zoho.com',
]);
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'ltd', 'limited', 'llc', 'llp', 'plc', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag',
  'sa', 'sas', 'sarl', 'bv', 'nv', 'oy', 'ab', 'as', 'srl', 'spa', 'kg', 'pty', 'pvt', 'the',
]);

export function normalizeEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  return e && e.includes('@') ? e : null;
}

/** "ACME, Inc." and "Acme Incorporated" -> "acme". */
export function normalizeCompany(name: string | null | undefined): string | null {
  if (!name) return null;
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w && !LEGAL_SUFFIXES.has(w));
  return words.length ? words.join(' ') : null;
}

/** The e-mail's domain when it identifies a company (not a free-mail provider). */
export function corporateDomain(email: string | null | undefined): string | null {
  const normalized = normalizeEmail(email);
  const domain = normalized?.split('@')[1];
  return domain && !FREE_MAIL.has(domain) ? domain : null;
}

export interface DedupeKeys {
  /** Normalized contact e-mail. */
  contactKey: string | null;
  /** Normalized company name, else the corporate e-mail domain ("domain:example.com"). */
  accountKey: string | null;
  /** Lower-cased product (or product category) of interest. */
  productKey: string | null;
}

export function dedupeKeys(lead: { email?: string | null; companyName?: string | null; product?: string | null; productCategory?: string | null }): DedupeKeys {
  const company = normalizeCompany(lead.companyName);
  const domain = corporateDomain(lead.email);
  const product = (lead.product ?? lead.productCategory)?.trim().toLowerCase();
  return {
    contactKey: normalizeEmail(lead.email),
    accountKey: company ?? (domain ? `domain:${domain}` : null),
    productKey: product || null,
  };
}

export interface OpenLeadCandidate extends DedupeKeys {
  id: string;
  createdAt: string;
}

export interface DuplicateMatch {
  duplicateOf: string;
  matchedOn: (typeof DEDUPE_MATCHERS)[number];
  explanation: string;
}

/** The oldest open lead the new one duplicates under the configured rule, with the reason; or null. */
export function findDuplicate(lead: DedupeKeys, openLeads: OpenLeadCandidate[], rule: LifecycleSettings['dedupe']): DuplicateMatch | null {
  if (!rule.enabled) return null;
  const byAge = [...openLeads].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const matcher of rule.matchOn) {
    for (const other of byAge) {
      if (matcher === 'contact_email' && lead.contactKey && other.contactKey === lead.contactKey) {
        return { duplicateOf: other.id, matchedOn: matcher, explanation: `same contact e-mail ${lead.contactKey} as open lead ${other.id}` };
      }
      if (matcher === 'account_and_product' && lead.accountKey && lead.productKey && other.accountKey === lead.accountKey && other.productKey === lead.productKey) {
        return {
          duplicateOf: other.id,
          matchedOn: matcher,
          explanation: `same account (${lead.accountKey}) and product interest (${lead.productKey}) as open lead ${other.id}`,
        };
      }
    }
  }
  return null;
}
