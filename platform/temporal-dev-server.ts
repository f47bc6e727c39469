// Runs the Temporal dev server (CLI `server start-dev`) as a child process, with our own
// readiness wait (the SDK's is too short for a busy 2-core machine).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_TYPES } from '../workflows/search-attributes.js';
import { watchChild } from './child-service.js';
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
  /**
   * Run in its own process group, so that a Ctrl-C in the terminal reaches only us and we stop
   * it in order (npm start). It is still stopped when this process exits.
   */
  ownProcessGroup?: boolean;
  onLog?: (line: string) => void;
  /** Called once if the dev server exits without stop() (crashed, killed), with how it ended. */
  onUnexpectedExit?: (how: string) => void;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  pid: number;
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

  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownProcessGroup ?? false });
  const server = watchChild(child, { name: 'Temporal dev server', stopSignal: 'SIGTERM', log: opts.onLog, onUnexpectedExit: opts.onUnexpectedExit });
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitUntilServing(address, opts.readinessTimeoutMs ?? 90_000, () => {
      const how = server.ended();
      return how && `${how}:\n  ${server.recentLog().slice(-8).join('\n  ')}`;
    });
  } catch (err) {
    await server.stop('SIGTERM', 10_000);
    throw err;
  }
  return {
    address,
    uiUrl: opts.uiPort === false ? undefined : `http://127.0.0.1:${opts.uiPort}`,
    pid: child.pid!,
    stop: () => server.stop('SIGTERM', 10_000),
  };
}

async function waitUntilServing(address: string, timeoutMs: number, exited: () => string | undefined) {
  const [host, port] = address.split(':') as [string, string];
  const deadline = Date.now() + timeoutMs;
  await waitForPort(host, Number(port), timeoutMs, 'Temporal dev server', () => exited() && `Temporal dev server ${exited()}`);
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
