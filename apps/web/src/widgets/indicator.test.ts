import { describe, expect, it } from 'vitest';
import { periodName, sparkline } from './indicator';

const point = (periodStart: string, value: number) => ({ periodStart, value, takenAt: periodStart });

describe('periodName', () => {
  it('names each period as in Paris', () => {
    // Paris midnight on 1 December 2026 is 23:00 UTC the day before.
    expect(periodName('month', '2026-11-30T23:00:00.000Z')).toBe('décembre 2026');
    expect(periodName('day', '2026-12-03T23:00:00.000Z')).toBe('4 déc. 2026');
    expect(periodName('week', '2026-11-29T23:00:00.000Z')).toBe('semaine du 30 nov. 2026');
    expect(periodName('quarter', '2026-09-30T22:00:00.000Z')).toBe('4e trimestre 2026');
    expect(periodName('quarter', '2026-12-31T23:00:00.000Z')).toBe('1er trimestre 2027');
  });
});

describe('sparkline', () => {
  it('scales the values to the box, the highest at the top', () => {
    const line = sparkline([point('a', 10), point('b', 20), point('c', 15)], 106, 46);
    expect(line).toEqual({ path: 'M3 43 L53 3 L103 23', last: { x: 103, y: 23 } });
  });

  it('draws a flat history across the middle, nothing under two points', () => {
    expect(sparkline([point('a', 5), point('b', 5)], 100, 40)?.path).toBe('M3 20 L97 20');
    expect(sparkline([point('a', 5)], 100, 40)).toBeNull();
  });
});
