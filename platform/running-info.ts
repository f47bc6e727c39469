// What a running `npm start` tells other local commands (npm run token, scripts/fuzz-api.sh):
// written to <data dir>/running.json once it is ready, removed when it stops.
import fs from 'node:fs';
import path from 'node:path';

export interface RunningInfo {
  pid: number;
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
}

const file = (dataDir: string) => path.join(dataDir, 'running.json');

export function writeRunningInfo(dataDir: string, info: RunningInfo): void {
  fs.writeFileSync(file(dataDir), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
}

export function removeRunningInfo(dataDir: string): void {
  fs.rmSync(file(dataDir), { force: true });
}

/** The info of a leadflow that is still running (its process exists), else undefined. */
export function readRunningInfo(dataDir: string): RunningInfo | undefined {
  try {
    const info = JSON.parse(fs.readFileSync(file(dataDir), 'utf8')) as RunningInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return undefined;
  }
}
