// Every entity the ORM knows. Add new entities here (and generate a migration).
import { Account, Contact, type IAccount, type IContact } from './account.js';
import { ApiKey, type IApiKey } from './api-key.js';
import { Assessment, AssessmentTemplateRecord, AssessmentTemplateVersion, type IAssessment, type IAssessmentTemplateRecord, type IAssessmentTemplateVersion } from './assessment.js';
import { AssignmentDecision, type IAssignmentDecision } from './assignment-decision.js';
import { AssignmentPool, AssignmentPoolMember, type IAssignmentPool, type IAssignmentPoolMember } from './assignment-pool.js';
import { AuditEvent, type IAuditEvent } from './audit-event.js';
import { IdempotencyKey, type IIdempotencyKey } from './idempotency-key.js';
import { Lead, type ILead } from './lead.js';
import { LeadImport, LeadImportRow, type ILeadImport, type ILeadImportRow } from './lead-import.js';
import { LeadNote, type ILeadNote } from './lead-note.js';
import { LeadOwnerHistory, LeadTeamMember, LeadTerritory, type ILeadOwnerHistory, type ILeadTeamMember, type ILeadTerritory } from './lead-team.js';
import { Offboarding, type IOffboarding } from './offboarding.js';
import { Opportunity, type IOpportunity } from './opportunity.js';
import { Rep, type IRep } from './rep.js';
import { AssignmentQueueEntry, RepLoadEvent, RepOpenLead, type IAssignmentQueueEntry, type IRepLoadEvent, type IRepOpenLead } from './rep-load.js';
import { AssignmentSettings, RoutingConfigVersion, type IAssignmentSettings, type IRoutingConfigVersion } from './routing-config.js';
import { ProcessingActivity, ProcessingRun, ProcessingRunLog, ProcessingRunPage, type IProcessingActivity, type IProcessingRun, type IProcessingRunLog, type IProcessingRunPage } from './processing.js';
import { RuleSetActivation, RuleSetRecord, RuleSetVersion, type IRuleSetActivation, type IRuleSetRecord, type IRuleSetVersion } from './rule-set.js';
import { Setting, type ISetting } from './setting.js';
import { Team, TeamMember, type ITeam, type ITeamMember } from './team.js';
import { Territory, TerritoryMember, type ITerritory, type ITerritoryMember } from './territory.js';

export {
  Account, ApiKey, Assessment, AssessmentTemplateRecord, AssessmentTemplateVersion, AssignmentDecision, AssignmentPool, AssignmentPoolMember,
  AssignmentQueueEntry, AssignmentSettings, AuditEvent, Contact, IdempotencyKey, Lead, LeadImport, LeadImportRow, LeadNote, LeadOwnerHistory, LeadTeamMember,
  LeadTerritory, Offboarding, Opportunity, Rep, RepLoadEvent, RepOpenLead, RoutingConfigVersion, RuleSetActivation, RuleSetRecord, RuleSetVersion,
  ProcessingActivity, ProcessingRun, ProcessingRunLog, ProcessingRunPage, Setting, Team, TeamMember, Territory, TerritoryMember,
};
export type {
  IAccount, IApiKey, IAssessment, IAssessmentTemplateRecord, IAssessmentTemplateVersion, IAssignmentDecision, IAssignmentPool, IAssignmentPoolMember,
  IAssignmentQueueEntry, IAssignmentSettings, IAuditEvent, IContact, IIdempotencyKey, ILead, ILeadImport, ILeadImportRow, ILeadNote, ILeadOwnerHistory, ILeadTeamMember,
  ILeadTerritory, IOffboarding, IOpportunity, IRep, IRepLoadEvent, IRepOpenLead, IRoutingConfigVersion, IRuleSetActivation, IRuleSetRecord, IRuleSetVersion,
  IProcessingActivity, IProcessingRun, IProcessingRunLog, IProcessingRunPage, ISetting, ITeam, ITeamMember, ITerritory, ITerritoryMember,
};
export const ENTITIES = [
  // Leads and their lifecycle
  Lead, AuditEvent, LeadNote, Opportunity, LeadImport, LeadImportRow, Setting,
  // Rules configuration
  RuleSetRecord, RuleSetVersion, RuleSetActivation, AssessmentTemplateRecord, AssessmentTemplateVersion, Assessment,
  // Assignment manager
  Rep, Team, TeamMember, Territory, TerritoryMember, AssignmentPool, AssignmentPoolMember, RoutingConfigVersion, AssignmentSettings,
  AssignmentDecision, LeadTeamMember, LeadTerritory, LeadOwnerHistory, RepOpenLead, RepLoadEvent, AssignmentQueueEntry, Account, Contact, Offboarding,
  // API
  ApiKey, IdempotencyKey,
  // Lead processing activities
  ProcessingActivity, ProcessingRun, ProcessingRunPage, ProcessingRunLog,
];
