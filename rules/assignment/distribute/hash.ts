// Deterministic pseudo-randomness: a uniform number in (0, 1) from a string (FNV-1a + murmur3
// finalizer, two lanes for 53 bits). Same input, same number: "random" routing is replayable.
function lane(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in the open interval (0, 1). */
export function unitHash(text: string): number {
  const hi = lane(text, 0x9e3779b9) >>> 11; // 21 bits
  const lo = lane(text, 0x7f4a7c15); // 32 bits
  return (hi * 2 ** 32 + lo + 0.5) / 2 ** 53;
}
