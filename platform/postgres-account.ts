// Who embedded PostgreSQL runs as, and what that account can reach. PostgreSQL refuses to run
// as root, so as root it runs as the `postgres` account (created when missing), which cannot
// enter folders closed to other users: root's home (mode 700), a `mktemp -d` folder. What it
// must reach then (its binaries, its data) is placed under SHARED_DIR instead.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PostgresAccount {
  name: string;
  uid: number;
  gid: number;
}

/** As root: where PostgreSQL's binaries and relocated data dirs live (see README, "Run it"). */
export const SHARED_DIR = '/var/lib/leadflow';

const NAME = 'postgres';

/** The account PostgreSQL runs as when we are root (created when missing); undefined otherwise. */
export function postgresAccount(): PostgresAccount | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  let ids = lookUp(NAME);
  if (!ids) {
    createAccount(NAME);
    ids = lookUp(NAME);
    if (!ids) throw new Error(`could not create the '${NAME}' account that embedded PostgreSQL runs as when started by root`);
  }
  return { name: NAME, ...ids };
}

/**
 * Whether `account` can reach `target`: traverse every folder above it, and enter it (a folder)
 * or execute it (a file). Asked of the system as that account (`test -x`).
 */
export function canReach(account: PostgresAccount | undefined, target: string): boolean {
  if (!account) return true;
  const test = spawnSync('test', ['-x', target], { uid: account.uid, gid: account.gid, stdio: 'ignore' });
  return test.status === 0;
}

/** mkdir -p with every folder it creates (and `dir` itself) open to other users (0755). */
export function makeOpenDir(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    fs.mkdirSync(d);
    fs.chmodSync(d, 0o755);
  }
}

function lookUp(name: string): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined;
  } catch {
    return undefined;
  }
}

function createAccount(name: string): void {
  const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  run('groupadd', ['--system', name]); // fails harmlessly when the group exists
  const user = run('useradd', ['--system', '--gid', name, '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', name]);
  if (user.status !== 0 && !lookUp(name)) {
    throw new Error(`useradd ${name} failed: ${(user.stderr || String(user.error ?? '')).trim()}`);
  }
}
