// A CSV import: the uploaded rows are staged in lead_import_row (streamed in, never held in
// memory), then the import workflow turns each good row into a lead workflow.
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const LeadImport = defineEntity({
  name: 'LeadImport',
  tableName: 'lead_import',
  properties: {
    id: p.uuid().primary(),
    source: p.string().length(20),
    fileName: p.string().length(200).nullable(),
    status: p.string().length(32).default('Staging'), // Staging, Queued, Running, Completed, Completed with errors, Failed
    totalRows: p.integer().default(0),
    processedRows: p.integer().default(0),
    importedRows: p.integer().default(0),
    duplicateRows: p.integer().default(0),
    failedRows: p.integer().default(0),
    lastLine: p.integer().default(0),
    createdBy: p.string().length(200),
    error: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});
export type ILeadImport = InferEntity<typeof LeadImport>;

export const LeadImportRow = defineEntity({
  name: 'LeadImportRow',
  tableName: 'lead_import_row',
  properties: {
    importId: p.uuid().primary(),
    line: p.integer().primary(),
    data: p.json<Record<string, string>>(),
    status: p.string().length(20).default('Pending'), // Pending, Imported, Duplicate, Failed
    leadId: p.uuid().nullable(),
    errors: p.json<{ field: string; message: string }[]>().nullable(),
  },
  primaryKeys: ['importId', 'line'],
});
export type ILeadImportRow = InferEntity<typeof LeadImportRow>;
