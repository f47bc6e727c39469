// Accounts and contacts for de-duplication at capture: race-safe find-or-create on unique
// normalized keys (insert ... on conflict do nothing, then read the winner). Use inside the
// caller's transaction (e.g. the capture activity) or with a fork of the ORM.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { companyDomainOf, normalizeAccountName, normalizeEmail } from '../rules/dedupe.js';
import { rows } from '../db/assignment/sql.js';

export interface AccountRef { id: string; name: string; created: boolean }
export interface ContactRef { id: string; accountId: string | null; created: boolean }

/**
 * The account for a company: matched by e-mail domain first (when given and not free mail), then
 * by normalized name; created when neither matches. Concurrent calls for the same company agree.
 */
export async function findOrCreateAccount(em: EntityManager, input: { name: string; email?: string | null; domain?: string | null }): Promise<AccountRef> {
  const normalized = normalizeAccountName(input.name);
  if (!normalized) throw new Error(`account name '${input.name}' has nothing to match on`);
  const domain = input.domain?.toLowerCase() ?? companyDomainOf(input.email);
  const find = () => findAccount(em, normalized, domain);
  const existing = await find();
  if (existing) return { ...existing, created: false };
  const id = randomUUID();
  const inserted = await rows(
    em,
    'insert into account (id, name, normalized_name, email_domain) values (?, ?, ?, ?) on conflict do nothing returning id',
    [id, input.name.trim().slice(0, 200), normalized, domain],
  );
  if (inserted.length > 0) return { id, name: input.name.trim(), created: true };
  const winner = await find();
  if (!winner) throw new Error(`account '${input.name}' conflicted but was not found`);
  return { ...winner, created: false };
}

/** The contact for an e-mail address (unique, case-insensitive); links it to the account when it has none. */
export async function findOrCreateContact(
  em: EntityManager, input: { email: string; firstName?: string | null; lastName?: string | null; accountId?: string | null },
): Promise<ContactRef> {
  const normalized = normalizeEmail(input.email);
  const inserted = await rows(
    em,
    `insert into contact (id, email, normalized_email, first_name, last_name, account_id) values (?, ?, ?, ?, ?, ?)
       on conflict (normalized_email) do nothing returning id, account_id`,
    [randomUUID(), input.email.trim(), normalized, input.firstName ?? null, input.lastName ?? null, input.accountId ?? null],
  );
  if (inserted[0]) return { id: String(inserted[0].id), accountId: (inserted[0].account_id as string | null) ?? null, created: true };
  const [row] = await rows(
    em,
    'update contact set account_id = coalesce(account_id, ?) where normalized_email = ? returning id, account_id',
    [input.accountId ?? null, normalized],
  );
  if (!row) throw new Error(`contact '${input.email}' conflicted but was not found`);
  return { id: String(row.id), accountId: (row.account_id as string | null) ?? null, created: false };
}

/** The stored account a company matches (its e-mail domain first, then its normalized name); reads only. */
export async function findAccount(em: EntityManager, normalizedName: string, domain: string | null): Promise<{ id: string; name: string } | undefined> {
  const [row] = await rows(
    em,
    `select id, name from account where (email_domain = ? and ? is not null) or normalized_name = ?
       order by (email_domain = ?) desc nulls last limit 1`,
    [domain, domain, normalizedName, domain],
  );
  return row ? { id: String(row.id), name: String(row.name) } : undefined;
}

/** The account a capture of this company would be matched to, without creating one (simulations). */
export async function accountForCapture(em: EntityManager, c: { companyName?: string | null; accountName?: string | null; email?: string | null }): Promise<string | undefined> {
  const domain = companyDomainOf(c.email);
  const name = normalizeAccountName(c.companyName ?? c.accountName ?? domain ?? '');
  return name ? (await findAccount(em, name, domain))?.id : undefined;
}
