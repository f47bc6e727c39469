// Token buckets per credential, in memory (one API process; several processes each allow the
// rate: set it per process). A bucket holds up to `burst` tokens and refills at `perMinute`.
export interface RateLimitResult {
  ok: boolean;
  /** Seconds until one request is allowed again (when not ok). */
  retryAfterSeconds: number;
  remaining: number;
}

export interface RateLimiter {
  take(key: string): RateLimitResult;
}

export interface RateLimitOptions {
  perMinute: number;
  burst: number;
  /** Buckets kept at most; full buckets are dropped first (they are the same as a new one). */
  maxKeys?: number;
  now?: () => number;
}

export function createRateLimiter(opts: RateLimitOptions): RateLimiter {
  if (opts.perMinute <= 0) throw new Error('perMinute must be positive (leave the limiter out to turn limits off)');
  const perMs = opts.perMinute / 60_000;
  const maxKeys = opts.maxKeys ?? 50_000;
  const now = opts.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  const refill = (b: { tokens: number; at: number }, t: number) => {
    b.tokens = Math.min(opts.burst, b.tokens + (t - b.at) * perMs);
    b.at = t;
  };
  const evict = (t: number) => {
    for (const [k, b] of buckets) {
      refill(b, t);
      if (b.tokens >= opts.burst) buckets.delete(k);
    }
    // Still too many active callers: forget the oldest (they get a fresh bucket).
    for (const k of buckets.keys()) {
      if (buckets.size <= maxKeys * 0.9) break;
      buckets.delete(k);
    }
  };

  return {
    take(key) {
      const t = now();
      let b = buckets.get(key);
      if (!b) {
        if (buckets.size >= maxKeys) evict(t);
        b = { tokens: opts.burst, at: t };
        buckets.set(key, b);
      } else {
        refill(b, t);
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return { ok: true, retryAfterSeconds: 0, remaining: Math.floor(b.tokens) };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)), remaining: 0 };
    },
  };
}
