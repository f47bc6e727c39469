// Every entity the ORM knows. Add new entities here (and generate a migration).
import { AuditEvent, type IAuditEvent } from './audit-event.js';
import { Lead, type ILead } from './lead.js';

export { AuditEvent, Lead };
export type { IAuditEvent, ILead };
export const ENTITIES = [Lead, AuditEvent];
