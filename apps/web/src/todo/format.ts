import { intlLocale, TIME_ZONE } from '../i18n';
import { parisDayNumber } from '../widgets/time';

const numbers = new Map<string, Intl.NumberFormat>();
const days = new Map<string, Intl.DateTimeFormat>();

function cached<T>(cache: Map<string, T>, make: (locale: string) => T): T {
  const locale = intlLocale();
  let found = cache.get(locale);
  if (!found) {
    found = make(locale);
    cache.set(locale, found);
  }
  return found;
}

/** « 12 345 » in French, « 12,345 » in English. */
export function formatNumber(count: number): string {
  return cached(numbers, (locale) => new Intl.NumberFormat(locale)).format(count);
}

/** « mercredi 5 mars », « Wednesday 5 March »: a day within a sentence (« À traiter pour le … »). */
export function formatDueDay(date: Date): string {
  return cached(
    days,
    (locale) =>
      new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE }),
  ).format(date);
}

/** Days from `now` to `date` in Paris: 0 today, 1 tomorrow, negative before. */
export function dayOffset(date: Date, now: Date): number {
  return parisDayNumber(date) - parisDayNumber(now);
}
