// A server we run as a child process (embedded PostgreSQL, the Temporal dev server): its log,
// readiness from a log line, an ordered stop, and notice when it ends without being stopped.
import type { ChildProcess } from 'node:child_process';

export interface ChildService {
  /** How it ended ("exited with code 1", "was killed by SIGKILL", ...), once it has. */
  ended(): string | undefined;
  /** Its last log lines. */
  recentLog(): string[];
  /** Resolves at the first log line containing `marker`; rejects, with its last lines, if it ends first. */
  untilLogLine(marker: string, failure: string): Promise<void>;
  /** Sends its stop signal (`signal` if given; SIGKILL after `forceAfterMs`) and waits until it has exited. */
  stop(signal?: NodeJS.Signals, forceAfterMs?: number): Promise<void>;
}

export interface WatchOptions {
  name: string;
  /** What makes it stop in order (also sent when this process exits while it runs). */
  stopSignal: NodeJS.Signals;
  log?: (line: string) => void;
  onUnexpectedExit?: (how: string) => void;
}

export function watchChild(child: ChildProcess, { name, stopSignal, log = () => undefined, onUnexpectedExit }: WatchOptions): ChildService {
  const recent: string[] = [];
  const listeners = new Set<(line: string) => void>();
  const take = (b: Buffer) => {
    for (const line of b.toString().split('\n')) {
      if (!line.trim()) continue;
      log(line);
      recent.push(line);
      if (recent.length > 20) recent.shift();
      for (const listener of listeners) listener(line);
    }
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  let stopping = false;
  let how: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => { how ??= `could not be started: ${err.message}`; resolve(); });
    child.once('exit', (code, signal) => { how ??= signal ? `was killed by ${signal}` : `exited with code ${code}`; resolve(); });
  });
  // Never outlive this process, which may exit without stop() (an error, process.exit).
  const onProcessExit = () => { if (how === undefined) child.kill(stopSignal); };
  process.on('exit', onProcessExit);
  void exited.then(() => {
    process.off('exit', onProcessExit);
    if (!stopping) onUnexpectedExit?.(how!);
  });

  return {
    ended: () => how,
    recentLog: () => [...recent],
    async untilLogLine(marker, failure) {
      let listener: ((line: string) => void) | undefined;
      const seen = new Promise<void>((resolve) => {
        listener = (line) => { if (line.includes(marker)) resolve(); };
        listeners.add(listener);
        if (recent.some((line) => line.includes(marker))) resolve();
      });
      const died = exited.then(() => { throw new Error(`${failure}: ${name} ${how}:\n  ${recent.slice(-8).join('\n  ')}`); });
      try {
        await Promise.race([seen, died]);
      } finally {
        listeners.delete(listener!);
        died.catch(() => undefined);
      }
    },
    async stop(signal = stopSignal, forceAfterMs = 30_000) {
      stopping = true;
      if (how !== undefined) return;
      const force = setTimeout(() => child.kill('SIGKILL'), forceAfterMs);
      child.kill(signal);
      await exited;
      clearTimeout(force);
    },
  };
}
