// The lead team (resources with an access level: Full, Edit, View only) and the lead's territory
// team. Territory members and owners of ancestor territories get Full access (seeds 001).
// Access follows the lead: the owner and the rep it is offered to get theirs from the lead row
// (owner_id, offered_to_id) while they hold it; the lead team holds only members added on
// purpose (territory members, people added by the owner's side). Who owned the lead before is
// history (lead_owner_history: previous-owner routing reads it), not access.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LeadTeamMember = defineEntity({
  name: 'LeadTeamMember',
  tableName: 'lead_team_member',
  properties: {
    leadId: p.uuid().primary(),
    repId: p.uuid().primary(),
    /** Full | Edit | View only */
    accessLevel: p.string().length(10),
    /** territory (realignment, territory routing) | member (added on purpose) */
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

export const LeadOwnerHistory = defineEntity({
  name: 'LeadOwnerHistory',
  tableName: 'lead_owner_history',
  properties: {
    leadId: p.uuid().primary(),
    repId: p.uuid().primary(),
    /** When the rep last became the owner (previous-owner routing prefers the most recent). */
    ownedAt: p.datetime().defaultRaw('now()'),
  },
});
export type ILeadOwnerHistory = InferEntity<typeof LeadOwnerHistory>;
