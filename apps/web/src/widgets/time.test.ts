import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDataAge,
  formatDayHeading,
  formatEventTime,
  formatLongDate,
  formatMoment,
  msUntilNextMinute,
  parisDayNumber,
} from './time';

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

describe('Paris calendar days', () => {
  it('puts instants on the day they have in Paris, not in UTC', () => {
    // 23:30 UTC on 4 March is 00:30 on 5 March in Paris.
    expect(parisDayNumber(new Date('2025-03-04T23:30:00Z'))).toBe(parisDayNumber(new Date('2025-03-05T10:00:00Z')));
    expect(parisDayNumber(new Date('2025-03-04T22:30:00Z'))).toBe(parisDayNumber(new Date('2025-03-05T10:00:00Z')) - 1);
  });

  it('counts tomorrow as one day later across the autumn change to winter time (a 25-hour day)', () => {
    const now = new Date('2025-10-25T22:30:00Z'); // 00:30 on Sunday 26 October, Paris
    expect(formatDayHeading(new Date('2025-10-26T21:00:00Z'), now)).toBe('Aujourd’hui'); // 22:00
    expect(formatDayHeading(new Date('2025-10-26T23:30:00Z'), now)).toBe('Demain'); // 00:30 on the 27th
  });

  it('names other days in full', () => {
    expect(formatDayHeading(new Date('2025-03-07T09:00:00Z'), new Date('2025-03-05T09:00:00Z'))).toBe(
      'Vendredi 7 mars',
    );
  });
});

describe('moments', () => {
  const now = new Date('2025-03-05T15:00:00Z');
  it('shows the time today, « hier » yesterday, the date before, the year when it is another', () => {
    expect(formatMoment(new Date('2025-03-05T07:05:00Z'), now)).toBe('08:05');
    expect(formatMoment(new Date('2025-03-04T17:30:00Z'), now)).toBe('hier, 18:30');
    expect(formatMoment(new Date('2025-03-01T10:00:00Z'), now)).toBe('1 mars');
    expect(formatMoment(new Date('2024-12-20T10:00:00Z'), now)).toBe('20 déc. 2024');
  });
});

describe('event times', () => {
  it('shows a range in Paris time', () => {
    expect(formatEventTime({ start: '2025-03-05T08:00:00Z', end: '2025-03-05T09:30:00Z', allDay: false })).toBe(
      '09:00 – 10:30',
    );
    expect(formatEventTime({ start: '2025-07-01T12:00:00+02:00', end: null, allDay: false })).toBe('12:00');
  });

  it('names the end day of an event that ends another day', () => {
    expect(formatEventTime({ start: '2025-03-05T16:00:00Z', end: '2025-03-06T11:00:00Z', allDay: false })).toBe(
      '17:00 – jeu. 6 mars, 12:00',
    );
  });

  it('shows all-day events without hours, with their last day when they last several', () => {
    expect(
      formatEventTime({ start: '2025-03-05T00:00:00+01:00', end: '2025-03-06T00:00:00+01:00', allDay: true }),
    ).toBe('Toute la journée');
    expect(formatEventTime({ start: '2025-03-05T00:00:00+01:00', end: null, allDay: true })).toBe('Toute la journée');
    expect(
      formatEventTime({ start: '2025-03-05T00:00:00+01:00', end: '2025-03-08T00:00:00+01:00', allDay: true }),
    ).toBe('Jusqu’au ven. 7 mars');
  });
});

describe('age of cached data', () => {
  const now = new Date('2025-03-05T15:00:00Z');
  it('says how old the data is, never « 0 min »', () => {
    expect(formatDataAge(new Date('2025-03-05T14:59:40Z'), now)).toBe('données d’il y a 1 min');
    expect(formatDataAge(new Date('2025-03-05T14:53:10Z'), now)).toBe('données d’il y a 6 min');
    expect(formatDataAge(new Date('2025-03-05T12:30:00Z'), now)).toBe('données d’il y a 2 h');
    expect(formatDataAge(new Date('2025-03-01T15:00:00Z'), now)).toBe('données d’il y a 4 jours');
  });
});
