// What globalSetup started, shared with test files through a JSON file.
import fs from 'node:fs';

export interface RunState {
  runDir: string;
  pgAdminUrl: string;
  pgTemplateDb: string;
  temporalAddress: string;
  workflowBundlePath: string;
  testServerPath?: string;
  authSecret: string;
}

export const RUN_STATE_ENV = 'LEADFLOW_TEST_RUN_STATE';

export function readRunState(): RunState {
  const file = process.env[RUN_STATE_ENV];
  if (!file) throw new Error(`${RUN_STATE_ENV} is not set: run tests through jest (globalSetup starts the services)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RunState;
}
