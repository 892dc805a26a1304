import { z } from 'zod';
import { clip, safeLink } from '../operation-kit.js';
import { UpstreamError } from '../states.js';
import type { FaultReader, UpstreamClient } from '../upstream-client.js';

/**
 * GLPI's legacy REST API (`<GLPI>/apirest.php`, glpi-project/glpi apirest.md; GLPI 9.1 to 11),
 * chosen over GLPI 11's high-level API (`/api.php/v2`) because it is what collectivités run today
 * (GLPI 10) and because it takes the person's own "remote access key" (`user_token`); the v2 API
 * wants OAuth2 clients and exists only from GLPI 11.
 *
 * A read is three calls: initSession (App-Token + `user_token` or a technical account's Basic
 * credentials) → search/Ticket with `Session-Token` → killSession. With the person's token the
 * session is theirs and the filter is "requester = myself"; with a technical account, which sees
 * every ticket of its entities, the person is looked up by login and the filter names their id,
 * and every row is checked again here: a row whose requesters do not include the person is
 * dropped and counted, never shown.
 */

/** Search option ids of Ticket (listSearchOptions/Ticket), stable since GLPI 9. */
export const TICKET_FIELDS = {
  title: 1,
  id: 2,
  priority: 3,
  requester: 4,
  technician: 5,
  category: 7,
  status: 12,
  openedAt: 15,
  updatedAt: 19,
  observer: 66,
  entity: 80,
} as const;

/** GLPI's own French labels of the ITIL statuses and priorities. */
export const GLPI_STATUS_LABELS: Readonly<Record<number, string>> = {
  1: 'Nouveau',
  2: 'En cours (attribué)',
  3: 'En cours (planifié)',
  4: 'En attente',
  5: 'Résolu',
  6: 'Clos',
};
export const GLPI_PRIORITY_LABELS: Readonly<Record<number, string>> = {
  1: 'Très basse',
  2: 'Basse',
  3: 'Moyenne',
  4: 'Haute',
  5: 'Très haute',
  6: 'Majeure',
};

export type GlpiAuth =
  /** The person's own remote access key (GLPI > Préférences > Clés d'accès distant). */
  | { kind: 'user_token'; userToken: string; appToken?: string }
  /** A technical account that sees the entity; `personLogin` (from the session only) narrows the read. */
  | { kind: 'technical_account'; login: string; password: string; personLogin: string; appToken?: string };

export interface GlpiSession {
  sessionToken: string;
  appToken?: string;
}

export interface GlpiTicket {
  id: number;
  title: string;
  status: number;
  /** French, GLPI's wording. */
  statusLabel: string;
  priority: number;
  priorityLabel: string;
  /** ISO 8601 UTC; GLPI sends the server's wall-clock time. */
  openedAt?: string;
  updatedAt?: string;
  /** `<GLPI>/front/ticket.form.php?id=<id>`. */
  url?: string;
}

export interface GlpiTicketList {
  /** Matching tickets at GLPI (before `limit`). */
  total: number;
  tickets: GlpiTicket[];
  /** Rows GLPI returned that were not the person's (technical account) and were dropped. */
  dropped: number;
}

const API = '/apirest.php';
const MAX_ROWS = 200;

/** `["ERROR_SESSION_TOKEN_INVALID", "session_token seems invalid"]`: only the code is used. */
const errorBody = z.tuple([z.string().max(100)]).rest(z.unknown());

/**
 * GLPI answers errors as `[CODE, message]` with 400/401/403. A refused session is its own reason
 * (the read opens a new one); refused credentials and missing rights are the operator's or the
 * person's to fix; a refused query is a connector bug.
 */
export const glpiFaults: FaultReader = {
  statuses: [400, 401, 403, 404],
  classify(body) {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success) return undefined;
    const [code] = parsed.data;
    switch (code) {
      case 'ERROR_SESSION_TOKEN_INVALID':
      case 'ERROR_SESSION_TOKEN_MISSING':
        return new UpstreamError('credentials_refused', 'GLPI_SESSION_INVALID');
      case 'ERROR_GLPI_LOGIN_USER_TOKEN':
      case 'ERROR_GLPI_LOGIN':
      case 'ERROR_LOGIN_PARAMETERS_MISSING':
      case 'ERROR_LOGIN_WITH_CREDENTIALS_DISABLED':
        return new UpstreamError('credentials_refused', 'GLPI_LOGIN_REFUSED');
      case 'ERROR_APP_TOKEN_PARAMETERS_MISSING':
      case 'ERROR_WRONG_APP_TOKEN_PARAMETER':
      case 'ERROR_NOT_ALLOWED_IP':
        return new UpstreamError('credentials_refused', 'GLPI_API_CLIENT_REFUSED');
      case 'ERROR_RIGHT_MISSING':
        return new UpstreamError('credentials_refused', 'GLPI_RIGHT_MISSING');
      default:
        return new UpstreamError('invalid_response', 'GLPI_REQUEST_REFUSED');
    }
  },
};

