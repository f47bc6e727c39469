// Notes on a lead (seeds: "View the lead and add lead notes"); adding one counts as activity.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LeadNote = defineEntity({
  name: 'LeadNote',
  tableName: 'lead_note',
  properties: {
    id: p.uuid().primary(),
    leadId: p.uuid(),
    text: p.text(),
    author: p.string().length(200),
    eventKey: p.string().length(200).unique('lead_note_event_key_unique'),
    createdAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'lead_note_lead_idx', properties: ['leadId', 'createdAt'] }],
});
export type ILeadNote = InferEntity<typeof LeadNote>;
