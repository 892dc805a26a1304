/** Dates and times are shown as in the collectivités, whatever the device's own time zone. */
export const TIME_ZONE = 'Europe/Paris';

const longDate = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: TIME_ZONE,
});

const clock = new Intl.DateTimeFormat('fr-FR', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: TIME_ZONE,
});

/** « Lundi 3 mars 2025 »: capitalised because it stands alone as a line. */
export function formatLongDate(date: Date): string {
  const text = longDate.format(date);
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}

/** « 09:05 » */
export function formatClock(date: Date): string {
  return clock.format(date);
}

export function msUntilNextMinute(date: Date): number {
  return 60_000 - (date.getTime() % 60_000);
}
