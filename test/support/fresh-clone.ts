// Helpers for test/integration/fresh-clone.test.ts: a command run the way a terminal runs it (its
// own process group, so a Ctrl-C goes to all of it), the README's walkthrough blocks, and the
// processes a clone left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface TerminalCommand {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the command exits first or after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Sends `signal` to the whole process group, as a terminal does for Ctrl-C. */
  signalGroup(signal: NodeJS.Signals): void;
}

export function runInTerminal(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): TerminalCommand {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const log = fs.createWriteStream(opts.logFile, { flags: 'a' });
  const take = (b: Buffer) => { text += b.toString(); log.write(b); };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once('close', (code, signal) => { log.end(); resolve({ code, signal, at: Date.now() }); });
  });
  let done = false;
  void exited.then(() => { done = true; });
  return {
    child,
    output: () => text,
    exited,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = text.match(pattern);
        if (match) return match;
        if (done) throw new Error(`exited before printing ${pattern}:\n${text}`);
        if (Date.now() > deadline) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    signalGroup(signal) {
      process.kill(-child.pid!, signal);
    },
  };
}

/** The bash blocks README.md marks with `<!-- walkthrough -->`, in order, as they are written. */
export function walkthroughBlocks(readme: string): string[] {
  const blocks: string[] = [];
  const re = /<!-- walkthrough -->\s*\n```bash\n([\s\S]*?)\n```/g;
  for (let m = re.exec(readme); m; m = re.exec(readme)) blocks.push(m[1]!);
  return blocks;
}

/**
 * Processes that belong to a clone: their command line names one of `paths`, or their working
 * directory is inside one (PostgreSQL's processes work in their data dir).
 */
export function processesUnder(paths: string[]): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    if (Number(pid) === process.pid) continue;
    let cmdline = '';
    let cwd = '';
    try {
      cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      // gone, or another user's process we may not look into
    }
    if (!cmdline) continue;
    const inside = (p: string) => cwd === p || cwd.startsWith(p + path.sep);
    if (paths.some((p) => cmdline.includes(p) || inside(p))) found.push(`${pid} ${cmdline}`);
  }
  return found;
}

/** Waits (up to `timeoutMs`) until no process belongs to `paths`; returns those still there. */
export async function waitUntilGone(paths: string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = processesUnder(paths);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((r) => setTimeout(r, 200));
  }
}
