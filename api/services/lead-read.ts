// Reading leads for the API: the Postgres row plus the workflow's live state.
import type { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Lead, type ILead } from '../../db/entities/index.js';
import { leadWorkflowId, stateQuery, type LeadLiveState } from '../../workflows/messages.js';
import { leadSchema } from '../schemas/lead.js';

export type LeadDto = Record<string, unknown>;

const FIELDS = Object.keys(leadSchema.shape) as (keyof ILead & string)[];

/** The lead as the API shows it: exactly the fields of `leadSchema` (internal columns stay inside). */
export function toLeadDto(row: ILead): LeadDto {
  const out: LeadDto = {};
  for (const k of FIELDS) {
    const v = row[k];
    out[k] = v instanceof Date ? v.toISOString() : v ?? null;
  }
  out.purchaseAmount = row.purchaseAmount === null || row.purchaseAmount === undefined ? null : Number(row.purchaseAmount);
  out.custom = row.custom ?? {};
  return out;
}

export async function findLead(orm: MikroORM, id: string): Promise<ILead | null> {
  return orm.em.fork().findOne(Lead, { id });
}

export async function liveState(temporal: Client, leadId: string): Promise<LeadLiveState | null> {
  try {
    return await temporal.workflow.getHandle(leadWorkflowId(leadId)).query(stateQuery);
  } catch {
    return null;
  }
}
