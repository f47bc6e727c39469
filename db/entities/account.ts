// Sales accounts (owner, account team, hierarchy) and contacts, for account-based routing and
// de-duplication at capture. Unique normalized keys make find-or-create race-safe
// (insert ... on conflict): see activities/accounts.ts.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Account = defineEntity({
  name: 'Account',
  tableName: 'account',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    normalizedName: p.string().length(200).unique('account_normalized_name_unique'),
    emailDomain: p.string().length(253).nullable().unique('account_email_domain_unique'),
    ownerRepId: p.uuid().nullable(),
    parentAccountId: p.uuid().nullable(),
    teamRepIds: p.json<string[]>().default('[]'),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'account_parent_idx', properties: ['parentAccountId'] }],
});
export type IAccount = InferEntity<typeof Account>;

export const Contact = defineEntity({
  name: 'Contact',
  tableName: 'contact',
  properties: {
    id: p.uuid().primary(),
    email: p.string().length(254),
    normalizedEmail: p.string().length(254).unique('contact_normalized_email_unique'),
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    accountId: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'contact_account_idx', properties: ['accountId'] }],
});
export type IContact = InferEntity<typeof Contact>;
