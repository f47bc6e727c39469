// Recording workflow histories for the replay test: with LEADFLOW_RECORD_HISTORIES=1, tests save
// the histories of the workflows they drove to test/fixtures/histories/<name>.json (commit them).
// test/workflow/replay.test.ts replays every recorded history against the current workflow code,
// so a change that breaks determinism for running workflows fails CI.
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from './history-json.js';

export const HISTORIES_DIR = path.resolve('test/fixtures/histories');

export async function recordHistory(temporal: Client, workflowId: string, name: string): Promise<void> {
  if (process.env.LEADFLOW_RECORD_HISTORIES !== '1') return;
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(history));
}
