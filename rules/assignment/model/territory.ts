// Sales territories (Oracle Territory Manager style): typed, hierarchical, owned, with dimensions
// that leads are matched against. Only FINALIZED territories take part in matching.
import { z } from 'zod';
import { CUSTOMER_SIZES } from '../../lookups.js';
import { idSchema } from './common.js';

/** Known territory types; other labels are allowed (configuration). */
export const TERRITORY_TYPES = ['Prime', 'Overlay', 'Partner', 'Sales Channel Manager'] as const;
export const TERRITORY_STATUSES = ['DRAFT', 'FINALIZED', 'INACTIVE'] as const;
export type TerritoryStatus = (typeof TERRITORY_STATUSES)[number];

/** Inclusive postal code range; a lead's code is compared on the first `from.length` characters. */
export const postalRangeSchema = z
  .object({ from: z.string().trim().min(1).max(20), to: z.string().trim().min(1).max(20) })
  .refine((r) => normalizePostal(r.from).length === normalizePostal(r.to).length, { message: 'from and to must have the same length' })
  .refine((r) => normalizePostal(r.from) <= normalizePostal(r.to), { message: 'from must not be after to' });
export type PostalRange = z.infer<typeof postalRangeSchema>;

export const geographyEntrySchema = z.object({
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/),
  /** Regions/states; empty = the whole country. */
  regions: z.array(z.string().min(1)).default([]),
  /** Postal ranges; empty = any postal code. */
  postalCodes: z.array(postalRangeSchema).default([]),
});
export type GeographyEntry = z.output<typeof geographyEntrySchema>;

/** Each dimension left undefined covers every value ("all"). */
export const territoryDimensionsSchema = z.object({
  geography: z.array(geographyEntrySchema).optional(),
  product: z.array(z.string().min(1)).optional(),
  industry: z.array(z.string().min(1)).optional(),
  customerSize: z.array(z.enum(CUSTOMER_SIZES)).optional(),
  /** Named accounts: account ids or account names. */
  accounts: z.array(z.string().min(1)).optional(),
  salesChannel: z.array(z.string().min(1)).optional(),
  partner: z.array(z.string().min(1)).optional(),
});
export type TerritoryDimensions = z.output<typeof territoryDimensionsSchema>;
export const TERRITORY_DIMENSIONS = ['geography', 'product', 'industry', 'customerSize', 'accounts', 'salesChannel', 'partner'] as const;
export type TerritoryDimension = (typeof TERRITORY_DIMENSIONS)[number];

export const territorySchema = z.object({
  id: idSchema,
  name: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  status: z.enum(TERRITORY_STATUSES).default('FINALIZED'),
  parentId: idSchema.nullable().default(null),
  ownerRepId: idSchema.nullable().default(null),
  memberRepIds: z.array(idSchema).default([]),
  dimensions: territoryDimensionsSchema.default({}),
  /** Free attributes for attribute and literal mappings (e.g. programId). */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).default({}),
});
export type Territory = z.output<typeof territorySchema>;
export type TerritoryInput = z.input<typeof territorySchema>;

export function normalizePostal(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
