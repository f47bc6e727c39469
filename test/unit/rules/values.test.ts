// The allocation-free helpers behind the comparisons agree with the straightforward definitions.
import fc from 'fast-check';
import { equalsLower, isEmptyValue, toMs } from '../../../rules/engine/values.js';

describe('equalsLower (case-insensitive equality against a lower-cased literal)', () => {
  it.each([
    ['Approved', 'approved', true], ['APPROVED', 'approved', true], ['approved', 'approved', true],
    ['Approve', 'approved', false], ['Approved!', 'approved', false], ['Apprøved', 'approved', false],
    ['ÄRGER', 'ärger', true], ['İstanbul', 'i̇stanbul', true], ['ΣΟΦΙΑ', 'σοφια', true], ['', '', true],
  ])('%p vs %p is %p', (a, lower, expected) => {
    expect(equalsLower(a, lower)).toBe(expected);
  });

  it('agrees with toLowerCase on any strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.boolean(), (a, b, same) => {
      const lower = (same ? a : b).toLowerCase();
      expect(equalsLower(a, lower)).toBe(a.toLowerCase() === lower);
    }), { numRuns: 500 });
  });
});

describe('toMs', () => {
  it('parses the common UTC forms exactly like Date.parse', () => {
    const dates = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true });
    fc.assert(fc.property(dates, (d) => {
      const iso = d.toISOString();
      for (const s of [iso, iso.slice(0, 10), `${iso.slice(0, 19)}Z`]) expect(toMs(s)).toBe(Date.parse(s));
    }), { numRuns: 500 });
  });

  it('accepts offsets, Dates and epoch ms; rejects other strings', () => {
    expect(toMs('2025-06-01T09:00:00+02:00')).toBe(Date.parse('2025-06-01T07:00:00Z'));
    expect(toMs(new Date(5))).toBe(5);
    expect(toMs(5)).toBe(5);
    for (const bad of ['yesterday', '2025-13-01', '2025-06-01T25:00:00Z', '06/01/2025', '', new Date('x'), Infinity, null]) expect(toMs(bad)).toBeUndefined();
  });
});

describe('isEmptyValue', () => {
  it('treats undefined, null, blank strings, empty lists and NaN as missing', () => {
    expect([undefined, null, '', ' \t', [], NaN].map(isEmptyValue)).toEqual([true, true, true, true, true, true]);
    expect([0, false, 'x', [0], new Date(0)].map(isEmptyValue)).toEqual([false, false, false, false, false]);
  });
});
