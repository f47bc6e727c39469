// Every entity the ORM knows. Add new entities here (and generate a migration).
import { ApiKey, type IApiKey } from './api-key.js';
import { AuditEvent, type IAuditEvent } from './audit-event.js';
import { IdempotencyKey, type IIdempotencyKey } from './idempotency-key.js';
import { Lead, type ILead } from './lead.js';

export { ApiKey, AuditEvent, IdempotencyKey, Lead };
export type { IApiKey, IAuditEvent, IIdempotencyKey, ILead };
export const ENTITIES = [Lead, AuditEvent, ApiKey, IdempotencyKey];
