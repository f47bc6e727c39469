// Pure helpers of the assignment persistence: normalized de-duplication keys, SQL literal and
// array encoding, timestamp parsing, and lock-set prediction.
import { companyDomainOf, normalizeAccountName, normalizeEmail } from '../../../rules/dedupe.js';
import { isoOf, lit, pgArray } from '../../../db/assignment/sql.js';
import { LockPrediction } from '../../../activities/lock-prediction.js';

describe('normalized keys', () => {
  it('account names ignore case, punctuation, accents and legal suffixes (but keep a lone word)', () => {
    expect(normalizeAccountName('Acme, Inc.')).toBe('acme');
    expect(normalizeAccountName('ACME')).toBe('acme');
    expect(normalizeAccountName('  Société Générale S.A. ')).toBe('societe generale');
    expect(normalizeAccountName('Procter & Gamble Co')).toBe('procter and gamble');
    expect(normalizeAccountName('Limited')).toBe('limited');
    expect(normalizeAccountName('Acme Labs GmbH')).not.toBe(normalizeAccountName('Acme GmbH'));
  });

  it('e-mail addresses case-insensitively; company domains exclude free mail and reserved domains', () => {
    expect(normalizeEmail(' Ada@Example.COM ')).toBe('ada@example.com');
    expect(companyDomainOf('ada@Initech.io')).toBe('initech.io');
    expect(companyDomainOf('someone@gmail.com')).toBeNull();
    for (const reserved of ['ada@example.com', 'ada@example.org', 'ada@initech.example', 'ada@shop.test', 'ada@x.invalid', 'ada@sub.example.com']) {
      expect(companyDomainOf(reserved)).toBeNull();
    }
    expect(companyDomainOf('not-an-email')).toBeNull();
    expect(companyDomainOf(null)).toBeNull();
  });
});

describe('SQL encoding', () => {
  it('quotes literals so that quotes, backslashes and placeholders survive', () => {
    expect(lit("O'Brien \\ ?")).toBe("E'O''Brien \\\\ ?'");
    expect(lit({ a: 'x"y' })).toBe(`E'{"a":"x\\\\"y"}'`);
    expect(lit(null)).toBe('null');
    expect(lit(3)).toBe('3');
    expect(() => lit(Number.NaN)).toThrow();
    expect(() => lit('a\u0000b')).toThrow();
  });

  it('builds array literals and reads PostgreSQL timestamps as ISO instants', () => {
    expect(pgArray(['a', 'b"c', 'd\\e'])).toBe('{"a","b\\"c","d\\\\e"}');
    expect(pgArray([])).toBe('{}');
    expect(isoOf('2025-06-11 10:02:03.456+00')).toBe('2025-06-11T10:02:03.456Z');
    expect(isoOf('2025-06-11 12:02:03+02')).toBe('2025-06-11T10:02:03.000Z');
    expect(isoOf('2025-06-11T10:02:03.456789+05:30')).toBe('2025-06-11T04:32:03.456Z');
    expect(isoOf(new Date('2025-06-11T10:00:00Z'))).toBe('2025-06-11T10:00:00.000Z');
  });
});

describe('lock prediction', () => {
  it('predicts the union of recent lock sets per configuration, and starts over when it grows too large or the configuration changes', () => {
    const p = new LockPrediction(4);
    expect(p.predict('1/1')).toBeUndefined();
    p.learn('1/1', { repIds: ['a', 'b'], poolIds: [] });
    p.learn('1/1', { repIds: ['b', 'c'], poolIds: ['pool'] });
    expect(p.predict('1/1')).toEqual({ repIds: ['a', 'b', 'c'], poolIds: ['pool'] });
    expect(p.predict('2/1')).toBeUndefined();
    p.learn('1/1', { repIds: ['d', 'e'], poolIds: [] });
    expect(p.predict('1/1')).toEqual({ repIds: ['d', 'e'], poolIds: [] });
    p.learn('2/1', { repIds: ['x'], poolIds: [] });
    expect(p.predict('1/1')).toBeUndefined();
  });
});
