import { describe, expect, it } from 'vitest';
import { formatClock, formatLongDate, msUntilNextMinute } from './time';

describe('Paris date and clock', () => {
  it('formats a winter instant in Paris time (UTC+1)', () => {
    const instant = new Date('2025-03-03T08:05:30Z');
    expect(formatLongDate(instant)).toBe('Lundi 3 mars 2025');
    expect(formatClock(instant)).toBe('09:05');
  });

  it('formats a summer instant in Paris time (UTC+2), across midnight', () => {
    const instant = new Date('2025-07-14T22:30:00Z');
    expect(formatLongDate(instant)).toBe('Mardi 15 juillet 2025');
    expect(formatClock(instant)).toBe('00:30');
  });

  it('waits until the next minute boundary', () => {
    expect(msUntilNextMinute(new Date('2025-03-03T08:05:30Z'))).toBe(30_000);
    expect(msUntilNextMinute(new Date('2025-03-03T08:05:00Z'))).toBe(60_000);
  });
});
