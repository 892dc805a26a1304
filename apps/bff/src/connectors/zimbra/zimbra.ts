import type { AgendaData, AgendaEvent, MailData } from '@pleiade/contracts';
import { z } from 'zod';
import { appLink, clip, firstHttpLink, isoInstant } from '../operation-kit.js';
import type { ActionableItem } from '../actionable.js';
import type { OperationContext, WidgetOperation } from '../operation.js';
import { soapRead, withAuthToken } from './soap.js';

/**
 * Mail and agenda from Zimbra (SOAP JSON, Zimbra/zm-mailbox store/docs/soap.txt): GetFolderRequest
 * for the inbox's unread count, SearchRequest for the latest unread messages and the appointments
 * of the default calendar in the next 7 days (instances expanded by the server). Links open the classic web client.
 */

export const LATEST_MAIL = 5;
export const MAX_EVENTS = 10;
const AGENDA_DAYS = 7;
/** Appointments asked for: enough for a week of a busy agenda, bounded. */
const APPOINTMENT_LIMIT = 50;
/**
 * The default calendar (Mailbox.ID_FOLDER_CALENDAR, the same id in every mailbox). Without a query
 * Zimbra runs the account's initial search (`in:inbox`), which holds no appointment; `inid:` with
 * sortBy none, offset 0 and an expansion range is also Zimbra's cached calendar-summary path.
 */
const CALENDAR_QUERY = 'inid:10';

const MAIL_APP_PATH = '?app=mail';
const CALENDAR_APP_PATH = '?app=calendar';

const folderResponse = z.object({
  Body: z.object({
    GetFolderResponse: z.object({
      folder: z.array(z.object({ u: z.coerce.number().int().min(0).default(0) })).min(1),
    }),
  }),
});

const messageSearchResponse = z.object({
  Body: z.object({
    SearchResponse: z.object({
      m: z
        .array(
          z.object({
            id: z.string().max(200),
            d: z.coerce.number(),
            su: z.string().optional(),
            /** Flags: u unread, f flagged, ! high priority… */
            f: z.string().max(50).optional(),
            e: z
              .array(z.object({ t: z.string().optional(), a: z.string().optional(), p: z.string().optional() }))
              .optional(),
          }),
        )
        .max(100)
        .default([]),
    }),
  }),
});

const appointmentSearchResponse = z.object({
  Body: z.object({
    SearchResponse: z.object({
      appt: z
        .array(
          z.object({
            id: z.string().max(200),
            name: z.string().optional(),
            loc: z.string().optional(),
            /** Fragment: the start of the description. */
            fr: z.string().optional(),
            dur: z.coerce.number().min(0).optional(),
            allDay: z.boolean().optional(),
            inst: z
              .array(
                z.object({
                  s: z.coerce.number(),
                  dur: z.coerce.number().min(0).optional(),
                  allDay: z.boolean().optional(),
                }),
              )
              .max(500)
              .optional(),
          }),
        )
        .max(APPOINTMENT_LIMIT * 2)
        .default([]),
    }),
  }),
});

export const readZimbraMail: WidgetOperation<'mail'> = (context) =>
  withAuthToken(context, async (token): Promise<MailData> => {
    const [folder, search] = await Promise.all([
      soapRead(context, token, 'GetFolderRequest', { folder: { path: '/Inbox' }, depth: 0 }, folderResponse),
      soapRead(
        context,
        token,
        'SearchRequest',
        { types: 'message', query: 'in:inbox is:unread', sortBy: 'dateDesc', limit: LATEST_MAIL, fetch: 0 },
        messageSearchResponse,
      ),
    ]);
    const base = context.connector.baseUrl;
    const latest: MailData['latest'] = [];
    for (const message of search.Body.SearchResponse.m.slice(0, LATEST_MAIL)) {
      const receivedAt = isoInstant(message.d);
      if (!receivedAt) continue;
      const sender = message.e?.find((address) => address.t === 'f');
      latest.push({
        id: clip(message.id, 200),
        from: clip(sender?.p || sender?.a),
        subject: clip(message.su),
        receivedAt,
        url: appLink(base, `${MAIL_APP_PATH}&id=${encodeURIComponent(message.id)}`),
      });
    }
    return {
      unreadCount: folder.Body.GetFolderResponse.folder[0]?.u ?? 0,
      latest,
      appUrl: appLink(base, MAIL_APP_PATH),
    };
  });

