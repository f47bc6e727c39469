// The activity factory: plain async functions grouped by concern, built from injected deps.
import { assignmentActivities } from './assignment.js';
import { captureAndProcessActivities } from './capture-and-process.js';
import { decisionWebhookActivities } from './decision-webhook.js';
import type { LeadLifecycleActivities } from '../workflows/lead-activities.js';
import type { ActivityDeps } from './deps.js';
import { importActivities } from './imports.js';
import { leadActivities } from './leads.js';
import { lifecycleActivities } from './lifecycle.js';
import { notifyActivities } from './notify/index.js';
import { processingActivities } from './processing/index.js';
import { ruleActivities } from './rules.js';
import { offboardingActivities } from './offboarding.js';
import { staleSweepActivities } from './stale-sweep.js';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps) {
  return {
    ...leadActivities(deps),
    ...lifecycleActivities(deps),
    ...notifyActivities(deps),
    ...importActivities(deps),
    ...ruleActivities(deps),
    ...assignmentActivities(deps),
    ...decisionWebhookActivities(deps),
    ...offboardingActivities(deps),
    ...captureAndProcessActivities(deps),
    ...processingActivities(deps),
    ...staleSweepActivities(deps),
  };
}
export type Activities = ReturnType<typeof createActivities>;

/** The lead workflow's activity contract (workflows/lead-activities.ts) holds: checked by tsc. */
export const satisfiesLeadContract: (deps: ActivityDeps) => LeadLifecycleActivities = createActivities;
