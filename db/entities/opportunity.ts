// An opportunity created by converting a lead.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Opportunity = defineEntity({
  name: 'Opportunity',
  tableName: 'opportunity',
  properties: {
    id: p.uuid().primary(),
    leadId: p.uuid().unique('opportunity_lead_unique'),
    name: p.string().length(200),
    amount: p.decimal('number').precision(15).scale(2).nullable(),
    currency: p.string().length(3).nullable(),
    closeDate: p.string().length(10).nullable(),
    description: p.text().nullable(),
    ownerId: p.uuid().nullable(),
    createdBy: p.string().length(200),
    createdAt: p.datetime().defaultRaw('now()'),
  },
});
export type IOpportunity = InferEntity<typeof Opportunity>;
