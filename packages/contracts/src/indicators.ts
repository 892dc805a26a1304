import { z } from 'zod';

/**
 * Indicators (issue 11): a number the collectivité follows, read by the BFF once per period from a
 * source of its registry, with a trend against the previous period and thresholds in words. Periods
 * are those of the town hall's calendar: Europe/Paris, weeks from Monday.
 */

export const INDICATOR_TIME_ZONE = 'Europe/Paris';

export const INDICATOR_PERIODS = ['day', 'week', 'month', 'quarter'] as const;
export type IndicatorPeriod = (typeof INDICATOR_PERIODS)[number];

export const INDICATOR_PERIOD_LABELS: { readonly [P in IndicatorPeriod]: string } = {
  day: 'Chaque jour',
  week: 'Chaque semaine',
  month: 'Chaque mois',
  quarter: 'Chaque trimestre',
};

/** « … par rapport au mois précédent ». */
export const PREVIOUS_PERIOD_WORDS: { readonly [P in IndicatorPeriod]: string } = {
  day: 'à la veille',
  week: 'à la semaine précédente',
  month: 'au mois précédent',
  quarter: 'au trimestre précédent',
};

export const INDICATOR_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

export const INDICATOR_DIRECTION_LABELS: { readonly [D in IndicatorDirection]: string } = {
  higher_is_better: 'Plus c’est haut, mieux c’est',
  lower_is_better: 'Plus c’est bas, mieux c’est',
};

export const INDICATOR_LEVELS = ['good', 'watch', 'critical'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

export const DEFAULT_LEVEL_LABELS: { readonly [L in IndicatorLevel]: string } = {
  good: 'Bon',
  watch: 'À surveiller',
  critical: 'Critique',
};

const finite = z.number({ error: 'un nombre' }).finite('un nombre fini');
const levelLabel = z.string().trim().min(1, 'un mot, au moins un caractère').max(40, 'au plus 40 caractères');

/**
 * Two cut values on the indicator's scale. Higher is better: at or above `watch` is good, below
 * `watch` is to watch, below `critical` is critical (so critical ≤ watch); lower is better, the
 * other way round. Either may be absent (no such level). Each level has its words.
 */
export const indicatorThresholdsSchema = z
  .object({
    watch: finite.nullable().default(null),
    critical: finite.nullable().default(null),
    labels: z
      .object({ good: levelLabel, watch: levelLabel, critical: levelLabel })
      .strict()
      .default({ ...DEFAULT_LEVEL_LABELS }),
  })
  .strict();
export type IndicatorThresholds = z.infer<typeof indicatorThresholdsSchema>;

export const MAX_INDICATOR_LABEL = 120;
export const MAX_INDICATOR_UNIT = 20;
export const MAX_INDICATOR_HISTORY = 60;
export const DEFAULT_INDICATOR_HISTORY = 12;

const sourceKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-zA-Z0-9-]*)*$/, 'un type de source de la liste')
  .max(80);

/** POST /api/admin/indicators and PUT /api/admin/indicators/:id. */
export const indicatorDefinitionSchema = z
  .object({
    label: z.string().trim().min(1, 'un nom, au moins un caractère').max(MAX_INDICATOR_LABEL),
    unit: z.string().trim().max(MAX_INDICATOR_UNIT).nullable().default(null),
    source: z
      .object({
        kind: sourceKindSchema,
        /** Checked by the source's own schema in the BFF (apps/bff/src/indicators). */
        params: z.record(z.string(), z.unknown()).default({}),
      })
      .strict(),
    period: z.enum(INDICATOR_PERIODS),
    direction: z.enum(INDICATOR_DIRECTIONS),
    thresholds: indicatorThresholdsSchema.default({ watch: null, critical: null, labels: { ...DEFAULT_LEVEL_LABELS } }),
  })
  .strict()
  .superRefine((definition, context) => {
    const { watch, critical } = definition.thresholds;
    if (watch === null || critical === null) return;
    const ordered = definition.direction === 'higher_is_better' ? critical <= watch : critical >= watch;
    if (!ordered) {
      context.addIssue({
        code: 'custom',
        path: ['thresholds', 'critical'],
        message:
          definition.direction === 'higher_is_better'
            ? 'le seuil critique doit être inférieur ou égal au seuil « à surveiller »'
            : 'le seuil critique doit être supérieur ou égal au seuil « à surveiller »',
      });
    }
  });
export type IndicatorDefinitionRequest = z.input<typeof indicatorDefinitionSchema>;
export type IndicatorDefinitionInput = z.output<typeof indicatorDefinitionSchema>;

