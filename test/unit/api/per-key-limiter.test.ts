import { PerKeyLimiter } from '../../../api/services/per-key-limiter.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('per-key limiter', () => {
  it('runs at most N per key at once, the rest in arrival order; other keys are not held up; idle keys are forgotten', async () => {
    const limiter = new PerKeyLimiter(2);
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const task = (name: string) => () => new Promise<string>((resolve) => { started.push(name); release.set(name, () => resolve(name)); });
    const results = ['a1', 'a2', 'a3', 'a4'].map((n) => limiter.run('a', task(n)));
    const other = limiter.run('b', task('b1'));
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    release.get('a2')!();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    release.get('a1')!();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'a4']);
    for (const n of ['a3', 'a4', 'b1']) release.get(n)!();
    expect(await Promise.all([...results, other])).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
    expect(limiter.size).toBe(0);
  });

  it('a task that throws frees its slot and the error reaches its caller', async () => {
    const limiter = new PerKeyLimiter(1);
    const failing = limiter.run('k', async () => { throw new Error('boom'); });
    const next = limiter.run('k', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ran');
    expect(limiter.size).toBe(0);
  });
});
