// The lead as routing sees it, built from its row: captured attributes, derived values (score,
// rank, qualified), matched account, and previous owners (current owner first, then earlier
// owners from lead_owner_history, most recent first).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AssignmentLead } from '../../rules/assignment/index.js';
import { leadAttributesSchema } from '../../rules/lead-attributes.js';
import { isoOf, rows, type Row } from './sql.js';

const ATTRIBUTE_KEYS = Object.keys(leadAttributesSchema.shape).filter((k) => k !== 'custom');
const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const COLUMNS = ATTRIBUTE_KEYS.map((k) => [k, snake(k)] as const);

export interface LeadForRouting {
  lead: AssignmentLead;
  /** Facts rules may read besides the attributes (createdAt for leadAgeDays, status, source). */
  extra: Record<string, unknown>;
  row: Row;
}

/** `owner_history` of the lead aliased `alias`: the reps who owned it, most recent first (a JSON array). */
export const ownerHistorySql = (alias: string): string =>
  `(select coalesce(json_agg(h.rep_id order by h.owned_at desc, h.rep_id), '[]'::json) from lead_owner_history h where h.lead_id = ${alias}.id) as owner_history`;

export async function loadLeadForRouting(em: EntityManager, leadId: string): Promise<LeadForRouting | null> {
  const [row] = await rows(em, `select l.*, ${ownerHistorySql('l')} from lead l where l.id = ?`, [leadId]);
  return row ? leadFromRow(row) : null;
}

export function leadFromRow(row: Row): LeadForRouting {
  const attributes: Record<string, unknown> = {};
  for (const [key, column] of COLUMNS) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    attributes[key] = key === 'purchaseAmount' || key === 'employeeCount' ? Number(v) : v;
  }
  const custom = row.custom as Record<string, string | number | boolean | null> | null;
  if (custom && Object.keys(custom).length > 0) attributes.custom = custom;
  if (row.score !== null && row.score !== undefined) attributes.score = Number(row.score);
  if (row.rank !== null && row.rank !== undefined) attributes.rank = String(row.rank);
  attributes.qualified = row.qualified === true;
  const owners = [row.owner_id as string | null, ...((row.owner_history as string[] | null) ?? [])].filter((id): id is string => typeof id === 'string');
  const lead: AssignmentLead = {
    id: String(row.id),
    attributes: attributes as AssignmentLead['attributes'],
    ...(row.account_id ? { accountId: String(row.account_id) } : {}),
    previousOwnerIds: [...new Set(owners)],
  };
  const extra = { createdAt: isoOf(row.created_at), status: row.status, source: row.source, assignmentStatus: row.assignment_status, ownerId: row.owner_id };
  return { lead, extra, row };
}
