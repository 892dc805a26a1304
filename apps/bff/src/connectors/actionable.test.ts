import { describe, expect, it } from 'vitest';
import { isoToParisWallClock, parisWallClockToIso } from './actionable.js';

describe('Paris wall-clock dates of PHP applications', () => {
  it('reads them in winter and summer time', () => {
    expect(parisWallClockToIso('2026-01-15 14:00:00')).toBe('2026-01-15T13:00:00.000Z');
    expect(parisWallClockToIso('2026-07-01 14:00:00')).toBe('2026-07-01T12:00:00.000Z');
    expect(parisWallClockToIso('2026-07-01')).toBe('2026-06-30T22:00:00.000Z');
    // The day summer time starts (02:00 → 03:00) and ends (03:00 → 02:00).
    expect(parisWallClockToIso('2026-03-29 12:00:00')).toBe('2026-03-29T10:00:00.000Z');
    expect(parisWallClockToIso('2026-10-25 12:00:00')).toBe('2026-10-25T11:00:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const value of ['', 'hier', '2026-02-30 10:00:00', '0000-00-00 00:00:00', '2026-13-01']) {
      expect(parisWallClockToIso(value), value).toBeUndefined();
    }
  });

  it('writes instants back in Paris time, the other way round', () => {
    expect(isoToParisWallClock(new Date('2026-01-15T13:00:00Z'))).toBe('2026-01-15 14:00:00');
    expect(isoToParisWallClock(new Date('2026-07-01T21:59:59Z'))).toBe('2026-07-01 23:59:59');
  });
});
