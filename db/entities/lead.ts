// A lead: attributes as captured (see rules/lead-attributes.ts), derived values from the rules
// engine, and the read model of its lifecycle (owned by the lead workflow, written by activities).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Lead = defineEntity({
  name: 'Lead',
  tableName: 'lead',
  properties: {
    id: p.uuid().primary(),
    workflowId: p.string().length(80),
    source: p.string().length(20),
    origSystemReference: p.string().length(200).nullable(),
    // Contact and company
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    email: p.string().length(254).nullable(),
    phone: p.string().length(40).nullable(),
    jobTitle: p.string().length(120).nullable(),
    companyName: p.string().length(200).nullable(),
    industry: p.string().length(100).nullable(),
    customerSize: p.string().length(20).nullable(),
    employeeCount: p.integer().nullable(),
    country: p.string().length(2).nullable(),
    region: p.string().length(100).nullable(),
    city: p.string().length(100).nullable(),
    postalCode: p.string().length(20).nullable(),
    language: p.string().length(2).nullable(),
    // Interest
    productCategory: p.string().length(100).nullable(),
    product: p.string().length(100).nullable(),
    purchaseTimeframe: p.string().length(40).nullable(),
    purchaseAmount: p.decimal('number').precision(15).scale(2).nullable(),
    currency: p.string().length(3).nullable(),
    budgetStatus: p.string().length(20).nullable(),
    decisionMakerIdentified: p.boolean().nullable(),
    leadChannel: p.string().length(40).nullable(),
    campaignCode: p.string().length(100).nullable(),
    partnerId: p.string().length(100).nullable(),
    salesChannel: p.string().length(100).nullable(),
    accountName: p.string().length(200).nullable(),
    description: p.text().nullable(),
    custom: p.json<Record<string, string | number | boolean | null>>().default('{}'),
    // Derived by the rules engine
    status: p.string().length(20).default('Unqualified'),
    qualified: p.boolean().default(false),
    score: p.integer().nullable(),
    rank: p.string().length(40).nullable(),
    ruleVersions: p.json<Record<string, { ruleSetId: string; version: number }>>().nullable(),
    // Lifecycle read model
    assignmentStatus: p.string().length(20).default('Unassigned'),
    acceptance: p.string().length(3).nullable(),
    ownerId: p.uuid().nullable(),
    offeredToId: p.uuid().nullable(),
    offerDeadline: p.datetime().nullable(),
    attempts: p.integer().default(0),
    retireReason: p.string().length(40).nullable(),
    duplicateOfId: p.uuid().nullable(),
    // Product interest as de-duplication compares it (rules/dedupe.ts), with the account.
    productKey: p.string().length(100).nullable(),
    // The person as de-duplication compares it: normalized name + company (rules/dedupe.ts).
    nameCompanyKey: p.string().length(320).nullable(),
    // Matched sales account and contact (de-duplication at capture; account-based routing).
    accountId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    /** Millisecond precision: the API's ISO timestamps and list cursors are exact. */
    createdAt: p.datetime().length(3).defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    lastActivityAt: p.datetime().defaultRaw('now()'),
    closedAt: p.datetime().nullable(),
    /** When the stale sweep last asked this lead to check its stale rule (lifecycle settings changed). */
    staleCheckSentAt: p.datetime().nullable(),
  },
  uniques: [{ name: 'lead_source_ref_unique', properties: ['source', 'origSystemReference'] }],
  indexes: [
    { name: 'lead_status_idx', properties: ['status'] },
    { name: 'lead_owner_idx', properties: ['ownerId'] },
    { name: 'lead_created_idx', properties: ['createdAt', 'id'] },
    { name: 'lead_email_idx', properties: ['email'] },
    { name: 'lead_contact_idx', properties: ['contactId'] },
    { name: 'lead_account_product_idx', properties: ['accountId', 'productKey'] },
    // List filters and sorts (GET /leads)
    // Unscored leads sort lowest: last on `-score`, the usual order.
    { name: 'lead_score_idx', expression: 'create index "lead_score_idx" on "lead" ("score" desc nulls last, "id" desc)' },
    { name: 'lead_assignment_status_idx', properties: ['assignmentStatus'] },
    { name: 'lead_rank_idx', properties: ['rank'] },
    { name: 'lead_offered_to_idx', properties: ['offeredToId'] },
    { name: 'lead_name_company_idx', properties: ['nameCompanyKey'] },
    // The stale sweep: open leads by their last activity (a range scan of the leads past the threshold).
    { name: 'lead_open_activity_idx', expression: 'create index "lead_open_activity_idx" on "lead" ("last_activity_at") where "closed_at" is null' },
  ],
});
export type ILead = InferEntity<typeof Lead>;
