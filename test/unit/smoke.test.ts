import { z } from 'zod';

describe('toolchain', () => {
  it('transforms TypeScript ESM with zod 4', () => {
    expect(z.object({ a: z.number() }).safeParse({ a: 'x' }).success).toBe(false);
  });
});
