import type { AgendaData } from '@pleiade/contracts';
import { appLink, clip, firstHttpLink, httpAuthorization, upstreamLogin } from '../operation-kit.js';
import type { WidgetOperation } from '../operation.js';
import { UpstreamError } from '../states.js';
import { readUpcomingEvents } from './caldav-agenda.js';

/**
 * Agenda over CalDAV. The calendar collection is `options.calendarPath` under the base URL, with
 * `{login}` replaced by the person's login at the server (percent-encoded: a login can never add
 * a path segment): Radicale `/{login}/agenda/`, Nextcloud `/remote.php/dav/calendars/{login}/personal/`.
 */

export const MAX_EVENTS = 10;
const AGENDA_DAYS = 7;

export function calendarPath(template: string, login: string): string {
  if (!template.startsWith('/')) throw new UpstreamError('not_configured', 'CALDAV_CALENDAR_PATH');
  if (login === '' || login === '.' || login === '..') throw new UpstreamError('not_configured', 'CALDAV_LOGIN');
  return template.replaceAll('{login}', encodeURIComponent(login));
}

export const readCalDavAgenda: WidgetOperation<'agenda', 'caldav'> = async (context): Promise<AgendaData> => {
  const { client, connector, credential, user, now, signal } = context;
  const path = calendarPath(connector.options.calendarPath, upstreamLogin(credential, user.login));
  const events = await readUpcomingEvents(
    client,
    { path, authorization: httpAuthorization(credential) },
    { from: now, to: new Date(now.getTime() + AGENDA_DAYS * 24 * 3_600_000), limit: MAX_EVENTS, signal },
  );
  return {
    events: events.map((event) => {
      const visioUrl = firstHttpLink(event.location, event.description);
      return {
        id: clip(`${event.uid}:${event.start}`, 300),
        title: clip(event.summary),
        location: event.location ? clip(event.location) : null,
        start: event.start,
        end: event.end,
        allDay: event.allDay,
        ...(visioUrl ? { visioUrl } : {}),
      };
    }),
    appUrl: appLink(connector.baseUrl),
  };
};
