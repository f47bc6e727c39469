// Where the Temporal CLI (dev server) and the time-skipping test server live.
// (Minimal resolver; scripts/provision-temporal.sh installs them.)
import fs from 'node:fs';
import path from 'node:path';

export interface TemporalBinaries {
  cli?: string;
  testServer?: string;
  source: string;
}

export function resolveTemporalBinaries(projectRoot = process.cwd()): TemporalBinaries {
  const venv = path.join(projectRoot, '.tools', 'venv', 'bin');
  const cli = process.env.TEMPORAL_CLI_PATH ?? path.join(venv, 'temporal');
  const testServer = process.env.TEMPORAL_TEST_SERVER_PATH ?? path.join(venv, 'temporal-test-server');
  if (!fs.existsSync(cli)) {
    throw new Error(`Temporal CLI not found (looked at ${cli}); run: npm run provision:temporal`);
  }
  return { cli, testServer: fs.existsSync(testServer) ? testServer : undefined, source: 'venv' };
}

export function testServerExecutable(b: TemporalBinaries) {
  return b.testServer ? { type: 'existing-path' as const, path: b.testServer } : { type: 'cached-download' as const };
}

export function cliExecutable(b: TemporalBinaries) {
  return b.cli ? { type: 'existing-path' as const, path: b.cli } : { type: 'cached-download' as const };
}
