// Wall-clock formatting in Europe/Paris, the time zone of the collectivités' servers.

function parisParts(date: Date): Record<string, string> {
  return Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
}

/** `YYYY-MM-DD` of this instant in Europe/Paris. */
export function parisDate(date: Date): string {
  const p = parisParts(date);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `YYYY-MM-DD HH:MM:SS` of this instant in Europe/Paris (how PHP applications print dates). */
export function parisDateTime(date: Date): string {
  const p = parisParts(date);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** `HH:MM:SS` of this instant in Europe/Paris. */
export function parisClock(date: Date): string {
  const p = parisParts(date);
  return `${p.hour}:${p.minute}:${p.second}`;
}

/** The calendar day `days` after `isoDate` (`YYYY-MM-DD`), in the proleptic Gregorian calendar. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The offset of Europe/Paris from UTC at this instant, as `+01:00` or `+02:00`. */
export function parisOffset(date: Date): string {
  const p = parisParts(date);
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  const minutes = Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
