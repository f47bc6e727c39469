// The lead's attribute model: the single source for capture validation (API), the stored
// columns (db), and the typed attribute catalog that rule sets are validated against.
import { z } from 'zod';
import {
  ASSIGNMENT_STATUSES,
  BUDGET_STATUSES,
  CUSTOMER_SIZES,
  LEAD_CHANNELS,
  LEAD_SOURCES,
  PURCHASE_TIMEFRAMES,
} from './lookups.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** Attributes a caller may send when capturing or updating a lead. */
export const leadAttributesSchema = z.strictObject({
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  email: z.email().max(254).optional(),
  phone: text(40).optional(),
  jobTitle: text(120).optional(),
  companyName: text(200).optional(),
  industry: text(100).optional(),
  customerSize: z.enum(CUSTOMER_SIZES).optional(),
  employeeCount: z.number().int().min(0).max(10_000_000).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, upper case').optional(),
  region: text(100).optional(),
  city: text(100).optional(),
  postalCode: text(20).optional(),
  language: z.string().regex(/^[a-z]{2}$/, 'ISO 639-1 code, lower case').optional(),
  productCategory: text(100).optional(),
  product: text(100).optional(),
  purchaseTimeframe: z.enum(PURCHASE_TIMEFRAMES).optional(),
  purchaseAmount: z.number().min(0).max(1e12).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code').optional(),
  budgetStatus: z.enum(BUDGET_STATUSES).optional(),
  decisionMakerIdentified: z.boolean().optional(),
  leadChannel: z.enum(LEAD_CHANNELS).optional(),
  campaignCode: text(100).optional(),
  partnerId: text(100).optional(),
  salesChannel: text(100).optional(),
  accountName: text(200).optional(),
  description: z.string().max(4000).optional(),
  custom: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])).optional(),
});
export type LeadAttributes = z.infer<typeof leadAttributesSchema>;

/** Capture = attributes + where the lead came from. */
export const leadCaptureSchema = leadAttributesSchema.extend({
  source: z.enum(LEAD_SOURCES),
  origSystemReference: text(200).optional(),
});
export type LeadCapture = z.infer<typeof leadCaptureSchema>;

/** `list` is an array of strings (e.g. a rep's languages); compared case-insensitively. */
export type AttributeType = 'string' | 'number' | 'boolean' | 'date' | 'enum' | 'list';
export interface AttributeSpec {
  type: AttributeType;
  /** Allowed values, for enums (compared case-insensitively). Labels of configurable lookups may be extended. */
  values?: readonly string[];
  /** Derived by leadflow (score, rank, age...), not sent by callers. */
  derived?: boolean;
  description: string;
}

/** A typed attribute catalog (lead, custom attributes, candidates, territories). */
export type AttributeCatalog = Readonly<Record<string, AttributeSpec>>;

/** Every lead attribute a rule condition may name. `custom.<key>` names a custom attribute (typed at run time). */
export const LEAD_ATTRIBUTE_CATALOG: AttributeCatalog = {
  source: { type: 'enum', values: LEAD_SOURCES, description: 'Where the lead was captured' },
  origSystemReference: { type: 'string', description: 'Original System Reference in the source system' },
  firstName: { type: 'string', description: 'Contact first name' },
  lastName: { type: 'string', description: 'Contact last name' },
  email: { type: 'string', description: 'Contact e-mail' },
  phone: { type: 'string', description: 'Contact phone' },
  jobTitle: { type: 'string', description: 'Contact job title' },
  companyName: { type: 'string', description: 'Company name' },
  industry: { type: 'string', description: 'Industry' },
  customerSize: { type: 'enum', values: CUSTOMER_SIZES, description: 'Customer size band' },
  employeeCount: { type: 'number', description: 'Number of employees' },
  country: { type: 'string', description: 'Country (ISO 3166-1 alpha-2)' },
  region: { type: 'string', description: 'Region or state' },
  city: { type: 'string', description: 'City' },
  postalCode: { type: 'string', description: 'Postal code' },
  language: { type: 'string', description: 'Preferred language (ISO 639-1)' },
  productCategory: { type: 'string', description: 'Product category of interest' },
  product: { type: 'string', description: 'Product of interest' },
  purchaseTimeframe: { type: 'enum', values: PURCHASE_TIMEFRAMES, description: 'Purchase timeframe' },
  purchaseAmount: { type: 'number', description: 'Expected purchase amount (deal size)' },
  currency: { type: 'string', description: 'Currency of the amount (ISO 4217)' },
  budgetStatus: { type: 'enum', values: BUDGET_STATUSES, description: 'Budget status' },
  decisionMakerIdentified: { type: 'boolean', description: 'Decision maker identified' },
  leadChannel: { type: 'enum', values: LEAD_CHANNELS, description: 'Channel that generated the lead' },
  campaignCode: { type: 'string', description: 'Marketing campaign code' },
  partnerId: { type: 'string', description: 'Partner associated with the lead' },
  salesChannel: { type: 'string', description: 'Sales channel (set by channel selection or by the caller)' },
  accountName: { type: 'string', description: 'Named account' },
  // Derived by leadflow.
  status: { type: 'enum', values: ['Unqualified', 'Qualified', 'Converted', 'Retired'], derived: true, description: 'Lead status' },
  qualified: { type: 'boolean', derived: true, description: 'Qualified flag' },
  score: { type: 'number', derived: true, description: 'Lead score' },
  rank: { type: 'string', derived: true, description: 'Lead rank / rating (labels are configuration)' },
  leadAgeDays: { type: 'number', derived: true, description: 'Days since the lead was captured' },
  createdAt: { type: 'date', derived: true, description: 'When the lead was captured' },
  assignmentStatus: { type: 'enum', values: ASSIGNMENT_STATUSES, derived: true, description: 'Assignment status' },
  ownerId: { type: 'string', derived: true, description: 'Owner (rep id)' },
};
