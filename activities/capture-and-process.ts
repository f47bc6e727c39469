// The first step of a lead's life in one activity call: capture (row, account/contact, dedupe),
// the settings the lifecycle runs with, and the processing pipeline (qualify, rank, score,
// channel). Each part is its own idempotent transaction; together they save the workflow two
// round trips per lead (capture throughput).
import type { CaptureAndProcessInput, CapturedLead } from '../workflows/lead-activities.js';
import { SYSTEM_ACTOR } from '../workflows/messages.js';
import type { ActivityDeps } from './deps.js';
import { leadActivities } from './leads.js';
import { lifecycleActivities } from './lifecycle.js';
import { ruleActivities } from './rules.js';

export function captureAndProcessActivities(deps: ActivityDeps) {
  const leads = leadActivities(deps);
  const lifecycle = lifecycleActivities(deps);
  const rules = ruleActivities(deps);
  return {
    async captureAndProcessLead(input: CaptureAndProcessInput): Promise<CapturedLead> {
      const { pipelineEventKey, ...capture } = input;
      const captured = await leads.captureLead(capture);
      const settings = await lifecycle.loadLifecycleSettings();
      if (captured.duplicateOfId) return { ...captured, settings, pipeline: null };
      const pipeline = await rules.runLeadPipeline({
        leadId: input.leadId,
        eventKey: pipelineEventKey,
        actor: SYSTEM_ACTOR,
        reason: 'captured',
        ...(input.requestId ? { requestId: input.requestId } : {}),
      });
      return { ...captured, settings, pipeline };
    },
  };
}
