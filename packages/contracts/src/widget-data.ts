import { z } from 'zod';
import {
  connectorAuthModeSchema,
  connectorKindSchema,
  connectorKindsFeeding,
  type ConnectorKind,
} from './connector-kinds/index.js';
import type { WidgetKind } from './widgets.js';

/**
 * What connected widgets read through the BFF: `GET /api/widgets/:widgetId/data` answers the
 * widget's data or a failure state. The SPA names a widget, never a URL: the BFF finds the widget
 * on the person's own board, its connector in their collectivité, and calls fixed upstream paths.
 */

/** Widget kinds that show data from a connected application. */
export const CONNECTED_WIDGET_KINDS = [
  'mail',
  'agenda',
  'nextcloud-notifications',
  'nextcloud-files',
  'nextcloud-dashboard',
  'chat',
  'visio',
  'parapheur',
  'teletransmission',
  'seances',
  'pastell',
  'news',
] as const satisfies readonly WidgetKind[];
export type ConnectedWidgetKind = (typeof CONNECTED_WIDGET_KINDS)[number];

export function isConnectedWidgetKind(kind: string): kind is ConnectedWidgetKind {
  return (CONNECTED_WIDGET_KINDS as readonly string[]).includes(kind);
}

/**
 * Which connector kinds can feed each widget kind (first = preferred when several are set up):
 * what each kind's definition says it feeds (connector-kinds/), in the registry's order.
 */
export const WIDGET_CONNECTOR_KINDS: { readonly [K in ConnectedWidgetKind]: readonly ConnectorKind[] } = {
  mail: connectorKindsFeeding('mail'),
  agenda: connectorKindsFeeding('agenda'),
  'nextcloud-notifications': connectorKindsFeeding('nextcloud-notifications'),
  'nextcloud-files': connectorKindsFeeding('nextcloud-files'),
  'nextcloud-dashboard': connectorKindsFeeding('nextcloud-dashboard'),
  chat: connectorKindsFeeding('chat'),
  visio: connectorKindsFeeding('visio'),
  parapheur: connectorKindsFeeding('parapheur'),
  teletransmission: connectorKindsFeeding('teletransmission'),
  seances: connectorKindsFeeding('seances'),
  pastell: connectorKindsFeeding('pastell'),
  news: connectorKindsFeeding('news'),
};

/** An absolute http(s) link; anything else (javascript:, data:…) is refused by the BFF. */
export const safeLinkSchema = z
  .string()
  .max(4096)
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  }, 'un lien http(s)');

const isoInstant = z.iso.datetime({ offset: true });
/** Text from an upstream, bounded; the SPA renders it as text, never as HTML. */
const text = (max = 500) => z.string().max(max);

export const mailDataSchema = z.object({
  unreadCount: z.number().int().min(0),
  /** Latest unread messages, newest first. */
  latest: z.array(
    z.object({
      id: text(200),
      from: text(),
      subject: text(),
      receivedAt: isoInstant,
      url: safeLinkSchema.optional(),
    }),
  ),
  /** Deep link to the mailbox. */
  appUrl: safeLinkSchema.optional(),
});
export type MailData = z.infer<typeof mailDataSchema>;

export const agendaEventSchema = z.object({
  id: text(300),
  title: text(),
  location: text().nullable(),
  start: isoInstant,
  end: isoInstant.nullable(),
  allDay: z.boolean(),
  url: safeLinkSchema.optional(),
  /** A visio link found in the event (location or description). */
  visioUrl: safeLinkSchema.optional(),
});
export type AgendaEvent = z.infer<typeof agendaEventSchema>;

export const agendaDataSchema = z.object({
  /** Today's remaining and next events, in start order. */
  events: z.array(agendaEventSchema),
  appUrl: safeLinkSchema.optional(),
});
export type AgendaData = z.infer<typeof agendaDataSchema>;