const sessionResponse = z.object({ session_token: z.string().regex(/^[\w-]{8,128}$/) });

/** One cell: GLPI gives a value, an array of values (several requesters) or null. */
const cell = z.union([z.string(), z.number(), z.null(), z.array(z.union([z.string(), z.number(), z.null()])).max(100)]);

const searchResponse = z.object({
  totalcount: z.coerce.number().int().nonnegative(),
  count: z.coerce.number().int().nonnegative(),
  // Absent when nothing matches.
  data: z.array(z.record(z.string(), cell)).max(MAX_ROWS).default([]),
});

const ticketRow = z.object({
  [TICKET_FIELDS.id]: z.coerce.number().int().positive(),
  [TICKET_FIELDS.title]: z.string(),
  [TICKET_FIELDS.status]: z.coerce.number().int(),
  [TICKET_FIELDS.priority]: z.coerce.number().int().optional(),
  [TICKET_FIELDS.openedAt]: z.string().nullable().optional(),
  [TICKET_FIELDS.updatedAt]: z.string().nullable().optional(),
  [TICKET_FIELDS.requester]: cell.optional(),
});

const userRow = z.object({
  [TICKET_FIELDS.id]: z.coerce.number().int().positive(),
  [TICKET_FIELDS.title]: z.string(),
});

function headers(session: GlpiSession): Record<string, string> {
  return { 'session-token': session.sessionToken, ...(session.appToken ? { 'app-token': session.appToken } : {}) };
}

/** Opens a GLPI session with the person's token or the technical account. */
export async function openSession(client: UpstreamClient, auth: GlpiAuth, signal?: AbortSignal): Promise<GlpiSession> {
  const authorization =
    auth.kind === 'user_token'
      ? `user_token ${auth.userToken}`
      : `Basic ${Buffer.from(`${auth.login}:${auth.password}`, 'utf8').toString('base64')}`;
  const response = await client.request({
    path: `${API}/initSession`,
    headers: { authorization, ...(auth.appToken ? { 'app-token': auth.appToken } : {}) },
    schema: sessionResponse,
    fault: glpiFaults,
    signal,
  });
  return { sessionToken: response.session_token, ...(auth.appToken ? { appToken: auth.appToken } : {}) };
}

/** Ends the session (GLPI keeps PHP sessions until their lifetime otherwise). Never throws. */
export async function closeSession(client: UpstreamClient, session: GlpiSession, signal?: AbortSignal): Promise<void> {
  await client
    .request({ path: `${API}/killSession`, headers: headers(session), schema: z.unknown(), fault: glpiFaults, signal })
    .catch(() => undefined);
}

/** The GLPI id of the user whose login is exactly `login`, or undefined. Needs a profile that reads users. */
export async function findUserId(
  client: UpstreamClient,
  session: GlpiSession,
  login: string,
  signal?: AbortSignal,
): Promise<number | undefined> {
  const response = await client.request({
    path: `${API}/search/User`,
    headers: headers(session),
    query: {
      'criteria[0][field]': 1,
      'criteria[0][searchtype]': 'contains',
      // `^…$` anchors GLPI's "contains"; its LIKE still treats `_` and `%` as wildcards, hence the exact check below.
      'criteria[0][value]': `^${login}$`,
      'forcedisplay[0]': 2,
      range: '0-9',
    },
    schema: searchResponse,
    fault: glpiFaults,
    idempotent: true,
    signal,
  });
  for (const raw of response.data) {
    const row = userRow.safeParse(raw);
    if (row.success && decodeGlpiText(row.data[TICKET_FIELDS.title]) === login) return row.data[TICKET_FIELDS.id];
  }
  return undefined;
}

export interface OpenTicketsQuery {
  /** `myself` (the session's user) or a GLPI user id. */
  requester: 'myself' | number;
  /** When set, every row must name this login among its requesters (technical account). */
  requireRequesterLogin?: string;
  limit: number;
  /** GLPI's server time zone, in which it writes dates; default Europe/Paris. */
  timeZone?: string;
}

