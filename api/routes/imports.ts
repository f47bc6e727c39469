// CSV imports: upload (streamed into staging), then an import workflow captures each good row.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { LeadImport, LeadImportRow } from '../../db/entities/index.js';
import { LEAD_SOURCES } from '../../rules/lookups.js';
import { CSV_TEMPLATE_COLUMNS } from '../../rules/csv-row.js';
import type { leadImportWorkflow } from '../../workflows/lead-import.js';
import { LEAD_IMPORT_WORKFLOW_TYPE, actorLabel, leadImportWorkflowId } from '../../workflows/messages.js';
import type { AppDeps } from '../app-deps.js';
import { principalActor } from '../auth/principal.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { defineRoute, type RouteSpec } from '../http/route.js';
import { uuidParam } from '../schemas/common.js';
import { stageCsv } from '../services/import-staging.js';

const importSchema = z.object({
  id: z.uuid(),
  source: z.enum(LEAD_SOURCES),
  fileName: z.string().nullable(),
  status: z.enum(['Staging', 'Queued', 'Running', 'Completed', 'Completed with errors', 'Failed']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  importedRows: z.number().int(),
  duplicateRows: z.number().int(),
  failedRows: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  workflowId: z.string(),
});
const rowSchema = z.object({
  line: z.number().int(),
  status: z.enum(['Pending', 'Imported', 'Duplicate', 'Failed']),
  leadId: z.uuid().nullable(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).nullable(),
  data: z.record(z.string(), z.string()),
});

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);
type ImportRow = { id: string; source: string; fileName?: string | null; status: string; totalRows: number; processedRows: number; importedRows: number; duplicateRows: number; failedRows: number; createdBy: string; createdAt: Date; startedAt?: Date | null; finishedAt?: Date | null };
const toDto = (i: ImportRow) => ({
  id: i.id, source: i.source, fileName: i.fileName ?? null, status: i.status, totalRows: i.totalRows, processedRows: i.processedRows,
  importedRows: i.importedRows, duplicateRows: i.duplicateRows, failedRows: i.failedRows, createdBy: i.createdBy,
  createdAt: iso(i.createdAt)!, startedAt: iso(i.startedAt), finishedAt: iso(i.finishedAt), workflowId: leadImportWorkflowId(i.id),
});

export function importRoutes(deps: AppDeps & { maxImportRows?: number }): RouteSpec[] {
  return [
    defineRoute({
      method: 'post',
      path: '/imports',
      operationId: 'importLeadsCsv',
      summary: 'Import leads from a CSV file (header: capture attribute names or custom.<key>); one lead workflow per good row',
      description: `Columns: ${CSV_TEMPLATE_COLUMNS.join(', ')}, custom.<key>. Rows without origSystemReference get import:<importId>:<line>.`,
      tags: ['imports'],
      access: ['admin', 'integration'],
      query: z.strictObject({ source: z.enum(LEAD_SOURCES).default('import'), fileName: z.string().trim().min(1).max(200).optional() }),
      rawBody: { contentType: 'text/csv', description: 'The CSV file (UTF-8), streamed' },
      responses: { 202: { description: 'Staged; the import workflow is running', schema: importSchema }, 413: { description: 'Too many rows' }, 415: { description: 'Not text/csv' }, 422: { description: 'Unknown columns or no rows' } },
      handler: async ({ query, principal, req }) => {
        if (!req.is('text/csv')) throw new HttpProblem(415, 'unsupported_media_type', 'Send the file as Content-Type: text/csv');
        if (principal.source && principal.source !== query.source) {
          throw new HttpProblem(403, 'source_not_allowed', `This API key may import only source '${principal.source}'`, {
            errors: [{ field: 'query.source', path: ['query', 'source'], message: `must be '${principal.source}'`, code: 'source_not_allowed' }],
          });
        }
        const id = randomUUID();
        const actor = principalActor(principal);
        await deps.orm.em.fork().insert(LeadImport, { id, source: query.source, fileName: query.fileName ?? null, status: 'Staging', createdBy: actorLabel(actor) });
        try {
          await stageCsv(deps.orm, id, req, deps.maxImportRows ?? 100_000);
        } catch (err) {
          await deps.orm.em.fork().nativeDelete(LeadImport, { id });
          throw err;
        }
        await deps.orm.em.fork().nativeUpdate(LeadImport, { id }, { status: 'Queued' });
        await deps.temporal.workflow.start<typeof leadImportWorkflow>(LEAD_IMPORT_WORKFLOW_TYPE, {
          workflowId: leadImportWorkflowId(id),
          taskQueue: deps.taskQueue,
          args: [{ importId: id, actor }],
          memo: { fileName: query.fileName ?? '', source: query.source },
        });
        const row = await deps.orm.em.fork().findOneOrFail(LeadImport, { id });
        return { status: 202, headers: { Location: `/imports/${id}` }, body: toDto(row) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/imports/:id',
      operationId: 'getImport',
      summary: 'Progress of an import: counts of imported, duplicate and failed rows',
      tags: ['imports'],
      access: ['admin', 'ops', 'integration'],
      params: uuidParam,
      responses: { 200: { description: 'The import', schema: importSchema }, 404: { description: 'No such import' } },
      handler: async ({ params }) => {
        const row = await deps.orm.em.fork().findOne(LeadImport, { id: params.id });
        if (!row) throw notFound('import', params.id);
        return { status: 200, body: toDto(row) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/imports/:id/rows',
      operationId: 'getImportRows',
      summary: 'Rows of an import by status (e.g. Failed, with the errors per field and the line number)',
      tags: ['imports'],
      access: ['admin', 'ops', 'integration'],
      params: uuidParam,
      query: z.strictObject({
        status: z.enum(['Pending', 'Imported', 'Duplicate', 'Failed']).optional(),
        afterLine: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      responses: { 200: { description: 'Rows in line order', schema: z.object({ items: z.array(rowSchema), nextAfterLine: z.number().int().nullable() }) }, 404: { description: 'No such import' } },
      handler: async ({ params, query }) => {
        const em = deps.orm.em.fork();
        if (!(await em.findOne(LeadImport, { id: params.id }))) throw notFound('import', params.id);
        const rows = await em.find(
          LeadImportRow,
          { importId: params.id, line: { $gt: query.afterLine }, ...(query.status ? { status: query.status } : {}) },
          { orderBy: { line: 'asc' }, limit: query.limit + 1 },
        );
        const page = rows.slice(0, query.limit);
        return {
          status: 200,
          body: {
            items: page.map((r) => ({ line: r.line, status: r.status, leadId: r.leadId ?? null, errors: r.errors ?? null, data: r.data })),
            nextAfterLine: rows.length > query.limit ? page.at(-1)!.line : null,
          },
        };
      },
    }),
  ];
}
