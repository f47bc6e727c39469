// Which rows a batch must lock, without a snapshot plan per lead: the union of the lock sets that
// recent decisions under the same configuration needed (a superset in steady state). The protocol
// stays exact: every lead is re-decided on the locked rows, and a lead whose fresh decision needs
// a row outside the locked set is retried with it. Cold (new configuration, new process) or past
// `maxReps`, it starts over from snapshot plans.
export class LockPrediction {
  private key = '';
  private reps = new Set<string>();
  private pools = new Set<string>();

  constructor(private readonly maxReps = 64) {}

  predict(key: string): { repIds: string[]; poolIds: string[] } | undefined {
    if (key !== this.key || this.reps.size === 0) return undefined;
    return { repIds: [...this.reps], poolIds: [...this.pools] };
  }

  learn(key: string, lockSet: { repIds: readonly string[]; poolIds: readonly string[] }): void {
    if (key !== this.key || this.reps.size + lockSet.repIds.length > this.maxReps) {
      this.key = key;
      this.reps = new Set();
      this.pools = new Set();
    }
    lockSet.repIds.forEach((id) => this.reps.add(id));
    lockSet.poolIds.forEach((id) => this.pools.add(id));
  }
}
