import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LEVEL_LABELS,
  formatIndicatorValue,
  indicatorDefinitionSchema,
  levelOf,
  periodStartAfter,
  periodStartOf,
  trendInHistory,
  trendOf,
  trendSentence,
  type IndicatorPoint,
  type IndicatorThresholds,
} from './indicators.js';

const at = (iso: string) => new Date(iso);
const point = (periodStart: string, value: number): IndicatorPoint => ({ periodStart, value, takenAt: periodStart });
const thresholds = (watch: number | null, critical: number | null): IndicatorThresholds => ({
  watch,
  critical,
  labels: { ...DEFAULT_LEVEL_LABELS },
});

describe('periods in Europe/Paris', () => {
  it('starts a day at Paris midnight, winter (UTC+1) and summer (UTC+2)', () => {
    expect(periodStartOf('day', at('2026-01-15T10:00:00Z')).toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(periodStartOf('day', at('2026-07-15T10:00:00Z')).toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('puts 23:30 UTC on the next Paris day', () => {
    expect(periodStartOf('day', at('2026-03-10T23:30:00Z')).toISOString()).toBe('2026-03-10T23:00:00.000Z');
    expect(periodStartOf('day', at('2026-03-10T22:59:59Z')).toISOString()).toBe('2026-03-09T23:00:00.000Z');
  });

  it('crosses the spring change (29 March 2026): a 23-hour day', () => {
    const start = periodStartOf('day', at('2026-03-29T12:00:00Z'));
    expect(start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    const next = periodStartAfter('day', at('2026-03-29T12:00:00Z'));
    expect(next.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(next.getTime() - start.getTime()).toBe(23 * 3600_000);
  });

  it('crosses the autumn change (25 October 2026): a 25-hour day', () => {
    const start = periodStartOf('day', at('2026-10-25T12:00:00Z'));
    expect(start.toISOString()).toBe('2026-10-24T22:00:00.000Z');
    expect(periodStartAfter('day', start).getTime() - start.getTime()).toBe(25 * 3600_000);
  });

  it('starts weeks on Monday, also across a change of hour', () => {
    // Sunday 29 March 2026, after the change: the week began on Monday 23 March (winter time).
    expect(periodStartOf('week', at('2026-03-29T20:00:00Z')).toISOString()).toBe('2026-03-22T23:00:00.000Z');
    expect(periodStartAfter('week', at('2026-03-29T20:00:00Z')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // A Monday at 00:30 in Paris is already in the new week.
    expect(periodStartOf('week', at('2026-12-06T23:30:00Z')).toISOString()).toBe('2026-12-06T23:00:00.000Z');
  });

  it('starts months and quarters on their first day, going back across years', () => {
    expect(periodStartOf('month', at('2026-04-30T22:30:00Z')).toISOString()).toBe('2026-04-30T22:00:00.000Z');
    expect(periodStartOf('month', at('2026-04-30T21:30:00Z')).toISOString()).toBe('2026-03-31T22:00:00.000Z');
    expect(periodStartOf('quarter', at('2026-12-04T10:00:00Z')).toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(periodStartAfter('quarter', at('2026-12-04T10:00:00Z')).toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(periodStartAfter('month', at('2026-01-10T10:00:00Z'), -1).toISOString()).toBe('2025-11-30T23:00:00.000Z');
    expect(periodStartAfter('quarter', at('2026-02-10T10:00:00Z'), -1).toISOString()).toBe('2025-09-30T22:00:00.000Z');
  });
});

describe('thresholds', () => {
  it('higher is better: good at or above « à surveiller », critical below the critical value', () => {
    const limits = thresholds(80, 50);
    expect(levelOf(80, 'higher_is_better', limits)).toEqual({ level: 'good', label: 'Bon' });
    expect(levelOf(79.9, 'higher_is_better', limits)).toEqual({ level: 'watch', label: 'À surveiller' });
    expect(levelOf(50, 'higher_is_better', limits)).toEqual({ level: 'watch', label: 'À surveiller' });
    expect(levelOf(49, 'higher_is_better', limits)).toEqual({ level: 'critical', label: 'Critique' });
  });

  it('lower is better, with the indicator’s own words', () => {
    const limits = { watch: 3, critical: 7, labels: { good: 'Rapide', watch: 'Lent', critical: 'Bloqué' } };
    expect(levelOf(2, 'lower_is_better', limits)).toEqual({ level: 'good', label: 'Rapide' });
    expect(levelOf(5, 'lower_is_better', limits)).toEqual({ level: 'watch', label: 'Lent' });
    expect(levelOf(7.5, 'lower_is_better', limits)).toEqual({ level: 'critical', label: 'Bloqué' });
  });

  it('no thresholds, no state; one threshold alone works', () => {
    expect(levelOf(5, 'higher_is_better', thresholds(null, null))).toBeNull();
    expect(levelOf(5, 'higher_is_better', thresholds(null, 10))?.level).toBe('critical');
    expect(levelOf(15, 'higher_is_better', thresholds(null, 10))?.level).toBe('good');
  });

  it('refuses thresholds in the wrong order for the direction', () => {
    const base = { label: 'Taux', source: { kind: 'pleiade.members' }, period: 'month' } as const;
    const wrong = indicatorDefinitionSchema.safeParse({
      ...base,
      direction: 'higher_is_better',
      thresholds: { watch: 50, critical: 80 },
    });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]?.path).toEqual(['thresholds', 'critical']);
    const right = indicatorDefinitionSchema.safeParse({
      ...base,
      direction: 'lower_is_better',
      thresholds: { watch: 50, critical: 80 },
    });
    expect(right.success).toBe(true);
    expect(right.data?.thresholds.labels).toEqual(DEFAULT_LEVEL_LABELS);
  });
});

describe('trend', () => {
  it('computes the change, its percentage and whether it is good news', () => {
    const up = trendOf(
      point('2026-11-30T23:00:00.000Z', 112),
      point('2026-10-31T23:00:00.000Z', 100),
      'higher_is_better',
    );
    expect(up).toMatchObject({ direction: 'up', delta: 12, favourable: true });
    expect(up.percent).toBeCloseTo(12);
    expect(trendSentence(up, 'month', null)).toBe('en hausse de 12\u00a0% par rapport au mois précédent');
    const down = trendOf(point('b', 90), point('a', 100), 'lower_is_better');
    expect(down).toMatchObject({ direction: 'down', favourable: true });
    expect(trendSentence(down, 'week', null)).toBe('en baisse de 10\u00a0% par rapport à la semaine précédente');
  });

  it('from zero: the change in units, not a percentage', () => {
    const trend = trendOf(point('b', 3), point('a', 0), 'lower_is_better');
    expect(trend).toMatchObject({ percent: null, favourable: false });
    expect(trendSentence(trend, 'day', 'actes')).toBe('en hausse de 3\u00a0actes par rapport à la veille');
  });

  it('stable when equal', () => {
    const trend = trendOf(point('b', 7), point('a', 7), 'higher_is_better');
    expect(trend).toMatchObject({ direction: 'stable', favourable: null, percent: 0 });
    expect(trendSentence(trend, 'quarter', null)).toBe('stable par rapport au trimestre précédent');
  });

  it('compares with the period just before, not an older one', () => {
    const history = [point('2026-08-31T22:00:00.000Z', 10), point('2026-10-31T23:00:00.000Z', 20)];
    expect(trendInHistory(history, 'month', 'higher_is_better')).toBeNull();
    const full = [point('2026-09-30T22:00:00.000Z', 10), ...history.slice(1)];
    expect(trendInHistory(full, 'month', 'higher_is_better')?.delta).toBe(10);
    expect(trendInHistory([], 'month', 'higher_is_better')).toBeNull();
  });

  it('formats numbers the French way', () => {
    expect(formatIndicatorValue(1234.5, 'jours')).toBe('1\u202f234,5\u00a0jours');
  });
});