/** Unread inbox messages looked at for « À traiter ». */
const IMPORTANT_SCAN = 50;

/**
 * « À traiter »: unread inbox messages the person flagged or that came marked high priority
 * (Zimbra's `f` flags: `f` flagged, `!` high priority), newest first.
 */
export function readZimbraImportantMail(context: OperationContext<'zimbra'>): Promise<ActionableItem[]> {
  return withAuthToken(context, async (token) => {
    const search = await soapRead(
      context,
      token,
      'SearchRequest',
      { types: 'message', query: 'in:inbox is:unread', sortBy: 'dateDesc', limit: IMPORTANT_SCAN, fetch: 0 },
      messageSearchResponse,
    );
    const base = context.connector.baseUrl;
    return search.Body.SearchResponse.m.flatMap((message): ActionableItem[] => {
      const flags = message.f ?? '';
      const flagged = flags.includes('f');
      const high = flags.includes('!');
      const receivedAt = isoInstant(message.d);
      if ((!flagged && !high) || !receivedAt) return [];
      const sender = message.e?.find((address) => address.t === 'f');
      return [
        {
          source: 'zimbra',
          id: `zimbra:${clip(message.id, 200)}`,
          title: clip(message.su) || '(sans objet)',
          context: `De ${clip(sender?.p || sender?.a) || 'expéditeur inconnu'}`,
          status: high ? 'Message important non lu' : 'Message suivi non lu',
          dueAt: null,
          updatedAt: receivedAt,
          urgent: false,
          url: appLink(base, `${MAIL_APP_PATH}&id=${encodeURIComponent(message.id)}`),
          concerns: { scope: 'person', login: context.user.login },
        },
      ];
    });
  });
}

export const readZimbraAgenda: WidgetOperation<'agenda'> = (context) =>
  withAuthToken(context, async (token): Promise<AgendaData> => {
    const from = context.now.getTime();
    const to = from + AGENDA_DAYS * 24 * 3_600_000;
    const search = await soapRead(
      context,
      token,
      'SearchRequest',
      {
        types: 'appointment',
        query: CALENDAR_QUERY,
        calExpandInstStart: from,
        calExpandInstEnd: to,
        sortBy: 'none',
        limit: APPOINTMENT_LIMIT,
        offset: 0,
      },
      appointmentSearchResponse,
    );
    const base = context.connector.baseUrl;
    const appUrl = appLink(base, CALENDAR_APP_PATH);
    const events: AgendaEvent[] = [];
    for (const appointment of search.Body.SearchResponse.appt) {
      const visioUrl = firstHttpLink(appointment.loc, appointment.fr);
      for (const instance of appointment.inst ?? []) {
        const duration = instance.dur ?? appointment.dur ?? 0;
        const endMs = instance.s + duration;
        // Today's remaining ones: an appointment already over is left out, one under way is kept.
        if ((duration > 0 ? endMs : instance.s) < from || instance.s >= to) continue;
        const start = isoInstant(instance.s);
        if (!start) continue;
        events.push({
          id: clip(`${appointment.id}:${instance.s}`, 300),
          title: clip(appointment.name),
          location: appointment.loc ? clip(appointment.loc) : null,
          start,
          end: duration > 0 ? (isoInstant(endMs) ?? null) : null,
          allDay: instance.allDay ?? appointment.allDay ?? false,
          ...(appUrl ? { url: appUrl } : {}),
          ...(visioUrl ? { visioUrl } : {}),
        });
      }
    }
    events.sort((a, b) => a.start.localeCompare(b.start));
    return { events: events.slice(0, MAX_EVENTS), ...(appUrl ? { appUrl } : {}) };
  });
