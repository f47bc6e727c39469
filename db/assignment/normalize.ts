// Normalized keys for de-duplication: account names (case, punctuation, legal suffixes), e-mail
// addresses and company e-mail domains (free-mail domains are not company domains).
const LEGAL_SUFFIXES = new Set([
  'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'ltd', 'limited', 'llc', 'llp', 'lp', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'sarl',
  'srl', 'spa', 'bv', 'nv', 'oy', 'ab', 'as', 'aps', 'kk', 'pty', 'pte', 'sl', 'se', 'kg',
]);

export function normalizeAccountName(name: string): string {
  const words = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\./g, '').replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ').slice(0, 200);
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const FREE_MAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com',
  'mail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 'proton.me', 'protonmail.com', 'yandex.com', 'yandex.ru', 'qq.com', '163.com', 'zoho.com',
]);

/** The company domain of an e-mail address; null for free-mail providers and malformed addresses. */
export function companyDomainOf(email: string | null | undefined): string | null {
  const m = email ? /@([^@\s]+)$/.exec(normalizeEmail(email)) : null;
  const domain = m?.[1] ?? null;
  return domain && domain.includes('.') && !FREE_MAIL.has(domain) ? domain : null;
}