export const nextcloudNotificationsDataSchema = z.object({
  count: z.number().int().min(0),
  items: z.array(
    z.object({
      id: text(100),
      app: text(100),
      subject: text(),
      message: text(1000),
      at: isoInstant,
      url: safeLinkSchema.optional(),
      /** The notification's primary action when it opens a page (« Rejoindre la visio »). */
      action: z.object({ label: text(100), url: safeLinkSchema }).optional(),
    }),
  ),
  appUrl: safeLinkSchema.optional(),
});
export type NextcloudNotificationsData = z.infer<typeof nextcloudNotificationsDataSchema>;

export const nextcloudFilesDataSchema = z.object({
  /** Recently modified files, newest first. */
  items: z.array(
    z.object({
      id: text(100),
      name: text(),
      path: text(2000),
      mimeType: text(200),
      size: z.number().int().min(0).nullable(),
      modifiedAt: isoInstant,
      url: safeLinkSchema.optional(),
    }),
  ),
  appUrl: safeLinkSchema.optional(),
});
export type NextcloudFilesData = z.infer<typeof nextcloudFilesDataSchema>;

export const nextcloudDashboardDataSchema = z.object({
  items: z.array(
    z.object({
      id: text(200),
      title: text(),
      subtitle: text(),
      url: safeLinkSchema.optional(),
      at: isoInstant.optional(),
    }),
  ),
  appUrl: safeLinkSchema.optional(),
});
export type NextcloudDashboardData = z.infer<typeof nextcloudDashboardDataSchema>;

export const chatDataSchema = z.object({
  /** Conversations with unread messages. */
  unreadRooms: z.number().int().min(0),
  /** Mentions and highlights across all conversations. */
  mentions: z.number().int().min(0),
  /** Conversations with something unread, most recent first. */
  rooms: z.array(
    z.object({
      id: text(300),
      name: text(),
      unread: z.number().int().min(0),
      mentions: z.number().int().min(0),
      lastActivityAt: isoInstant.optional(),
      url: safeLinkSchema.optional(),
    }),
  ),
  appUrl: safeLinkSchema.optional(),
});
export type ChatData = z.infer<typeof chatDataSchema>;

export const visioDataSchema = z.object({
  /** Next visios found in the agenda (events with a link to this Jitsi server). */
  upcoming: z.array(agendaEventSchema.extend({ visioUrl: safeLinkSchema })),
  /** False when no agenda is connected: the widget only offers to start a visio. */
  agendaConnected: z.boolean(),
  appUrl: safeLinkSchema.optional(),
});
export type VisioData = z.infer<typeof visioDataSchema>;

export const parapheurDataSchema = z.object({
  /** Folders waiting on all the person's desks, and those past their due date. */
  pending: z.number().int().min(0),
  late: z.number().int().min(0),
  /** Each desk the person holds, in name order. */
  desks: z.array(
    z.object({
      id: text(200),
      name: text(200),
      pending: z.number().int().min(0),
      late: z.number().int().min(0),
    }),
  ),
  /** The first folders to process, soonest due first. */
  folders: z.array(
    z.object({
      id: text(250),
      title: text(),
      desk: text(200),
      /** « À signer », « À viser », « En retard »… */
      status: text(100),
      dueAt: isoInstant.nullable(),
      late: z.boolean(),
      url: safeLinkSchema.optional(),
    }),
  ),
  appUrl: safeLinkSchema.optional(),
});
export type ParapheurData = z.infer<typeof parapheurDataSchema>;

const teletransmissionCounts = z.object({
  transmitted: z.number().int().min(0),
  acknowledged: z.number().int().min(0),
  error: z.number().int().min(0),
});
export const teletransmissionDataSchema = z.object({
  /** The period the counts cover (the widget's `periodDays` up to now). */
  period: z.object({ from: isoInstant, to: isoInstant }),
  /** Acts that reached each status within the period and are still in it. */
  inPeriod: teletransmissionCounts,
  /** False when the period held more acts than Pléiade counts (the numbers are lower bounds). */
  complete: z.boolean(),
  /** Acts in each status now, whatever their date. */
  current: teletransmissionCounts,
  /** The acts in error, newest first. */
  errors: z.array(z.object({ id: text(100), title: text(), context: text(300), url: safeLinkSchema.optional() })),
  appUrl: safeLinkSchema.optional(),
});
export type TeletransmissionData = z.infer<typeof teletransmissionDataSchema>;

