// Every entity the ORM knows. Add new entities here (and generate a migration).
import { AuditEvent, type IAuditEvent } from './audit-event.js';
import { Lead, type ILead } from './lead.js';
import { LeadImport, LeadImportRow, type ILeadImport, type ILeadImportRow } from './lead-import.js';
import { LeadNote, type ILeadNote } from './lead-note.js';
import { Opportunity, type IOpportunity } from './opportunity.js';
import { Setting, type ISetting } from './setting.js';

export { AuditEvent, Lead, LeadImport, LeadImportRow, LeadNote, Opportunity, Setting };
export type { IAuditEvent, ILead, ILeadImport, ILeadImportRow, ILeadNote, IOpportunity, ISetting };
export const ENTITIES = [Lead, AuditEvent, LeadNote, Opportunity, LeadImport, LeadImportRow, Setting];
