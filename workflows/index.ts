// Every workflow the worker runs (the bundle's entry point).
export { leadWorkflow } from './lead.js';
export { leadImportWorkflow } from './lead-import.js';
export { decisionWebhookWorkflow } from './decision-webhook.js';
export { offboardingWorkflow } from './offboarding.js';
export { processingRunWorkflow } from './processing-run.js';
export { staleSweepWorkflow } from './stale-sweep.js';
