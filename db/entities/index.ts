// Every entity the ORM knows. Add new entities here (and generate a migration).
import { Assessment, AssessmentTemplateRecord, AssessmentTemplateVersion, type IAssessment, type IAssessmentTemplateRecord, type IAssessmentTemplateVersion } from './assessment.js';
import { ApiKey, type IApiKey } from './api-key.js';
import { AuditEvent, type IAuditEvent } from './audit-event.js';
import { IdempotencyKey, type IIdempotencyKey } from './idempotency-key.js';
import { Lead, type ILead } from './lead.js';
import { LeadImport, LeadImportRow, type ILeadImport, type ILeadImportRow } from './lead-import.js';
import { LeadNote, type ILeadNote } from './lead-note.js';
import { Opportunity, type IOpportunity } from './opportunity.js';
import { ProcessingActivity, ProcessingRun, ProcessingRunLog, ProcessingRunPage, type IProcessingActivity, type IProcessingRun, type IProcessingRunLog, type IProcessingRunPage } from './processing.js';
import { RuleSetActivation, RuleSetRecord, RuleSetVersion, type IRuleSetActivation, type IRuleSetRecord, type IRuleSetVersion } from './rule-set.js';
import { Setting, type ISetting } from './setting.js';

export { ApiKey, Assessment, AssessmentTemplateRecord, AssessmentTemplateVersion, AuditEvent, IdempotencyKey, Lead, LeadImport, LeadImportRow, LeadNote, Opportunity, ProcessingActivity, ProcessingRun, ProcessingRunLog, ProcessingRunPage, RuleSetActivation, RuleSetRecord, RuleSetVersion, Setting };
export type { IApiKey, IIdempotencyKey, IAssessment, IAssessmentTemplateRecord, IAssessmentTemplateVersion, IAuditEvent, ILead, ILeadImport, ILeadImportRow, ILeadNote, IOpportunity, IProcessingActivity, IProcessingRun, IProcessingRunLog, IProcessingRunPage, IRuleSetActivation, IRuleSetRecord, IRuleSetVersion, ISetting };
export const ENTITIES = [Lead, AuditEvent, LeadNote, Opportunity, LeadImport, LeadImportRow, Setting, RuleSetRecord, RuleSetVersion, RuleSetActivation, AssessmentTemplateRecord, AssessmentTemplateVersion, Assessment, ApiKey, IdempotencyKey, ProcessingActivity, ProcessingRun, ProcessingRunPage, ProcessingRunLog];