/** Open tickets (GLPI's "notold": new, in progress, waiting) of one requester, last changed first. */
export async function listOpenTickets(
  client: UpstreamClient,
  session: GlpiSession,
  glpiBaseUrl: string,
  query: OpenTicketsQuery,
  signal?: AbortSignal,
): Promise<GlpiTicketList> {
  const limit = Math.max(1, Math.min(query.limit, MAX_ROWS));
  const columns = [
    TICKET_FIELDS.id,
    TICKET_FIELDS.title,
    TICKET_FIELDS.status,
    TICKET_FIELDS.priority,
    TICKET_FIELDS.openedAt,
    TICKET_FIELDS.updatedAt,
    TICKET_FIELDS.requester,
  ];
  const response = await client.request({
    path: `${API}/search/Ticket`,
    headers: headers(session),
    query: {
      'criteria[0][field]': TICKET_FIELDS.requester,
      'criteria[0][searchtype]': 'equals',
      'criteria[0][value]': query.requester,
      'criteria[1][link]': 'AND',
      'criteria[1][field]': TICKET_FIELDS.status,
      'criteria[1][searchtype]': 'equals',
      'criteria[1][value]': 'notold',
      ...Object.fromEntries(columns.map((id, index) => [`forcedisplay[${index}]`, id])),
      sort: TICKET_FIELDS.updatedAt,
      order: 'DESC',
      range: `0-${limit - 1}`,
    },
    schema: searchResponse,
    fault: glpiFaults,
    idempotent: true,
    signal,
  });
  const timeZone = query.timeZone ?? 'Europe/Paris';
  const tickets: GlpiTicket[] = [];
  let dropped = 0;
  for (const raw of response.data) {
    const parsed = ticketRow.safeParse(raw);
    if (!parsed.success) throw new UpstreamError('invalid_response', 'SCHEMA');
    const row = parsed.data;
    if (query.requireRequesterLogin !== undefined) {
      const requesters = [row[TICKET_FIELDS.requester] ?? []].flat().map((v) => decodeGlpiText(String(v ?? '')));
      if (!requesters.includes(query.requireRequesterLogin)) {
        dropped += 1;
        continue;
      }
    }
    const id = row[TICKET_FIELDS.id];
    const status = row[TICKET_FIELDS.status];
    const priority = row[TICKET_FIELDS.priority] ?? 3;
    tickets.push({
      id,
      title: clip(decodeGlpiText(row[TICKET_FIELDS.title]), 300),
      status,
      statusLabel: GLPI_STATUS_LABELS[status] ?? 'Statut inconnu',
      priority,
      priorityLabel: GLPI_PRIORITY_LABELS[priority] ?? 'Priorité inconnue',
      openedAt: wallClockToIso(row[TICKET_FIELDS.openedAt], timeZone),
      updatedAt: wallClockToIso(row[TICKET_FIELDS.updatedAt], timeZone),
      url: ticketLink(glpiBaseUrl, id),
    });
  }
  return { total: response.totalcount - dropped, tickets, dropped };
}

export interface MyOpenTicketsOptions {
  limit: number;
  timeZone?: string;
  signal?: AbortSignal;
}

/**
 * The signed-in person's open tickets: opens a session, reads, always closes it. With a
 * technical account, an unknown login gives an empty list (the person has no GLPI account).
 */
export async function readMyOpenTickets(
  client: UpstreamClient,
  glpiBaseUrl: string,
  auth: GlpiAuth,
  options: MyOpenTicketsOptions,
): Promise<GlpiTicketList> {
  const session = await openSession(client, auth, options.signal);
  try {
    if (auth.kind === 'user_token') {
      return await listOpenTickets(client, session, glpiBaseUrl, { requester: 'myself', ...options }, options.signal);
    }
    const userId = await findUserId(client, session, auth.personLogin, options.signal);
    if (userId === undefined) return { total: 0, tickets: [], dropped: 0 };
    return await listOpenTickets(
      client,
      session,
      glpiBaseUrl,
      { requester: userId, requireRequesterLogin: auth.personLogin, ...options },
      options.signal,
    );
  } finally {
    await closeSession(client, session);
  }
}

/** `<GLPI>/front/ticket.form.php?id=<id>` under the configured GLPI address. */
export function ticketLink(glpiBaseUrl: string, id: number): string | undefined {
  const base = glpiBaseUrl.endsWith('/') ? glpiBaseUrl : `${glpiBaseUrl}/`;
  return safeLink(`front/ticket.form.php?id=${encodeURIComponent(String(id))}`, base);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * GLPI 10 stores input HTML-encoded (`&#60;`, `&#38;`); GLPI 11 does not. Decoding character
 * references once gives the text the person typed, which the SPA then renders as text.
 */
export function decodeGlpiText(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,5});/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** `YYYY-MM-DD HH:MM:SS` in `timeZone` → ISO 8601 UTC; undefined when it is not such a date. */
export function wallClockToIso(text: string | null | undefined, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text ?? '');
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  const asUtc = Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  if (Number.isNaN(asUtc)) return undefined;
  // The zone's offset at that moment (twice, for instants next to a daylight-saving change).
  let instant = asUtc - offsetMs(new Date(asUtc), timeZone);
  instant = asUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant).toISOString();
}

function offsetMs(date: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const local = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(date.getTime() / 1000) * 1000;
}
