// Every entity the ORM knows. Add new entities here (and generate a migration).
import { Assessment, AssessmentTemplateRecord, AssessmentTemplateVersion, type IAssessment, type IAssessmentTemplateRecord, type IAssessmentTemplateVersion } from './assessment.js';
import { AuditEvent, type IAuditEvent } from './audit-event.js';
import { Lead, type ILead } from './lead.js';
import { RuleSetActivation, RuleSetRecord, RuleSetVersion, type IRuleSetActivation, type IRuleSetRecord, type IRuleSetVersion } from './rule-set.js';

export { Assessment, AssessmentTemplateRecord, AssessmentTemplateVersion, AuditEvent, Lead, RuleSetActivation, RuleSetRecord, RuleSetVersion };
export type { IAssessment, IAssessmentTemplateRecord, IAssessmentTemplateVersion, IAuditEvent, ILead, IRuleSetActivation, IRuleSetRecord, IRuleSetVersion };
export const ENTITIES = [Lead, AuditEvent, RuleSetRecord, RuleSetVersion, RuleSetActivation, AssessmentTemplateRecord, AssessmentTemplateVersion, Assessment];
