import {
  INDICATOR_TIME_ZONE,
  type IndicatorPeriod,
  type IndicatorPoint,
  type IndicatorTrend,
} from '@pleiade/contracts';
import { i18n } from '../i18n';
import { perLocale } from './intl';

/** What the Indicateur widget computes from a reading: period names, values, trends, the sparkline's path. */

const dayFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { timeZone: INDICATOR_TIME_ZONE, dateStyle: 'medium' }),
);
const monthFormat = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { timeZone: INDICATOR_TIME_ZONE, month: 'long', year: 'numeric' }),
);
const yearMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: INDICATOR_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
});
const valueFormat = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }));
const percentFormat = perLocale((locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }));

/** « 4 déc. 2026 », « semaine du 30 nov. 2026 », « décembre 2026 », « 4e trimestre 2026 » ("Q4 2026"). */
export function periodName(period: IndicatorPeriod, periodStart: string): string {
  const start = new Date(periodStart);
  switch (period) {
    case 'day':
      return dayFormat().format(start);
    case 'week':
      return i18n.t('widgets:indicator.week', { date: dayFormat().format(start) });
    case 'month':
      return monthFormat().format(start);
    case 'quarter': {
      const parts = Object.fromEntries(yearMonth.formatToParts(start).map((part) => [part.type, part.value]));
      const quarter = Math.floor((Number(parts.month) - 1) / 3) + 1;
      return quarter === 1
        ? i18n.t('widgets:indicator.firstQuarter', { year: parts.year })
        : i18n.t('widgets:indicator.quarter', { quarter, year: parts.year });
    }
  }
}

/**
 * « 1 234,5 », with the unit when there is one: « 1 234,5 jours » (the unit is the
 * collectivité's own word, not translated). As the contracts' formatIndicatorValue, in the
 * interface's language.
 */
export function formatIndicatorValue(value: number, unit: string | null): string {
  const number = valueFormat().format(value);
  return unit ? `${number}\u00a0${unit}` : number;
}

/** « en hausse de 12 % par rapport au mois précédent », « stable par rapport à la veille ». */
export function trendSentence(trend: IndicatorTrend, period: IndicatorPeriod, unit: string | null): string {
  const reference = i18n.t(`widgets:indicator.reference.${period}`);
  if (trend.direction === 'stable') return i18n.t('widgets:indicator.trendStable', { reference });
  const amount =
    trend.percent === null
      ? formatIndicatorValue(Math.abs(trend.delta), unit)
      : i18n.t('widgets:indicator.percent', { value: percentFormat().format(Math.abs(trend.percent)) });
  return trend.direction === 'up'
    ? i18n.t('widgets:indicator.trendUp', { amount, reference })
    : i18n.t('widgets:indicator.trendDown', { amount, reference });
}

export interface Sparkline {
  /** SVG path (`M x y L …`) in a width × height box, oldest point on the left. */
  path: string;
  /** The last point, drawn as a dot. */
  last: { x: number; y: number };
}

/** A line through the history's values, scaled to the box with a margin; null under two points. */
export function sparkline(
  history: readonly IndicatorPoint[],
  width: number,
  height: number,
  margin = 3,
): Sparkline | null {
  if (history.length < 2) return null;
  const values = history.map((point) => point.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  const step = (width - 2 * margin) / (history.length - 1);
  const points = values.map((value, index) => ({
    x: Number((margin + index * step).toFixed(2)),
    // A flat history draws a line across the middle.
    y: Number((span === 0 ? height / 2 : margin + ((max - value) / span) * (height - 2 * margin)).toFixed(2)),
  }));
  const last = points.at(-1) ?? { x: 0, y: 0 };
  return { path: points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' '), last };
}
