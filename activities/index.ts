// The activity factory: plain async functions grouped by concern, built from injected deps.
import { assignmentActivities } from './assignment.js';
import { decisionWebhookActivities } from './decision-webhook.js';
import type { ActivityDeps } from './deps.js';
import { leadActivities } from './leads.js';
import { offboardingActivities } from './offboarding.js';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps) {
  return {
    ...leadActivities(deps),
    ...assignmentActivities(deps),
    ...decisionWebhookActivities(deps),
    ...offboardingActivities(deps),
  };
}
export type Activities = ReturnType<typeof createActivities>;
