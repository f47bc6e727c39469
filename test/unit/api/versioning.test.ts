// Helpers of the configuration API: canonical JSON (jsonb reorders keys), cursors.
import { canonicalJson } from '../../../api/services/canonical-json.js';
import { HttpProblem } from '../../../api/http/problem.js';
import { decodeCursor, encodeCursor } from '../../../api/services/versioning.js';

describe('canonicalJson', () => {
  it('ignores key order and undefined values, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined } })).toBe(canonicalJson({ a: { d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});

describe('cursors', () => {
  it('round-trip and refuse cursors of another listing or shape', () => {
    const c = encodeCursor(['name', 'Alpha', 'id-1']);
    expect(decodeCursor(c, 'name', 3)).toEqual(['name', 'Alpha', 'id-1']);
    for (const bad of [encodeCursor(['updatedAt', 'x', 'y']), encodeCursor(['name', 'x']), 'not base64 json', encodeCursor(['name', { x: 1 }, 'y'])]) {
      expect(() => decodeCursor(bad, 'name', 3)).toThrow(HttpProblem);
    }
  });
});
