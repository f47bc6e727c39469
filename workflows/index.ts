// Every workflow the worker runs (the bundle's entry point).
export { leadWorkflow } from './lead.js';
export { leadImportWorkflow } from './lead-import.js';
export { processingRunWorkflow } from './processing-run.js';