export const CONVOCATION_STATES = ['to_read', 'to_confirm', 'present', 'remote', 'absent', 'represented'] as const;
export type ConvocationState = (typeof CONVOCATION_STATES)[number];
export const seancesDataSchema = z.object({
  /** Upcoming sittings of the structure, soonest first. */
  sittings: z.array(
    z.object({
      id: text(100),
      name: text(300),
      date: isoInstant,
      /** The signed-in person's own convocation, or null when they are not convoked. */
      convocation: z
        .object({ category: z.enum(['convocation', 'invitation']), state: z.enum(CONVOCATION_STATES) })
        .nullable(),
    }),
  ),
  /** The person's convocations not yet read, and those read but not answered. */
  toRead: z.number().int().min(0),
  toConfirm: z.number().int().min(0),
  appUrl: safeLinkSchema.optional(),
});
export type SeancesData = z.infer<typeof seancesDataSchema>;

export const pastellDataSchema = z.object({
  /** The entities the person may choose (the connector's, as Pastell lists them). */
  entities: z.array(z.object({ id: text(20), name: text(300) })),
  /** The entity shown; null when none of the connector's entities is readable. */
  entity: z.object({ id: text(20), name: text(300) }).nullable(),
  /** Its documents, latest state change first. */
  documents: z.array(
    z.object({
      id: text(40),
      title: text(),
      flux: text(200),
      state: text(200),
      inError: z.boolean(),
      changedAt: isoInstant.nullable(),
      url: safeLinkSchema.optional(),
    }),
  ),
  /** Documents in error per flow, flows without error left out. */
  errorBadges: z.array(z.object({ flux: text(100), label: text(200), errors: z.number().int().min(1) })),
  appUrl: safeLinkSchema.optional(),
});
export type PastellData = z.infer<typeof pastellDataSchema>;
export const newsDataSchema = z.object({
  /** The feed's own title (« Actualités de la Mairie de … »). */
  title: text(300),
  /** Newest first; an item without a valid date comes last. */
  items: z.array(
    z.object({
      id: text(300),
      /** Plain text: titles are never HTML. */
      title: text(300),
      /** The summary turned into plain text (sanitize-html, no tag kept), shortened. */
      summary: text(600),
      publishedAt: isoInstant.nullable(),
      /** The article, http(s) only. */
      url: safeLinkSchema.optional(),
    }),
  ),
  /** The site, http(s) only. */
  appUrl: safeLinkSchema.optional(),
});
export type NewsData = z.infer<typeof newsDataSchema>;

/** Data schema of each connected widget kind; a kind without one does not compile. */
export const WIDGET_DATA_SCHEMAS = {
  mail: mailDataSchema,
  agenda: agendaDataSchema,
  'nextcloud-notifications': nextcloudNotificationsDataSchema,
  'nextcloud-files': nextcloudFilesDataSchema,
  'nextcloud-dashboard': nextcloudDashboardDataSchema,
  chat: chatDataSchema,
  visio: visioDataSchema,
  parapheur: parapheurDataSchema,
  teletransmission: teletransmissionDataSchema,
  seances: seancesDataSchema,
  pastell: pastellDataSchema,
  news: newsDataSchema,
} as const satisfies { [K in ConnectedWidgetKind]: z.ZodType };
export type WidgetDataOf<K extends ConnectedWidgetKind> = z.infer<(typeof WIDGET_DATA_SCHEMAS)[K]>;

/**
 * Why a widget has no data. `credentials_missing`: the connector wants the person's own app
 * password or token and they have not given it yet (the widget offers to enter it).
 */
