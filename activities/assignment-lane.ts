// Batches concurrent assignLead calls of one worker process: calls that arrive while a batch is
// being decided wait and go together into the next transaction (at most `maxBatch` each, at most
// `concurrency` batches in flight, so the next batch prepares while the current one holds locks).
import type { Pending } from './assign-prepare.js';

export class AssignmentLane {
  private readonly queue: Pending[] = [];
  private active = 0;

  constructor(
    private readonly run: (batch: Pending[]) => Promise<void>,
    private readonly maxBatch: number,
    private readonly concurrency: number,
  ) {}

  submit(p: Pending): void {
    this.queue.push(p);
    this.pump();
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.active++;
      this.run(batch)
        .catch((err: unknown) => batch.forEach((p) => p.reject(err)))
        .finally(() => {
          this.active--;
          this.pump();
        });
    }
  }
}
