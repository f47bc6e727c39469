// Every entity the ORM knows. Add new entities here (and generate a migration).
import { Account, Contact, type IAccount, type IContact } from './account.js';
import { AssignmentDecision, type IAssignmentDecision } from './assignment-decision.js';
import { AssignmentPool, AssignmentPoolMember, type IAssignmentPool, type IAssignmentPoolMember } from './assignment-pool.js';
import { AuditEvent, type IAuditEvent } from './audit-event.js';
import { Lead, type ILead } from './lead.js';
import { LeadTeamMember, LeadTerritory, type ILeadTeamMember, type ILeadTerritory } from './lead-team.js';
import { Offboarding, type IOffboarding } from './offboarding.js';
import { Rep, type IRep } from './rep.js';
import { AssignmentQueueEntry, RepLoadEvent, RepOpenLead, type IAssignmentQueueEntry, type IRepLoadEvent, type IRepOpenLead } from './rep-load.js';
import { AssignmentSettings, RoutingConfigVersion, type IAssignmentSettings, type IRoutingConfigVersion } from './routing-config.js';
import { Team, TeamMember, type ITeam, type ITeamMember } from './team.js';
import { Territory, TerritoryMember, type ITerritory, type ITerritoryMember } from './territory.js';

export {
  Account, AssignmentDecision, AssignmentPool, AssignmentPoolMember, AssignmentQueueEntry, AssignmentSettings, AuditEvent, Contact, Lead,
  LeadTeamMember, LeadTerritory, Offboarding, Rep, RepLoadEvent, RepOpenLead, RoutingConfigVersion, Team, TeamMember, Territory, TerritoryMember,
};
export type {
  IAccount, IAssignmentDecision, IAssignmentPool, IAssignmentPoolMember, IAssignmentQueueEntry, IAssignmentSettings, IAuditEvent, IContact, ILead,
  ILeadTeamMember, ILeadTerritory, IOffboarding, IRep, IRepLoadEvent, IRepOpenLead, IRoutingConfigVersion, ITeam, ITeamMember, ITerritory, ITerritoryMember,
};
export const ENTITIES = [
  Lead, AuditEvent,
  Rep, Team, TeamMember, Territory, TerritoryMember, AssignmentPool, AssignmentPoolMember, RoutingConfigVersion, AssignmentSettings,
  AssignmentDecision, LeadTeamMember, LeadTerritory, RepOpenLead, RepLoadEvent, AssignmentQueueEntry, Account, Contact, Offboarding,
];
