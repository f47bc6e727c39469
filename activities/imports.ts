// CSV import processing: each page of staged rows is validated, and every good row becomes a
// lead workflow through update-with-start (the same idempotent capture as POST /leads). A page
// resumes where a crashed attempt stopped: rows are marked as they are done.
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import { CancelledFailure } from '@temporalio/common';
import { pgArray } from '../db/assignment/sql.js';
import { LeadImport, LeadImportRow } from '../db/entities/index.js';
import { rowToCapture } from '../rules/csv-row.js';
import type { LeadCapture } from '../rules/lead-attributes.js';
import { leadIdForReference } from '../rules/lead-ids.js';
import type { LeadSource } from '../rules/lookups.js';
import type { leadWorkflow } from '../workflows/lead.js';
import { LEAD_WORKFLOW_TYPE, capturedUpdate, leadWorkflowId, type Actor } from '../workflows/messages.js';
import type { ActivityDeps } from './deps.js';

export interface ImportPageInput {
  importId: string;
  afterLine: number;
  limit: number;
  concurrency: number;
  actor: Actor;
}
export interface ImportPageResult {
  lastLine: number;
  rows: number;
  done: boolean;
}
export interface ImportSummary {
  status: string;
  totalRows: number;
  importedRows: number;
  duplicateRows: number;
  failedRows: number;
}

/** A staged row, parsed: a capture with its lead id, or the reasons it cannot be one. */
type StagedRow =
  | { ok: true; line: number; requestId: string; capture: LeadCapture; leadId: string }
  | { ok: false; line: number; errors: { field: string; message: string }[] };
type RowOutcome = { line: number; status: 'Imported' | 'Duplicate' | 'Failed'; leadId: string | null; errors: { field: string; message: string }[] | null };

export function importActivities({ orm, temporal }: ActivityDeps) {
  async function refreshCounts(importId: string, lastLine?: number): Promise<ImportSummary> {
    const em = orm.em.fork();
    const counts = await em.execute<{ status: string; n: string }[]>('select status, count(*) as n from lead_import_row where import_id = ? group by status', [importId]);
    const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
    const imported = n('Imported');
    const duplicate = n('Duplicate');
    const failed = n('Failed');
    await em.nativeUpdate(LeadImport, { id: importId }, {
      processedRows: imported + duplicate + failed,
      importedRows: imported,
      duplicateRows: duplicate,
      failedRows: failed,
      ...(lastLine !== undefined ? { lastLine } : {}),
    });
    const imp = await em.findOneOrFail(LeadImport, { id: importId });
    return { status: imp.status, totalRows: imp.totalRows, importedRows: imported, duplicateRows: duplicate, failedRows: failed };
  }

  return {
    async markImportRunning(importId: string): Promise<void> {
      await orm.em.fork().nativeUpdate(LeadImport, { id: importId, status: { $in: ['Queued', 'Running'] } }, { status: 'Running', startedAt: new Date() });
    },

    async importPage(input: ImportPageInput): Promise<ImportPageResult> {
      const ctx = Context.current();
      const em = orm.em.fork();
      const imp = await em.findOneOrFail(LeadImport, { id: input.importId });
      const rows = await em.find(LeadImportRow, { importId: input.importId, line: { $gt: input.afterLine } }, { orderBy: { line: 'asc' }, limit: input.limit });
      const pending = rows.filter((r) => r.status === 'Pending');
      const staged = pending.map((row): StagedRow => {
        const requestId = `import:${input.importId}:${row.line}`;
        const parsed = rowToCapture(row.data, { source: imp.source as LeadSource, origSystemReference: requestId });
        if (!parsed.ok) return { ok: false, line: row.line, errors: parsed.errors };
        const leadId = leadIdForReference(parsed.capture.source, parsed.capture.origSystemReference ?? requestId);
        return { ok: true, line: row.line, requestId, capture: parsed.capture, leadId };
      });
      // Leads that exist already (a file imported again, or rows of another import) are
      // duplicates without a round trip to Temporal each; a lead this very row captured in a
      // crashed attempt (its request id is on the lead's audit events) counts as imported.
      const ids = staged.flatMap((r) => (r.ok ? [r.leadId] : []));
      const existing = new Map<string, Set<string>>();
      if (ids.length > 0) {
        const found = await em.execute<{ id: string; request_ids: string[] }[]>(
          `select l.id, array(select distinct e.request_id from audit_event e where e.lead_id = l.id and e.request_id like ?) as request_ids from lead l where l.id = any(?::uuid[])`,
          [`import:${input.importId}:%`, pgArray(ids)],
        );
        for (const f of found) existing.set(f.id, new Set(f.request_ids));
      }
      let next = 0;
      const outcomes: RowOutcome[] = [];
      const work = async () => {
        // A cancelled attempt (worker shutting down, import cancelled) starts no further rows;
        // the rows it did not start stay Pending for the next attempt.
        while (next < staged.length && !ctx.cancellationSignal.aborted) {
          const row = staged[next++]!;
          outcomes.push(await importRow(row));
          ctx.heartbeat({ line: row.line });
        }
      };
      const importRow = async (row: StagedRow): Promise<RowOutcome> => {
        if (!row.ok) return { line: row.line, status: 'Failed', leadId: null, errors: row.errors };
        const { line, requestId, capture, leadId } = row;
        const known = existing.get(leadId);
        if (known) return { line, status: known.has(requestId) ? 'Imported' : 'Duplicate', leadId, errors: null };
        const start = new WithStartWorkflowOperation<typeof leadWorkflow>(LEAD_WORKFLOW_TYPE, {
          workflowId: leadWorkflowId(leadId),
          taskQueue: ctx.info.taskQueue,
          args: [{ leadId, capture, actor: input.actor, requestId }],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: { name: [capture.firstName, capture.lastName].filter(Boolean).join(' '), company: capture.companyName ?? '', source: capture.source, importId: input.importId },
        });
        try {
          const r = await temporal.workflow.executeUpdateWithStart(capturedUpdate, { args: [requestId], startWorkflowOperation: start });
          return { line, status: r.created ? 'Imported' : 'Duplicate', leadId, errors: null };
        } catch (err) {
          if (err instanceof WorkflowExecutionAlreadyStartedError) return { line, status: 'Duplicate', leadId, errors: null };
          throw err;
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.max(1, input.concurrency) }, work));
      } finally {
        // Record what was done even when a row failed to start: a retry resumes after it.
        for (const o of outcomes) {
          await em.nativeUpdate(LeadImportRow, { importId: input.importId, line: o.line }, { status: o.status, leadId: o.leadId, errors: o.errors });
        }
      }
      if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason ?? new CancelledFailure('import page cancelled');
      const lastLine = rows.at(-1)?.line ?? input.afterLine;
      await refreshCounts(input.importId, lastLine);
      return { lastLine, rows: rows.length, done: rows.length < input.limit };
    },

    async finishImport(importId: string): Promise<ImportSummary> {
      const summary = await refreshCounts(importId);
      const status = summary.failedRows > 0 ? 'Completed with errors' : 'Completed';
      await orm.em.fork().nativeUpdate(LeadImport, { id: importId }, { status, finishedAt: new Date() });
      return { ...summary, status };
    },
  };
}
