// The activity factory: plain async functions grouped by concern, built from injected deps.
import type { ActivityDeps } from './deps.js';
import { leadActivities } from './leads.js';
import { ruleActivities } from './rules.js';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps) {
  return {
    ...leadActivities(deps),
    ...ruleActivities(deps),
  };
}
export type Activities = ReturnType<typeof createActivities>;