export const WIDGET_FAILURE_STATUSES = [
  'not_configured',
  'credentials_missing',
  'credentials_refused',
  'unreachable',
  'timeout',
  'invalid_response',
  'circuit_open',
] as const;
export const widgetFailureStatusSchema = z.enum(WIDGET_FAILURE_STATUSES);
export type WidgetFailureStatus = z.infer<typeof widgetFailureStatusSchema>;

/** The connector a widget reads from, as every member of the collectivité may see it. */
export const connectorSourceSchema = z.object({
  id: z.uuid(),
  kind: connectorKindSchema,
  label: z.string(),
  authMode: connectorAuthModeSchema,
});
export type ConnectorSource = z.infer<typeof connectorSourceSchema>;

function okDataSchema<T extends z.ZodType>(data: T) {
  return z.object({
    status: z.literal('ok'),
    data,
    /** When the data was read from the application. */
    fetchedAt: isoInstant,
    /** Served from the cache while a refresh runs (the application was slow or failing). */
    stale: z.boolean(),
    source: connectorSourceSchema.optional(),
  });
}

export const widgetFailureSchema = z.object({
  status: widgetFailureStatusSchema,
  /** French, written for people; never an upstream's text. */
  message: z.string(),
  /** Absent when no connector of a suitable kind is set up. */
  source: connectorSourceSchema.optional(),
});
export type WidgetFailure = z.infer<typeof widgetFailureSchema>;

/** GET /api/widgets/:widgetId/data for a widget of kind `kind`. */
export function widgetDataResponseSchema<K extends ConnectedWidgetKind>(kind: K) {
  return z.union([okDataSchema(WIDGET_DATA_SCHEMAS[kind] as (typeof WIDGET_DATA_SCHEMAS)[K]), widgetFailureSchema]);
}
export type WidgetDataResponse<K extends ConnectedWidgetKind> = z.infer<ReturnType<typeof widgetDataResponseSchema<K>>>;

export const widgetIdParamsSchema = z.object({ widgetId: z.uuid({ error: 'identifiant invalide' }) });

/** POST /api/widgets/:widgetId/visio — « Démarrer une visio ». */
export const startVisioRequestSchema = z
  .object({
    /** Optional room name; letters, digits and dashes. Default: a random, unguessable name. */
    roomName: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{2,63}$/, 'de 3 à 64 lettres, chiffres ou tirets')
      .optional(),
  })
  .strict();
export type StartVisioRequest = z.infer<typeof startVisioRequestSchema>;

export const startVisioResponseSchema = z.object({
  roomName: z.string(),
  /** The meeting link, with its JWT when the collectivité's Jitsi requires one. */
  url: safeLinkSchema,
});
export type StartVisioResponse = z.infer<typeof startVisioResponseSchema>;

/** GET /api/me/connectors: the applications of the person's collectivité and their own link to each. */
export const myConnectorSchema = connectorSourceSchema.extend({
  /** Deep link to the application. */
  appUrl: safeLinkSchema,
  /** Only for `personal_secret` connectors: whether the person has given their app password or token. */
  personalCredential: z
    .object({
      set: z.boolean(),
      username: z.string().nullable(),
      updatedAt: isoInstant.nullable(),
    })
    .optional(),
});
export type MyConnector = z.infer<typeof myConnectorSchema>;
export const myConnectorListResponseSchema = z.object({ connectors: z.array(myConnectorSchema) });
export type MyConnectorListResponse = z.infer<typeof myConnectorListResponseSchema>;

/**
 * PUT /api/me/connectors/:connectorId/credential — the person's own app password or token,
 * sealed at rest, never sent back; DELETE revokes it.
 */
export const personalCredentialRequestSchema = z
  .object({
    /** Login at the application, when it differs from the person's e-mail address. */
    username: z.string().trim().min(1).max(200).optional(),
    secret: z.string().min(1, 'le mot de passe d’application ou le jeton est requis').max(4096),
  })
  .strict();
export type PersonalCredentialRequest = z.infer<typeof personalCredentialRequestSchema>;
