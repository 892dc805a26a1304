import { i18n, TIME_ZONE } from '../i18n';
import { capitalise } from './format';
import { perLocale } from './intl';

/** Dates and times are shown as in the collectivités, whatever the device's own time zone. */
export { TIME_ZONE };

const longDate = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: TIME_ZONE,
    }),
);

const clock = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }),
);

/** « Lundi 3 mars 2025 » ("Monday, 3 March 2025"): capitalised because it stands alone as a line. */
export function formatLongDate(date: Date): string {
  return capitalise(longDate().format(date));
}

/** « 09:05 » */
export function formatClock(date: Date): string {
  return clock().format(date);
}

export function msUntilNextMinute(date: Date): number {
  return 60_000 - (date.getTime() % 60_000);
}

const MS_PER_DAY = 86_400_000;

// en-CA writes dates as YYYY-MM-DD, which is easy to read back (not shown to anyone).
const isoDay = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: TIME_ZONE,
});
const weekdayDayMonth = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE }),
);
const shortWeekdayDayMonth = perLocale(
  (locale) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: TIME_ZONE }),
);
const dayMonth = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: TIME_ZONE }),
);
const dayMonthYear = perLocale(
  (locale) => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: TIME_ZONE }),
);
const yearOnly = new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone: TIME_ZONE });

/**
 * The Paris calendar day of an instant, as a day number: two instants are on the same day when
 * their numbers are equal, and tomorrow is +1 even across a daylight-saving change.
 */
export function parisDayNumber(date: Date): number {
  const [year = 0, month = 1, day = 1] = isoDay.format(date).split('-').map(Number);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** « Aujourd’hui », « Demain », else « Mercredi 5 mars »: a heading for a day of events. */
export function formatDayHeading(day: Date, now: Date): string {
  const offset = parisDayNumber(day) - parisDayNumber(now);
  if (offset === 0) return i18n.t('widgets:time.today');
  if (offset === 1) return i18n.t('widgets:time.tomorrow');
  return capitalise(weekdayDayMonth().format(day));
}

/**
 * A day inside a sentence: « aujourd’hui », « demain », else « mercredi 5 mars » (in English
 * "today", "tomorrow", else "Wednesday 5 March": weekdays keep their capital there).
 */
export function formatDayInSentence(day: Date, now: Date): string {
  const offset = parisDayNumber(day) - parisDayNumber(now);
  if (offset === 0) return i18n.t('widgets:time.todayInSentence');
  if (offset === 1) return i18n.t('widgets:time.tomorrowInSentence');
  return weekdayDayMonth().format(day);
}

/** When something arrived: « 09:05 » today, « hier, 18:30 », « 3 mars », « 3 mars 2024 » another year. */
export function formatMoment(date: Date, now: Date): string {
  const offset = parisDayNumber(now) - parisDayNumber(date);
  if (offset === 0) return formatClock(date);
  if (offset === 1) return i18n.t('widgets:time.yesterdayAt', { time: formatClock(date) });
  if (yearOnly.format(date) === yearOnly.format(now)) return dayMonth().format(date);
  return dayMonthYear().format(date);
}

export interface TimedEvent {
  start: string;
  end: string | null;
  allDay: boolean;
}

/**
 * An event's time range within its day: « 09:00 – 10:30 », « 09:00 » without an end,
 * « Toute la journée », and the end's day when it is another one (« 09:00 – jeu. 6 mars, 12:00 »).
 */
export function formatEventTime(event: TimedEvent): string {
  const start = new Date(event.start);
  const end = event.end === null ? null : new Date(event.end);
  if (event.allDay) {
    // All-day ends are exclusive (the next midnight): a one-day event ends on the following day.
    const lastDay = end === null ? null : new Date(end.getTime() - 1);
    if (lastDay === null || parisDayNumber(lastDay) <= parisDayNumber(start)) return i18n.t('widgets:time.allDay');
    return i18n.t('widgets:time.until', { day: shortWeekdayDayMonth().format(lastDay) });
  }
  if (end === null) return formatClock(start);
  if (parisDayNumber(end) === parisDayNumber(start)) return `${formatClock(start)} – ${formatClock(end)}`;
  return `${formatClock(start)} – ${shortWeekdayDayMonth().format(end)}, ${formatClock(end)}`;
}

/** The discreet note under data served from the cache: « données d’il y a 3 min ». */
export function formatDataAge(fetchedAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.floor((now.getTime() - fetchedAt.getTime()) / 60_000));
  if (minutes < 60) return i18n.t('widgets:time.dataAgeMinutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return i18n.t('widgets:time.dataAgeHours', { count: hours });
  return i18n.t('widgets:time.dataAgeDays', { count: Math.floor(hours / 24) });
}
