// Replays every recorded workflow history (test/fixtures/histories, recorded by the tests with
// LEADFLOW_RECORD_HISTORIES=1) against the current workflow bundle: a change that would break
// running workflows (non-determinism) fails here. Use patched() to change running workflows.
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '../support/history-json.js';
import { Worker } from '@temporalio/worker';
import { createLogger } from '../../platform/logger.js';
import { installTemporalRuntime } from '../../platform/temporal-runtime.js';
import { HISTORIES_DIR } from '../support/histories.js';
import { readRunState } from '../support/run-state.js';

const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];

it('has recorded histories of the lead, import and processing workflows to replay', () => {
  const types = new Set(files.map((f) => JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, f), 'utf8')).events[0].workflowExecutionStartedEventAttributes.workflowType.name));
  expect([...types].sort()).toEqual(expect.arrayContaining(['leadImportWorkflow', 'leadWorkflow', 'processingRunWorkflow']));
  expect(files.length).toBeGreaterThanOrEqual(6);
});

it.each(files.map((f) => [f]))('replays %s deterministically', async (file) => {
  installTemporalRuntime(createLogger('error'), 'ERROR');
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
  await Worker.runReplayHistory({ workflowBundle: { codePath: readRunState().workflowBundlePath } }, history, file.replace(/\.json$/, ''));
});

it('keeps the workflow bundle lean: no zod or other heavy libraries (workflow modules re-initialise per workflow)', () => {
  const bundle = fs.readFileSync(readRunState().workflowBundlePath, 'utf8');
  for (const lib of ['zod', 'pg', '@mikro-orm', 'express', 'jose']) expect({ lib, bundled: bundle.includes(`node_modules/${lib}/`) }).toEqual({ lib, bundled: false });
});
