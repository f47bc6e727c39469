// One territory against one mapping: dimension (with built-in lead attributes per dimension),
// attribute (lead attr = territory attr) and literal (territory attr = value). Returns why not.
import type { TerritoryMapping } from '../routing-config.js';
import type { AssignmentLead } from '../model/lead.js';
import { leadValue } from '../model/lead.js';
import type { Territory, TerritoryDimension } from '../model/territory.js';
import { postalInAnyRange } from './postal-codes.js';

export interface MappingResult {
  ok: boolean;
  reason: string;
}

/** Lead attributes each dimension reads when the mapping does not name one (any may match). */
const DEFAULT_LEAD_ATTRIBUTES: Record<Exclude<TerritoryDimension, 'geography'>, string[]> = {
  product: ['product', 'productCategory'],
  industry: ['industry'],
  customerSize: ['customerSize'],
  accounts: ['accountId', 'accountName'],
  salesChannel: ['salesChannel'],
  partner: ['partnerId'],
};

const eq = (a: unknown, b: unknown): boolean =>
  typeof a === 'string' && typeof b === 'string' ? a.trim().toLowerCase() === b.trim().toLowerCase() : a === b;

export function territoryAttribute(t: Territory, name: string): unknown {
  switch (name) {
    case 'id':
    case 'name':
    case 'type':
    case 'status':
    case 'parentId':
    case 'ownerRepId':
      return t[name];
    default:
      return t.attributes[name];
  }
}

export function matchMapping(lead: AssignmentLead, t: Territory, m: TerritoryMapping): MappingResult {
  if (m.kind === 'literal') {
    const v = territoryAttribute(t, m.territoryAttribute);
    return eq(v, m.equals)
      ? { ok: true, reason: `${m.territoryAttribute} = ${String(m.equals)}` }
      : { ok: false, reason: `${m.territoryAttribute} is ${String(v ?? 'unset')}, not ${String(m.equals)}` };
  }
  if (m.kind === 'attribute') {
    const lv = leadValue(lead, m.leadAttribute);
    const tv = territoryAttribute(t, m.territoryAttribute);
    if (lv === undefined) return { ok: false, reason: `lead has no ${m.leadAttribute}` };
    return eq(lv, tv)
      ? { ok: true, reason: `lead ${m.leadAttribute} = territory ${m.territoryAttribute} (${String(lv)})` }
      : { ok: false, reason: `lead ${m.leadAttribute} ${String(lv)} ≠ territory ${m.territoryAttribute} ${String(tv ?? 'unset')}` };
  }
  return matchDimension(lead, t, m.dimension, m.leadAttribute);
}

function matchDimension(lead: AssignmentLead, t: Territory, dim: TerritoryDimension, leadAttribute?: string): MappingResult {
  if (dim === 'geography') return matchGeography(lead, t);
  const values = t.dimensions[dim];
  if (values === undefined) return { ok: true, reason: `${dim}: territory covers all` };
  const names = leadAttribute ? [leadAttribute] : DEFAULT_LEAD_ATTRIBUTES[dim];
  const leadValues = names.map((n) => leadValue(lead, n)).filter((v) => v !== undefined);
  if (leadValues.length === 0) return { ok: false, reason: `${dim}: lead has no ${names.join(' or ')}` };
  const hit = leadValues.find((lv) => values.some((v) => eq(String(lv), v)));
  return hit !== undefined
    ? { ok: true, reason: `${dim}: ${String(hit)} in territory` }
    : { ok: false, reason: `${dim}: ${leadValues.map(String).join('/')} not in [${values.join(', ')}]` };
}

function matchGeography(lead: AssignmentLead, t: Territory): MappingResult {
  const entries = t.dimensions.geography;
  if (entries === undefined) return { ok: true, reason: 'geography: territory covers all' };
  const { country, region, postalCode } = lead.attributes;
  if (!country) return { ok: false, reason: 'geography: lead has no country' };
  const misses: string[] = [];
  for (const e of entries) {
    if (e.country !== country) continue;
    if (e.regions.length > 0 && !(region && e.regions.some((r) => eq(r, region)))) {
      misses.push(`region ${region ?? 'unset'} not in [${e.regions.join(', ')}]`);
      continue;
    }
    if (e.postalCodes.length > 0) {
      const range = postalCode ? postalInAnyRange(postalCode, e.postalCodes) : undefined;
      if (!range) {
        misses.push(`postal code ${postalCode ?? 'unset'} not in ${e.postalCodes.map((r) => `${r.from}-${r.to}`).join(', ')}`);
        continue;
      }
      return { ok: true, reason: `geography: ${country} postal ${postalCode ?? ''} in ${range.from}-${range.to}` };
    }
    return { ok: true, reason: `geography: ${country}${e.regions.length > 0 ? `/${region ?? ''}` : ''}` };
  }
  return { ok: false, reason: `geography: ${misses.length > 0 ? misses.join('; ') : `country ${country} not covered`}` };
}
