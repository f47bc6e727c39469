// Runs the Temporal dev server (CLI `server start-dev`) as a child process, with our own
// readiness wait (the SDK's is too short for a busy 2-core machine).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_TYPES } from '../workflows/search-attributes.js';
import { waitForPort } from './ports.js';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  /** Web UI port; `false` runs headless. */
  uiPort: number | false;
  /** SQLite file; unset keeps everything in memory. */
  dbFile?: string;
  namespace: string;
  readinessTimeoutMs?: number;
  onLog?: (line: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(opts: DevServerOptions): Promise<RunningDevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn'];
  if (opts.namespace !== 'default') args.push('--namespace', opts.namespace);
  if (opts.uiPort === false) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-disable-news-fetch');
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(path.resolve(opts.dbFile)), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  args.push('--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=OFF');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) args.push('--search-attribute', `${name}=${type}`);

  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = opts.onLog ?? (() => undefined);
  let exited: string | undefined;
  child.stdout?.on('data', (b: Buffer) => log(b.toString().trimEnd()));
  child.stderr?.on('data', (b: Buffer) => log(b.toString().trimEnd()));
  child.once('exit', (code, signal) => { exited = `exited with code ${code} signal ${signal}`; });
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitUntilServing(address, opts.readinessTimeoutMs ?? 90_000, () => exited);
  } catch (err) {
    await stopChild(child);
    throw err;
  }
  return {
    address,
    uiUrl: opts.uiPort === false ? undefined : `http://127.0.0.1:${opts.uiPort}`,
    stop: () => stopChild(child),
  };
}

async function waitUntilServing(address: string, timeoutMs: number, exited: () => string | undefined) {
  const [host, port] = address.split(':') as [string, string];
  const deadline = Date.now() + timeoutMs;
  await waitForPort(host, Number(port), timeoutMs, 'Temporal dev server');
  for (;;) {
    const why = exited();
    if (why) throw new Error(`Temporal dev server ${why}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal dev server at ${address} not ready within ${timeoutMs} ms: ${String(err)}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}
