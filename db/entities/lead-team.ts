// The lead team (resources with an access level: Full, Edit, View only) and the lead's territory
// team. Territory members and owners of ancestor territories get Full access (seeds 001).
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LeadTeamMember = defineEntity({
  name: 'LeadTeamMember',
  tableName: 'lead_team_member',
  properties: {
    leadId: p.uuid().primary(),
    repId: p.uuid().primary(),
    /** Full | Edit | View only */
    accessLevel: p.string().length(10),
    /** owner | rule | territory | manual */
    origin: p.string().length(10),
    territoryId: p.uuid().nullable(),
    addedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'lead_team_member_rep_idx', properties: ['repId'] }],
});
export type ILeadTeamMember = InferEntity<typeof LeadTeamMember>;

export const LeadTerritory = defineEntity({
  name: 'LeadTerritory',
  tableName: 'lead_territory',
  properties: {
    leadId: p.uuid().primary(),
    territoryId: p.uuid().primary(),
    addedAt: p.datetime().defaultRaw('now()'),
  },
  indexes: [{ name: 'lead_territory_territory_idx', properties: ['territoryId'] }],
});
export type ILeadTerritory = InferEntity<typeof LeadTerritory>;
