// Where a PostgreSQL data dir really lives. Asked for `<dir>`, PostgreSQL must be able to reach
// it as the account it runs as. When that account cannot (as root, inside a folder closed to the
// `postgres` account, e.g. a clone in root's home), the cluster lives under SHARED_DIR/data,
// keyed by the asked-for path, and `<dir>` becomes a symbolic link to it: the next start follows
// the link and finds the same data (also after the folder was moved).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canReach, makeOpenDir, SHARED_DIR, type PostgresAccount } from './postgres-account.js';

export interface PlacedDataDir {
  /** The folder PostgreSQL uses. */
  dir: string;
  /** Set when `dir` is elsewhere than asked, behind a symbolic link at this path. */
  linkedFrom?: string;
}

export function placeDataDir(asked: string, account: PostgresAccount | undefined): PlacedDataDir {
  const wanted = path.resolve(asked);
  const link = lstat(wanted);
  if (link?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(wanted), fs.readlinkSync(wanted));
    makeOpenDir(path.dirname(target));
    return { dir: target, linkedFrom: wanted };
  }
  fs.mkdirSync(path.dirname(wanted), { recursive: true });
  if (link) {
    if (!canReach(account, wanted)) {
      throw new Error(`PostgreSQL's data dir ${wanted} exists, but the '${account?.name}' account it runs as cannot reach it `
        + `(a folder above it is closed to other users). Move it to a place that account can reach and leave a symbolic link at ${wanted}.`);
    }
    return { dir: wanted };
  }
  if (canReach(account, path.dirname(wanted))) return { dir: wanted };
  const target = relocatedDir(wanted);
  makeOpenDir(path.dirname(target));
  fs.symlinkSync(target, wanted);
  return { dir: target, linkedFrom: wanted };
}

/** SHARED_DIR/data/<the path's last folders>-<hash of the path>/postgres. */
export function relocatedDir(wanted: string): string {
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 12);
  const slug = wanted.split(path.sep).filter(Boolean).slice(-4, -1).join('-').replace(/[^A-Za-z0-9._-]+/g, '_').slice(-60);
  return path.join(SHARED_DIR, 'data', `${slug}-${hash}`, path.basename(wanted));
}

function lstat(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}
