// A stored lead as facts for the rules engine: its attributes and stored derived values under the
// catalog names (rules/lead-attributes.ts), `custom`, `createdAt` and `leadAgeDays` at `now`.
// Pure: the API (simulate), the lead-processing activity and batch runs use the same conversion.
import { LEAD_ATTRIBUTE_CATALOG } from '../rules/lead-attributes.js';
import type { ILead } from './entities/index.js';

const DAY_MS = 86_400_000;
const COPIED = Object.keys(LEAD_ATTRIBUTE_CATALOG).filter((k) => k !== 'leadAgeDays' && k !== 'createdAt');

/** What the conversion reads: a lead entity, or a row of the same shape (camelCase properties). */
export type LeadFactsRow = Pick<ILead, 'id' | 'createdAt'> & Partial<Omit<ILead, 'id' | 'createdAt'>>;

/** Whole days since capture (negative never happens for stored leads; clamped to 0). */
export function leadAgeDays(createdAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS));
}

/** `facts.lead` for a stored lead; null columns are left out (the engine treats them as missing). */
export function leadFacts(row: LeadFactsRow, now: Date): Record<string, unknown> {
  const source = row as unknown as Readonly<Record<string, unknown>>;
  const lead: Record<string, unknown> = { id: row.id };
  for (const key of COPIED) {
    const v = source[key];
    if (v !== null && v !== undefined) lead[key] = v;
  }
  // Numeric columns may arrive as strings from raw queries.
  if (typeof lead['purchaseAmount'] === 'string') lead['purchaseAmount'] = Number(lead['purchaseAmount']);
  lead['custom'] = row.custom ?? {};
  lead['createdAt'] = row.createdAt;
  lead['leadAgeDays'] = leadAgeDays(row.createdAt, now);
  return lead;
}
