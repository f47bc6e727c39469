// Offboarding: reassign every open lead of a rep (reason Workload), page by page, recording
// progress in Postgres after each page (and answering the `progress` query). Workflow id
// offboarding-<repId>: one at a time per rep. Continues as new every 50 pages.
import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { offboardingProgressQuery, type OffboardingInput, type OffboardingProgress } from './assignment-messages.js';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const PAGES_PER_RUN = 50;

export async function offboardingWorkflow(input: OffboardingInput): Promise<OffboardingProgress> {
  const progress: OffboardingProgress = input.progress ?? { total: 0, processed: 0, reassigned: 0, failed: 0, lastLeadId: null, errors: [] };
  setHandler(offboardingProgressQuery, () => progress);
  if (!input.progress) {
    progress.total = await acts.countOffboardingLeads({ repId: input.repId });
    await acts.recordOffboardingProgress({ offboardingId: input.offboardingId, progress, finished: false });
  }

  for (let pages = 0; ; pages++) {
    if (pages >= PAGES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof offboardingWorkflow>({ ...input, progress });
    }
    const page = await acts.listOffboardingLeads({ repId: input.repId, afterLeadId: progress.lastLeadId, limit: input.pageSize });
    if (page.length === 0) break;
    const results = await Promise.all(page.map((leadId) => acts.requestLeadReassign({ offboardingId: input.offboardingId, leadId, actor: input.actor })));
    results.forEach((r, i) => {
      const leadId = page[i]!;
      progress.processed++;
      if (r.ok) progress.reassigned++;
      else {
        progress.failed++;
        progress.errors.push({ leadId, error: r.error ?? 'failed' });
        if (progress.errors.length > 100) progress.errors.shift(); // the most recent 100
      }
    });
    progress.lastLeadId = page[page.length - 1] ?? progress.lastLeadId;
    progress.total = Math.max(progress.total, progress.processed);
    await acts.recordOffboardingProgress({ offboardingId: input.offboardingId, progress, finished: false });
  }
  await acts.recordOffboardingProgress({ offboardingId: input.offboardingId, progress, finished: true });
  return progress;
}
