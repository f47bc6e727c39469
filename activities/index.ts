// The activity factory: plain async functions grouped by concern, built from injected deps.
import type { ActivityDeps } from './deps.js';
import { importActivities } from './imports.js';
import { leadActivities } from './leads.js';
import { lifecycleActivities } from './lifecycle.js';
import { notifyActivities } from './notify/index.js';
import { processingActivities } from './processing/index.js';
import { ruleActivities } from './rules.js';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps) {
  return {
    ...leadActivities(deps),
    ...lifecycleActivities(deps),
    ...notifyActivities(deps),
    ...importActivities(deps),
    ...ruleActivities(deps),
    ...processingActivities(deps),
  };
}
export type Activities = ReturnType<typeof createActivities>;
