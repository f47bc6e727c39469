import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cliExecutable, resolveTemporalBinaries, testServerExecutable,
} from '../../../platform/temporal-binaries.js';

const envNames = ['TEMPORAL_CLI_PATH', 'TEMPORAL_TEST_SERVER_PATH'] as const;
const savedEnv = envNames.map((name) => [name, process.env[name]] as const);
let root: string;

function fakeExecutable(name: string, mode = 0o755): string {
  const path = join(root, 'bin', name);
  mkdirSync(join(root, 'bin'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\nexit 0\n');
  chmodSync(path, mode);
  return path;
}

function writeManifest(manifest: object): void {
  mkdirSync(join(root, '.tools'), { recursive: true });
  writeFileSync(join(root, '.tools', 'temporal-binaries.json'), JSON.stringify(manifest));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'leadflow-binaries-'));
  for (const name of envNames) delete process.env[name];
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  for (const [name, value] of savedEnv) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('resolveTemporalBinaries', () => {
  it('reads the manifest written by the provisioning script', () => {
    const cli = fakeExecutable('temporal');
    const testServer = fakeExecutable('temporal-test-server');
    writeManifest({ cli, testServer, route: { cli: 'venv', testServer: 'venv' } });

    expect(resolveTemporalBinaries(root)).toEqual({ cli, testServer, source: { cli: 'venv', testServer: 'venv' } });
  });

  it('lets the env vars win over the manifest, each binary on its own', () => {
    const cli = fakeExecutable('temporal');
    const testServer = fakeExecutable('temporal-test-server');
    const override = fakeExecutable('my-temporal');
    writeManifest({ cli, testServer, route: { cli: 'go', testServer: 'venv' } });
    process.env.TEMPORAL_CLI_PATH = override;

    expect(resolveTemporalBinaries(root)).toEqual({
      cli: override, testServer, source: { cli: 'env', testServer: 'venv' },
    });
  });

  it('needs no manifest when both env vars are set', () => {
    process.env.TEMPORAL_CLI_PATH = fakeExecutable('temporal');
    process.env.TEMPORAL_TEST_SERVER_PATH = fakeExecutable('temporal-test-server');

    expect(resolveTemporalBinaries(root).source).toEqual({ cli: 'env', testServer: 'env' });
  });

  it('rejects an env var that names a non-executable file', () => {
    process.env.TEMPORAL_TEST_SERVER_PATH = fakeExecutable('temporal-test-server', 0o644);
    process.env.TEMPORAL_CLI_PATH = fakeExecutable('temporal');

    expect(() => resolveTemporalBinaries(root)).toThrow(/TEMPORAL_TEST_SERVER_PATH=.* is not an executable file/);
  });

  it('tells the user to provision when there is no manifest, listing what it looked for', () => {
    const error = (() => {
      try {
        resolveTemporalBinaries(root);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(error).toContain('npm run provision:temporal');
    expect(error).toContain('TEMPORAL_CLI_PATH is not set');
    expect(error).toContain('TEMPORAL_TEST_SERVER_PATH is not set');
    expect(error).toContain(join(root, '.tools', 'temporal-binaries.json'));
  });

  it('rejects a manifest whose binaries have gone', () => {
    writeManifest({
      cli: join(root, 'gone', 'temporal'), testServer: fakeExecutable('temporal-test-server'),
      route: { cli: 'venv', testServer: 'venv' },
    });

    expect(() => resolveTemporalBinaries(root)).toThrow(/gone\/temporal, which is not an executable file/);
  });

  it('rejects a manifest that is not JSON', () => {
    mkdirSync(join(root, '.tools'));
    writeFileSync(join(root, '.tools', 'temporal-binaries.json'), '{ nope');

    expect(() => resolveTemporalBinaries(root)).toThrow(/is not valid JSON/);
  });

  it('leaves binaries routed to the SDK download without a path', () => {
    const cli = fakeExecutable('temporal');
    writeManifest({ cli, testServer: null, route: { cli: 'go', testServer: 'sdk-download' } });

    const b = resolveTemporalBinaries(root);
    expect(b).toEqual({ cli, source: { cli: 'go', testServer: 'sdk-download' } });
    expect(cliExecutable(b)).toEqual({ type: 'existing-path', path: cli });
    expect(testServerExecutable(b)).toEqual({ type: 'cached-download' });
  });
});
