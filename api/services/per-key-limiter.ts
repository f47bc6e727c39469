// At most N tasks per key at once, the rest queued first come first served (e.g. lifecycle
// updates per lead in api/services/lead-updates.ts).
/** FIFO admission per key with a concurrency cap; idle keys hold no memory. */
export class PerKeyLimiter {
  private readonly lanes = new Map<string, { running: number; waiting: (() => void)[] }>();

  constructor(private readonly limit: number) {}

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { running: 0, waiting: [] }));
    if (lane.running >= this.limit) await new Promise<void>((resolve) => lane!.waiting.push(resolve));
    else lane.running++;
    try {
      return await fn();
    } finally {
      const next = lane.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else if (--lane.running === 0) this.lanes.delete(key);
    }
  }

  /** Keys with work running or waiting (for tests). */
  get size(): number {
    return this.lanes.size;
  }
}