export const indicatorIdParamsSchema = z.object({
  indicatorId: z.uuid({ error: 'identifiant d’indicateur invalide' }),
});

/** GET /api/indicators/:id?history=N */
export const indicatorHistoryQuerySchema = z.object({
  history: z.coerce.number().int().min(1).max(MAX_INDICATOR_HISTORY).default(DEFAULT_INDICATOR_HISTORY),
});

/** A field of a source's parameters, as the administration's form shows it. */
export const indicatorSourceFieldSchema = z.discriminatedUnion('type', [
  z.object({
    name: z.string(),
    label: z.string(),
    type: z.literal('select'),
    options: z.array(z.object({ value: z.string(), label: z.string() })),
  }),
  z.object({ name: z.string(), label: z.string(), type: z.literal('text') }),
]);
export type IndicatorSourceField = z.infer<typeof indicatorSourceFieldSchema>;

/** GET /api/admin/indicator-sources — the kinds of the BFF's registry. */
export const indicatorSourceListSchema = z.object({
  sources: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      unit: z.string().nullable(),
      fields: z.array(indicatorSourceFieldSchema),
    }),
  ),
});
export type IndicatorSourceList = z.infer<typeof indicatorSourceListSchema>;

export const indicatorDefinitionViewSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  unit: z.string().nullable(),
  source: z.object({ kind: z.string(), label: z.string(), params: z.record(z.string(), z.unknown()) }),
  period: z.enum(INDICATOR_PERIODS),
  direction: z.enum(INDICATOR_DIRECTIONS),
  thresholds: indicatorThresholdsSchema,
  updatedAt: z.iso.datetime(),
});
export type IndicatorDefinitionView = z.infer<typeof indicatorDefinitionViewSchema>;

/** GET /api/admin/indicators */
export const indicatorDefinitionListSchema = z.object({ indicators: z.array(indicatorDefinitionViewSchema) });
export type IndicatorDefinitionList = z.infer<typeof indicatorDefinitionListSchema>;

/** GET /api/indicators — what a widget may show (members of the collectivité). */
export const indicatorSummaryListSchema = z.object({
  indicators: z.array(z.object({ id: z.uuid(), label: z.string(), unit: z.string().nullable() })),
});
export type IndicatorSummaryList = z.infer<typeof indicatorSummaryListSchema>;

export const indicatorPointSchema = z.object({
  periodStart: z.iso.datetime(),
  value: z.number(),
  takenAt: z.iso.datetime(),
});
export type IndicatorPoint = z.infer<typeof indicatorPointSchema>;

export const TREND_DIRECTIONS = ['up', 'down', 'stable'] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

export const indicatorTrendSchema = z.object({
  direction: z.enum(TREND_DIRECTIONS),
  /** Difference with the previous period's value. */
  delta: z.number(),
  /** Relative change in percent; null when the previous value is 0. */
  percent: z.number().nullable(),
  /** Whether this change is good news given the indicator's direction; null when stable. */
  favourable: z.boolean().nullable(),
  previous: indicatorPointSchema,
});
export type IndicatorTrend = z.infer<typeof indicatorTrendSchema>;

/** GET /api/indicators/:id */
export const indicatorReadingSchema = z.object({
  indicator: z.object({
    id: z.uuid(),
    label: z.string(),
    unit: z.string().nullable(),
    period: z.enum(INDICATOR_PERIODS),
    direction: z.enum(INDICATOR_DIRECTIONS),
  }),
  /** The last snapshot; null before the first one. */
  current: indicatorPointSchema.nullable(),
  /** Against the snapshot of the period just before the current one; null without it. */
  trend: indicatorTrendSchema.nullable(),
  /** The level of the current value, with its words; null without thresholds or value. */
  state: z.object({ level: z.enum(INDICATOR_LEVELS), label: z.string() }).nullable(),
  /** Oldest first, the current one last. */
  history: z.array(indicatorPointSchema),
});
export type IndicatorReading = z.infer<typeof indicatorReadingSchema>;

// ——— Periods (Europe/Paris) ———

interface WallDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

const wallFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: INDICATOR_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function wallParts(instant: Date): WallDate & { hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(wallFormat.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Paris's offset from UTC at this instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffsetMs(instant: Date): number {
  const wall = wallParts(instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of midnight in Paris on this date (midnight is never skipped by a DST change there). */
function parisMidnight(date: WallDate): Date {
  const guess = Date.UTC(date.year, date.month - 1, date.day);
  const first = guess - parisOffsetMs(new Date(guess));
  return new Date(guess - parisOffsetMs(new Date(first)));
}

/** A calendar date moved by days or months (Date.UTC normalises overflowing fields). */
function shift(date: WallDate, days: number, months = 0): WallDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1 + months, date.day + days));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

function startDate(period: IndicatorPeriod, instant: Date): WallDate {
  const { year, month, day } = wallParts(instant);
  switch (period) {
    case 'day':
      return { year, month, day };
    case 'week': {
      const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday
      return shift({ year, month, day }, -((weekday + 6) % 7));
    }
    case 'month':
      return { year, month, day: 1 };
    case 'quarter':
      return { year, month: month - ((month - 1) % 3), day: 1 };
  }
}

function step(period: IndicatorPeriod, date: WallDate, count: number): WallDate {
  switch (period) {
    case 'day':
      return shift(date, count);
    case 'week':
      return shift(date, 7 * count);
    case 'month':
      return shift(date, 0, count);
    case 'quarter':
      return shift(date, 0, 3 * count);
  }
}

/** The start (Paris midnight) of the period holding `instant`. */
export function periodStartOf(period: IndicatorPeriod, instant: Date): Date {
  return parisMidnight(startDate(period, instant));
}

/** The start of the period `count` periods after (or before, negative) the one holding `instant`. */
export function periodStartAfter(period: IndicatorPeriod, instant: Date, count = 1): Date {
  return parisMidnight(step(period, startDate(period, instant), count));
}

// ——— Reading a value ———

/** The level of a value against the thresholds, with the indicator's words; null when none applies. */
export function levelOf(
  value: number,
  direction: IndicatorDirection,
  thresholds: IndicatorThresholds,
): { level: IndicatorLevel; label: string } | null {
  const { watch, critical, labels } = thresholds;
  if (watch === null && critical === null) return null;
  const worse = (limit: number) => (direction === 'higher_is_better' ? value < limit : value > limit);
  const level: IndicatorLevel =
    critical !== null && worse(critical) ? 'critical' : watch !== null && worse(watch) ? 'watch' : 'good';
  return { level, label: labels[level] };
}

/** The change from the previous period's point to the current one. */
export function trendOf(
  current: IndicatorPoint,
  previous: IndicatorPoint,
  direction: IndicatorDirection,
): IndicatorTrend {
  const delta = current.value - previous.value;
  // Below a millionth of the value, a change is rounding noise, not a trend.
  const stable = Math.abs(delta) <= Math.abs(previous.value) * 1e-6 || delta === 0;
  const trend: TrendDirection = stable ? 'stable' : delta > 0 ? 'up' : 'down';
  return {
    direction: trend,
    delta: stable ? 0 : delta,
    percent: previous.value === 0 ? null : stable ? 0 : (delta / Math.abs(previous.value)) * 100,
    favourable: trend === 'stable' ? null : (trend === 'up') === (direction === 'higher_is_better'),
    previous,
  };
}

/**
 * The trend against the previous period: the point whose period starts exactly one period before
 * the current one (a missing period gives no trend rather than a misleading one).
 */
export function trendInHistory(
  history: readonly IndicatorPoint[],
  period: IndicatorPeriod,
  direction: IndicatorDirection,
): IndicatorTrend | null {
  const current = history.at(-1);
  if (!current) return null;
  const expected = periodStartAfter(period, new Date(current.periodStart), -1).getTime();
  const previous = history.find((point) => new Date(point.periodStart).getTime() === expected);
  return previous ? trendOf(current, previous, direction) : null;
}

// ——— Words (fr-FR) ———

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 1 234,5 », with the unit when there is one: « 1 234,5 jours ». */
export function formatIndicatorValue(value: number, unit: string | null): string {
  const number = numberFormat.format(value);
  return unit ? `${number}\u00a0${unit}` : number;
}

/** « en hausse de 12 % par rapport au mois précédent », « stable par rapport à la veille ». */
export function trendSentence(trend: IndicatorTrend, period: IndicatorPeriod, unit: string | null): string {
  const reference = `par rapport ${PREVIOUS_PERIOD_WORDS[period]}`;
  if (trend.direction === 'stable') return `stable ${reference}`;
  const amount =
    trend.percent === null
      ? formatIndicatorValue(Math.abs(trend.delta), unit)
      : `${percentFormat.format(Math.abs(trend.percent))}\u00a0%`;
  return `en ${trend.direction === 'up' ? 'hausse' : 'baisse'} de ${amount} ${reference}`;
}
