// Matching a captured lead to its customer (the seeds' DQM: account by company e-mail domain or
// normalized name, contact by e-mail) and to an open lead it duplicates (Leads Deduplication
// rule). Pure normalization and matching, with the explanation the audit log records.
//
// Defaults follow what CRM users expect (Salesforce's standard lead matching rule): a duplicate is
// the same person — the same e-mail, or the same name at the same company — within the window.
// Accounts are never matched on a free-mail or reserved domain (gmail.com, example.com, *.test):
// two strangers there are not one customer. `account_and_product` (any open lead of the same
// account with the same product interest) stays available, off by default.
import type { DEDUPE_MATCHERS, LifecycleSettings } from './lifecycle-settings.js';

const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'sarl',
  'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'kk', 'pty', 'pte', 'sl', 'se', 'kg',
]);
const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com',
  'mail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'proton.me', 'protonmail.com', 'yandex.com', 'yandex.ru', 'qq.com', '163.com', 'zoho.com',
  'hotmail.co.uk', 'hotmail.fr', 'live.co.uk', 'yahoo.fr', 'yahoo.de', 'ymail.com', 'rocketmail.com', 'fastmail.com', 'hey.com', 'pm.me', 'tutanota.com',
  'mail.ru', 'inbox.ru', 'naver.com', '126.com', 'sina.com', 'rediffmail.com', 'libero.it', 'orange.fr', 'free.fr', 't-online.de', 'comcast.net',
  'verizon.net', 'att.net', 'btinternet.com', 'mailinator.com', 'guerrillamail.com', 'yopmail.com', 'temp-mail.org',
]);
/** Reserved for documentation and testing (RFC 2606, RFC 6761): never a real company. */
const RESERVED_DOMAINS = new Set(['example.com', 'example.net', 'example.org', 'example.edu', 'test.com', 'localhost']);
const RESERVED_TLDS = ['.example', '.test', '.invalid', '.localhost', '.local'];

/** A domain that says nothing about the company (free mail, documentation, testing). */
export function isGenericDomain(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (FREE_MAIL.has(d) || RESERVED_DOMAINS.has(d)) return true;
  if (RESERVED_TLDS.some((tld) => d.endsWith(tld))) return true;
  return [...RESERVED_DOMAINS].some((r) => d.endsWith(`.${r}`));
}

/** "ACME, Inc." and "Acme Incorporated" -> "acme"; "S.A. Foods S.A." -> "sa foods". */
export function normalizeAccountName(name: string): string {
  const words = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\./g, '').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ').slice(0, 200);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The company domain of an e-mail address; null for free-mail, reserved and malformed addresses. */
export function companyDomainOf(email: string | null | undefined): string | null {
  const m = email ? /@([^@\s]+)$/.exec(normalizeEmail(email)) : null;
  const domain = m?.[1] ?? null;
  return domain && domain.includes('.') && !isGenericDomain(domain) ? domain : null;
}

/** "  Ada  LOVELACE " -> "ada lovelace" (accents folded, punctuation dropped). */
export function normalizePersonName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The person at a company, as de-duplication compares it: "ada lovelace|ae"; null without both a name and a company. */
export function nameCompanyKeyOf(lead: { firstName?: string | null; lastName?: string | null; companyName?: string | null; accountName?: string | null }): string | null {
  const name = normalizePersonName([lead.firstName, lead.lastName].filter(Boolean).join(' '));
  const company = normalizeAccountName(lead.companyName ?? lead.accountName ?? '');
  return name && company ? `${name}|${company}`.slice(0, 320) : null;
}

/** Lower-cased product (or product category) of interest: with the account, what makes a lead a duplicate. */
export function productKeyOf(lead: { product?: string | null; productCategory?: string | null }): string | null {
  const product = (lead.product ?? lead.productCategory)?.trim().toLowerCase();
  return product ? product.slice(0, 100) : null;
}

/** What a lead is matched on: its contact, its name at its company, its account, its product interest. */
export interface DedupeSubject {
  contactId: string | null;
  nameCompanyKey: string | null;
  accountId: string | null;
  productKey: string | null;
}

export interface OpenLeadCandidate extends DedupeSubject {
  id: string;
  createdAt: string;
}

export interface DuplicateMatch {
  duplicateOf: string;
  matchedOn: (typeof DEDUPE_MATCHERS)[number];
  explanation: string;
}

/** The oldest open lead the new one duplicates under the configured rule, with the reason; or null. */
export function findDuplicate(lead: DedupeSubject, openLeads: OpenLeadCandidate[], rule: LifecycleSettings['dedupe']): DuplicateMatch | null {
  if (!rule.enabled) return null;
  const byAge = [...openLeads].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  for (const matcher of rule.matchOn) {
    for (const other of byAge) {
      if (matcher === 'contact_email' && lead.contactId && other.contactId === lead.contactId) {
        return { duplicateOf: other.id, matchedOn: matcher, explanation: `same contact e-mail (contact ${lead.contactId}) as open lead ${other.id}` };
      }
      if (matcher === 'name_and_company' && lead.nameCompanyKey && other.nameCompanyKey === lead.nameCompanyKey) {
        return { duplicateOf: other.id, matchedOn: matcher, explanation: `same name and company (${lead.nameCompanyKey.replace('|', ' at ')}) as open lead ${other.id}` };
      }
      if (matcher === 'account_and_product' && lead.accountId && lead.productKey && other.accountId === lead.accountId && other.productKey === lead.productKey) {
        return {
          duplicateOf: other.id,
          matchedOn: matcher,
          explanation: `same account (${lead.accountId}) and product interest (${lead.productKey}) as open lead ${other.id}`,
        };
      }
    }
  }
  return null;
}
