// Where the Temporal CLI (dev server) and the time-skipping test server live on this machine.
// scripts/provision-temporal.sh installs them and writes .tools/temporal-binaries.json;
// TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH override it. See docs/temporal-binaries.md.
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EphemeralServerExecutable } from '@temporalio/testing';

/** How a binary was found: an env override, the provisioning script's routes, or the SDK's download. */
export type TemporalBinarySource = 'env' | 'venv' | 'go' | 'sdk-download';

export interface TemporalBinaries {
  /** Absolute path of the `temporal` CLI; undefined when the SDK downloads it. */
  cli?: string;
  /** Absolute path of `temporal-test-server`; undefined when the SDK downloads it. */
  testServer?: string;
  source: { cli: TemporalBinarySource; testServer: TemporalBinarySource };
}

export const MANIFEST_RELATIVE_PATH = join('.tools', 'temporal-binaries.json');

const defaultProjectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const sources: readonly string[] = ['env', 'venv', 'go', 'sdk-download'];

interface Manifest {
  cli: string | null;
  testServer: string | null;
  route: { cli: TemporalBinarySource; testServer: TemporalBinarySource };
}

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function readManifest(path: string): Manifest | string {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return `${path} does not exist`;
  }
  try {
    const m = JSON.parse(raw) as Partial<Manifest>;
    const route = m.route ?? { cli: undefined, testServer: undefined };
    const pathOk = (p: unknown) => p === null || typeof p === 'string';
    if (!pathOk(m.cli) || !pathOk(m.testServer) || !sources.includes(String(route.cli))
      || !sources.includes(String(route.testServer))) {
      return `${path} is not a manifest written by scripts/provision-temporal.sh`;
    }
    return m as Manifest;
  } catch {
    return `${path} is not valid JSON`;
  }
}

/**
 * Resolves each binary: its env var (must be an executable file) first, then the manifest
 * written by `npm run provision:temporal` (its paths must still be executable files).
 * Throws, naming everything looked at, when a binary is found neither way.
 */
export function resolveTemporalBinaries(projectRoot: string = defaultProjectRoot): TemporalBinaries {
  const manifestPath = join(projectRoot, MANIFEST_RELATIVE_PATH);
  const problems: string[] = [];
  let manifest: Manifest | string | undefined;
  const fromManifest = () => (manifest ??= readManifest(manifestPath));

  const resolveOne = (key: 'cli' | 'testServer', envName: string): [string | undefined, TemporalBinarySource] | undefined => {
    const fromEnv = process.env[envName];
    if (fromEnv) {
      const path = isAbsolute(fromEnv) ? fromEnv : resolve(fromEnv);
      if (isExecutableFile(path)) return [path, 'env'];
      problems.push(`${envName}=${fromEnv} is not an executable file`);
      return undefined;
    }
    const m = fromManifest();
    if (typeof m === 'string') {
      problems.push(`${envName} is not set, and ${m}`);
      return undefined;
    }
    const path = m[key];
    if (path === null) {
      if (m.route[key] === 'sdk-download') return [undefined, 'sdk-download'];
      problems.push(`${manifestPath} has no ${key} path`);
      return undefined;
    }
    if (isExecutableFile(path)) return [path, m.route[key]];
    problems.push(`${envName} is not set, and ${manifestPath} names ${path}, which is not an executable file`);
    return undefined;
  };

  const cli = resolveOne('cli', 'TEMPORAL_CLI_PATH');
  const testServer = resolveOne('testServer', 'TEMPORAL_TEST_SERVER_PATH');
  if (!cli || !testServer) {
    throw new Error(
      `Temporal binaries not found. Run \`npm run provision:temporal\` (or set TEMPORAL_CLI_PATH / `
      + `TEMPORAL_TEST_SERVER_PATH). Looked for:\n  - ${problems.join('\n  - ')}`,
    );
  }
  return {
    ...(cli[0] ? { cli: cli[0] } : {}),
    ...(testServer[0] ? { testServer: testServer[0] } : {}),
    source: { cli: cli[1], testServer: testServer[1] },
  };
}

const executable = (path: string | undefined): EphemeralServerExecutable =>
  path ? { type: 'existing-path', path } : { type: 'cached-download' };

/** `server.executable` for `TestWorkflowEnvironment.createTimeSkipping`. */
export function testServerExecutable(b: TemporalBinaries): EphemeralServerExecutable {
  return executable(b.testServer);
}

/** `server.executable` for `TestWorkflowEnvironment.createLocal` (the CLI's dev server). */
export function cliExecutable(b: TemporalBinaries): EphemeralServerExecutable {
  return executable(b.cli);
}
