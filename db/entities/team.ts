// Teams and queues (a queue's leads wait unowned until a member claims them), with members.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Team = defineEntity({
  name: 'Team',
  tableName: 'team',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200).unique('team_name_unique'),
    kind: p.string().length(10).default('team'),
    managerRepId: p.uuid().nullable(),
    parentTeamId: p.uuid().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export type ITeam = InferEntity<typeof Team>;

export const TeamMember = defineEntity({
  name: 'TeamMember',
  tableName: 'team_member',
  properties: {
    teamId: p.uuid().primary(),
    repId: p.uuid().primary(),
  },
  indexes: [{ name: 'team_member_rep_idx', properties: ['repId'] }],
});
export type ITeamMember = InferEntity<typeof TeamMember>;
