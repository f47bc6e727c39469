// Weekly hours in the rep's own IANA time zone, across DST boundaries, and out-of-office periods.
import { isWithinWorkingHours, nextAvailableAt, workingIntervals, zonedToUtc } from '../../../rules/assignment/index.js';
import { rep } from './fixtures.js';

const ny = { timeZone: 'America/New_York', weekly: (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '09:00', end: '17:00' })) };
const ms = (iso: string) => Date.parse(iso);

describe('zonedToUtc', () => {
  it('maps local wall time to the right instant on both sides of US spring-forward (2025-03-09)', () => {
    expect(new Date(zonedToUtc(2025, 3, 7, 9 * 60, 'America/New_York')).toISOString()).toBe('2025-03-07T14:00:00.000Z'); // EST
    expect(new Date(zonedToUtc(2025, 3, 10, 9 * 60, 'America/New_York')).toISOString()).toBe('2025-03-10T13:00:00.000Z'); // EDT
  });

  it('moves a skipped time forward and takes the earlier of an ambiguous one', () => {
    expect(new Date(zonedToUtc(2025, 3, 9, 150, 'America/New_York')).toISOString()).toBe('2025-03-09T07:30:00.000Z'); // 02:30 -> 03:30 EDT
    expect(new Date(zonedToUtc(2025, 11, 2, 90, 'America/New_York')).toISOString()).toBe('2025-11-02T05:30:00.000Z'); // 01:30 EDT, not EST
    expect(new Date(zonedToUtc(2025, 10, 26, 150, 'Europe/Berlin')).toISOString()).toBe('2025-10-26T00:30:00.000Z'); // 02:30 CEST
  });
});

describe('isWithinWorkingHours', () => {
  it('follows the rep\'s local clock, not UTC, across the DST change', () => {
    // 13:30 UTC is 08:30 EST on Friday (before work) but 09:30 EDT on Monday (working).
    expect(isWithinWorkingHours(ny, ms('2025-03-07T13:30:00Z'))).toBe(false);
    expect(isWithinWorkingHours(ny, ms('2025-03-10T13:30:00Z'))).toBe(true);
    // 21:30 UTC: 16:30 EST Friday (working), 17:30 EDT Monday (done).
    expect(isWithinWorkingHours(ny, ms('2025-03-07T21:30:00Z'))).toBe(true);
    expect(isWithinWorkingHours(ny, ms('2025-03-10T21:30:00Z'))).toBe(false);
  });

  it('uses the local weekday (Friday evening in Los Angeles is Saturday in UTC)', () => {
    const la = { timeZone: 'America/Los_Angeles', weekly: [{ day: 'fri' as const, start: '18:00', end: '22:00' }] };
    expect(isWithinWorkingHours(la, ms('2025-06-14T03:00:00Z'))).toBe(true);
    expect(isWithinWorkingHours(la, ms('2025-06-15T03:00:00Z'))).toBe(false);
  });

  it('treats a rep without a schedule as always working', () => {
    expect(isWithinWorkingHours(null, ms('2025-06-15T03:00:00Z'))).toBe(true);
  });
});

describe('nextAvailableAt', () => {
  it('finds Monday 09:00 EDT from Friday evening EST across the DST weekend', () => {
    const r = rep({ id: 'a', workingHours: ny });
    expect(new Date(nextAvailableAt(r, ms('2025-03-07T23:00:00Z'), 4 * 86_400_000) ?? 0).toISOString()).toBe('2025-03-10T13:00:00.000Z');
  });

  it('skips out-of-office periods and returns null past the horizon', () => {
    const r = rep({ id: 'a', workingHours: ny, outOfOffice: [{ start: '2025-03-10T00:00:00-04:00', end: '2025-03-11T12:00:00-04:00' }] });
    expect(new Date(nextAvailableAt(r, ms('2025-03-10T12:00:00Z'), 3 * 86_400_000) ?? 0).toISOString()).toBe('2025-03-11T16:00:00.000Z');
    expect(nextAvailableAt(r, ms('2025-03-10T12:00:00Z'), 86_400_000)).toBeNull();
    expect(nextAvailableAt(r, ms('2025-03-10T12:00:00Z'), 86_400_000, { ignoreOutOfOffice: true })).toBe(ms('2025-03-10T13:00:00Z'));
  });

  it('yields an 8-hour day on both sides of the change', () => {
    const spans = workingIntervals(ny, ms('2025-03-07T00:00:00Z'), ms('2025-03-11T00:00:00Z')).map((i) => [new Date(i.start).toISOString(), (i.end - i.start) / 3_600_000]);
    expect(spans).toEqual([
      ['2025-03-07T14:00:00.000Z', 8],
      ['2025-03-10T13:00:00.000Z', 8],
    ]);
  });
});
