// The lead as routing sees it, built from its row: captured attributes, derived values (score,
// rank, qualified), matched account, and previous owners (current owner first, then earlier
// owners from the lead team, most recent first).
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

export async function loadLeadForRouting(em: EntityManager, leadId: string): Promise<LeadForRouting | null> {
  const [row] = await rows(
    em,
    `select l.*, (select coalesce(json_agg(m.rep_id order by m.added_at desc), '[]'::json) from lead_team_member m
                   where m.lead_id = l.id and m.origin = 'owner') as owner_history
       from lead l where l.id = ?`,
    [leadId],
  );
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
