import fc from 'fast-check';
import { createRateLimiter } from '../../../api/http/rate-limit.js';

describe('token bucket rate limiter', () => {
  it('allows a burst, then refuses with the time until the next token, then refills', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ perMinute: 60, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('k').ok)).toEqual([true, true, true]);
    const refused = limiter.take('k');
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 1, remaining: 0 });
    expect(limiter.take('other').ok).toBe(true); // buckets are per key
    now += 999;
    expect(limiter.take('k').ok).toBe(false);
    now += 1;
    expect(limiter.take('k').ok).toBe(true);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('k').ok)).toEqual([true, true, true, false]); // never more than the burst
  });

  it('retry-after is the wait for one token at slow rates', () => {
    const limiter = createRateLimiter({ perMinute: 2, burst: 1, now: () => 0 });
    expect(limiter.take('k').ok).toBe(true);
    expect(limiter.take('k').retryAfterSeconds).toBe(30);
  });

  it('over any window, a key gets at most burst + rate x window requests', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 }),
      (perMinute, burst, gaps) => {
        let now = 0;
        const limiter = createRateLimiter({ perMinute, burst, now: () => now });
        let allowed = 0;
        for (const gap of gaps) {
          now += gap;
          if (limiter.take('k').ok) allowed++;
        }
        expect(allowed).toBeLessThanOrEqual(burst + Math.floor((now * perMinute) / 60_000));
      }), { numRuns: 300 });
  });

  it('forgets idle keys when it holds too many, without refusing anyone', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 60, burst: 2, maxKeys: 10, now: () => now });
    for (let i = 0; i < 100; i++) {
      now += 10;
      expect(limiter.take(`k${i}`).ok).toBe(true);
    }
  });
});
