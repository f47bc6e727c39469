// A CSV import: pages through the staged rows (activities start one lead workflow per good row)
// and keeps its history bounded with continue-as-new. Resumable: a page picks up after the
// last row it finished; rows are never imported twice (idempotent lead ids).
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ImportPageResult, ImportSummary, importActivities } from '../activities/imports.js';
import type { LeadImportInput } from './messages.js';

type ImportActivities = ReturnType<typeof importActivities>;
const acts = proxyActivities<ImportActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});


export async function leadImportWorkflow(input: LeadImportInput): Promise<ImportSummary> {
  const pageSize = input.pageSize ?? 200;
  let afterLine = input.afterLine ?? 0;
  if (afterLine === 0) await acts.markImportRunning(input.importId);
  for (;;) {
    const page: ImportPageResult = await acts.importPage({ importId: input.importId, afterLine, limit: pageSize, concurrency: input.concurrency ?? 16, actor: input.actor });
    afterLine = page.lastLine;
    if (page.done) break;
    if (workflowInfo().historyLength > 500) return continueAsNew<typeof leadImportWorkflow>({ ...input, afterLine });
  }
  return acts.finishImport(input.importId);
}
