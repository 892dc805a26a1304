import { i18n } from '../i18n';
import { parisDayNumber, formatDayHeading } from './time';

export interface DayGroup<E> {
  /** Paris day number (time.ts), the group's key. */
  day: number;
  heading: string;
  events: E[];
}

/**
 * Events grouped under their Paris day, in the order received (start order). An event that began
 * on an earlier day and is still running is shown under today.
 */
export function groupEventsByDay<E extends { start: string }>(events: readonly E[], now: Date): DayGroup<E>[] {
  const today = parisDayNumber(now);
  const groups: DayGroup<E>[] = [];
  for (const event of events) {
    const start = new Date(event.start);
    const day = Math.max(parisDayNumber(start), today);
    let group = groups.find((candidate) => candidate.day === day);
    if (!group) {
      group = { day, heading: formatDayHeading(day === today ? now : start, now), events: [] };
      groups.push(group);
    }
    group.events.push(event);
  }
  return groups.sort((a, b) => a.day - b.day);
}

/** A place that is a web address (a visio room pasted in the « Lieu » field), not somewhere to go. */
const WEB_ADDRESS = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$/i;

/**
 * What the event's line shows as its place, and the visio to join: an address typed as the place
 * is shown as « Visio » ("Video call") with the link behind « Rejoindre la visio », never as raw text.
 */
export function placeOf(event: { location?: string | null; visioUrl?: string | null }): {
  place: string | undefined;
  visioUrl: string | undefined;
} {
  const location = event.location?.trim() || undefined;
  const visioUrl = event.visioUrl ?? undefined;
  if (location && WEB_ADDRESS.test(location)) {
    return {
      place: i18n.t('widgets:events.visioPlace'),
      visioUrl: visioUrl ?? (location.startsWith('www.') ? `https://${location}` : location),
    };
  }
  return { place: location, visioUrl };
}
