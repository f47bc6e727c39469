// Where embedded PostgreSQL's data dir goes: in place when the account PostgreSQL runs as can
// reach it, else (as root, inside a folder closed to the `postgres` account) under
// /var/lib/leadflow/data behind a symbolic link that the next start follows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { canReach, postgresAccount } from '../../../platform/postgres-account.js';
import { placeDataDir, relocatedDir } from '../../../platform/postgres-data-dir.js';

const isRoot = os.userInfo().uid === 0;
const account = postgresAccount();
let dir: string;
const relocated: string[] = [];

beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leadflow-placement-')); });
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const d of relocated.splice(0)) fs.rmSync(path.dirname(d), { recursive: true, force: true });
});

test('the account PostgreSQL runs as: postgres as root, ourselves otherwise', () => {
  if (isRoot) expect(account).toMatchObject({ name: 'postgres' });
  else expect(account).toBeUndefined();
});

test('reachability is asked of the system as that account: a mode-700 folder is closed to it as root', () => {
  fs.mkdirSync(path.join(dir, 'open'), { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  expect(canReach(account, path.join(dir, 'open'))).toBe(true);
  fs.chmodSync(dir, 0o700);
  expect(canReach(account, path.join(dir, 'open'))).toBe(!isRoot);
});

test('a reachable data dir stays where it was asked for', () => {
  fs.chmodSync(dir, 0o755);
  const asked = path.join(dir, '.data', 'postgres');
  expect(placeDataDir(asked, account)).toEqual({ dir: asked });
  expect(fs.existsSync(path.join(dir, '.data'))).toBe(true);
});

test('an unreachable one lives under /var/lib/leadflow/data behind a link, found again through it (also after the folder moved)', () => {
  fs.chmodSync(dir, 0o700);
  const asked = path.join(dir, 'clone', '.data', 'postgres');
  const first = placeDataDir(asked, account);
  if (!isRoot) {
    expect(first).toEqual({ dir: asked });
    return;
  }
  relocated.push(first.dir);
  expect(first).toEqual({ dir: relocatedDir(asked), linkedFrom: asked });
  expect(first.dir).toMatch(/^\/var\/lib\/leadflow\/data\/.*clone-\.data-[0-9a-f]{12}\/postgres$/);
  expect(fs.readlinkSync(asked)).toBe(first.dir);
  expect(canReach(account, path.dirname(first.dir))).toBe(true);
  expect(placeDataDir(asked, account)).toEqual(first);
  fs.renameSync(path.join(dir, 'clone'), path.join(dir, 'moved'));
  expect(placeDataDir(path.join(dir, 'moved', '.data', 'postgres'), account).dir).toBe(first.dir);
});

test('an existing data dir the account cannot reach is an error naming it, not a new empty cluster elsewhere', () => {
  if (!isRoot) return;
  const asked = path.join(dir, '.data', 'postgres');
  fs.mkdirSync(asked, { recursive: true });
  fs.chmodSync(dir, 0o700);
  expect(() => placeDataDir(asked, account)).toThrow(`PostgreSQL's data dir ${asked} exists, but the 'postgres' account it runs as cannot reach it`);
});
