import ICAL from 'ical.js';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { UpstreamError } from '../states.js';
import type { UpstreamClient } from '../upstream-client.js';

/** A calendar collection reached over CalDAV (RFC 4791) with the person's own credentials. */
export interface CalDavCalendar {
  /** The calendar collection under the client's base URL, e.g. /jean/agenda/ */
  path: string;
  /** The `Authorization` header (Basic or Bearer). */
  authorization: string;
}

export interface AgendaEvent {
  uid: string;
  summary: string;
  location: string | null;
  description: string | null;
  start: string;
  end: string | null;
  allDay: boolean;
}

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Character references (&#60;, &#x3C;) are XML too; without this they would reach people as text.
  htmlEntities: true,
  isArray: (name) => name === 'response' || name === 'propstat',
});

function utc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function calendarQuery(from: Date, to: Date): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><c:calendar-data/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
    <c:time-range start="${utc(from)}" end="${utc(to)}"/>
  </c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>`;
}

/** Occurrences of one VEVENT (recurrences expanded) that overlap [from, to). */
function occurrences(vevent: ICAL.Component, from: Date, to: Date): AgendaEvent[] {
  const event = new ICAL.Event(vevent);
  const base = {
    uid: event.uid,
    summary: event.summary ?? '',
    location: event.location || null,
    description: event.description || null,
    allDay: event.startDate.isDate,
  };
  const found: AgendaEvent[] = [];
  const durationMs = event.endDate ? event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime() : 0;
  const push = (start: Date) => {
    const end = event.endDate ? new Date(start.getTime() + durationMs) : null;
    if (start < to && (end ?? start) >= from)
      found.push({ ...base, start: start.toISOString(), end: end?.toISOString() ?? null });
  };
  if (!event.isRecurring()) {
    push(event.startDate.toJSDate());
    return found;
  }
  const iterator = event.iterator();
  // Bounded: a daily event over years must not make one widget read loop for long.
  for (let next = iterator.next(), count = 0; next && count < 500; next = iterator.next(), count += 1) {
    const start = next.toJSDate();
    if (start >= to) break;
    push(start);
  }
  return found;
}

/**
 * Events of the calendar between two instants (time-range REPORT), soonest first. Any CalDAV server
 * works (Radicale, Nextcloud, Zimbra, SOGo…). The call goes through the connector's guarded
 * client: its SSRF policy, timeouts, retries (REPORT only reads) and breaker apply.
 */
export async function readUpcomingEvents(
  client: UpstreamClient,
  calendar: CalDavCalendar,
  range: { from: Date; to: Date; limit?: number; signal?: AbortSignal },
): Promise<AgendaEvent[]> {
  let body: string;
  try {
    body = await client.request({
      method: 'REPORT',
      path: calendar.path,
      headers: {
        authorization: calendar.authorization,
        depth: '1',
        'content-type': 'application/xml; charset=utf-8',
      },
      body: calendarQuery(range.from, range.to),
      responseType: 'text',
      schema: z.string(),
      signal: range.signal,
    });
  } catch (error) {
    // No such calendar: the configured path does not fit this server.
    if (error instanceof UpstreamError && error.reason === 'HTTP_404')
      throw new UpstreamError('not_configured', 'HTTP_404');
    throw error;
  }
  const events: AgendaEvent[] = [];
  try {
    const parsed = parser.parse(body) as {
      multistatus?: { response?: { propstat?: { prop?: { 'calendar-data'?: unknown } }[] }[] };
    };
    if (!parsed.multistatus) throw new UpstreamError('invalid_response', 'CALDAV_PARSE');
    for (const entry of parsed.multistatus.response ?? []) {
      for (const propstat of entry.propstat ?? []) {
        const data = propstat.prop?.['calendar-data'];
        if (typeof data !== 'string' || data.trim() === '') continue;
        const vcalendar = new ICAL.Component(ICAL.parse(data));
        for (const vevent of vcalendar.getAllSubcomponents('vevent')) {
          // A modified occurrence (RECURRENCE-ID) is its own VEVENT; the master's expansion covers the rest.
          if (vevent.hasProperty('recurrence-id')) continue;
          events.push(...occurrences(vevent, range.from, range.to));
        }
      }
    }
  } catch {
    throw new UpstreamError('invalid_response', 'CALDAV_PARSE');
  }
  events.sort((a, b) => a.start.localeCompare(b.start));
  return events.slice(0, range.limit ?? 10);
}
