// Zimbra SOAP-over-JSON simulator (POST /service/soap). Shapes from the public documentation:
// - JSON envelope (Header.context, Body.<XxxRequest>, _jsns, _content), faults, AUTH_EXPIRED:
//   Zimbra/zm-mailbox store/docs/soap.txt
// - AuthRequest with preauth (HMAC-SHA1 of account|by|expires|timestamp, 5-minute window):
//   Zimbra/zm-mailbox store/docs/preauth.md, https://wiki.zimbra.com/wiki/Preauth
// - SearchRequest (types=message|appointment, calExpandInstStart/End), GetFolderRequest (u, n, s):
//   store/docs/soap.txt, store/docs/soap-calendar.txt. As Zimbra's SearchParams.parse does, a search
//   without `query` runs the account's zimbraPrefMailInitialSearch (`in:inbox` by default), so an
//   appointment search must name the calendar (`inid:10`); no `types` means conversations; `limit`
//   absent or ≤ 0 means 10, above 1000 means 1000.
// A fault is answered with HTTP 500 and the body
// {Body:{Fault:{Code:{Value},Reason:{Text},Detail:{Error:{Code,Trace,_jsns}}}},_jsns:"urn:zimbraSoap"}.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { minutesBefore, parisTimeToday, type SimUser } from '../demo-data.js';
import { header, json, type AppHandler, type SimResponse } from '../http.js';

export interface ZimbraOptions {
  users: readonly SimUser[];
  now: () => Date;
  /** Domain (e.g. "demo-a.pleiade.test") → hex preauth key. */
  preauthKeys: Record<string, string>;
  /** Auth token lifetime in ms (Zimbra's default zimbraAuthTokenLifetime is 2 days). */
  tokenLifetimeMs: number;
}

export interface ZimbraState {
  /** Forget every issued token's validity, so the next call gets service.AUTH_EXPIRED. */
  expireAllTokens(): void;
}

const PREAUTH_WINDOW_MS = 5 * 60 * 1000;
const INBOX_ID = '2';
const CALENDAR_ID = '10';
/** zimbraPrefMailInitialSearch's default: what Zimbra searches when a SearchRequest has no query. */
export const DEFAULT_INITIAL_SEARCH = 'in:inbox';
/** Zimbra's SearchParams: DEFAULT_LIMIT and MAX_PARSABLE_LIMIT. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;
const FOLDER_IDS: Record<string, string> = { inbox: INBOX_ID, calendar: CALENDAR_ID };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attribute or `{_content}` element, as the JSON form allows both. */
function content(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return content(v[0]);
  if (isObject(v)) return content(v._content);
  return undefined;
}

class SoapFault extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly sender = true,
  ) {
    super(reason);
  }
}

function envelope(body: Json): SimResponse {
  return json(200, { Header: { context: { _jsns: 'urn:zimbra' } }, Body: body, _jsns: 'urn:zimbraSoap' });
}

function faultResponse(fault: SoapFault): SimResponse {
  return json(500, {
    Header: { context: { _jsns: 'urn:zimbra' } },
    Body: {
      Fault: {
        Code: { Value: fault.sender ? 'soap:Sender' : 'soap:Receiver' },
        Reason: { Text: fault.reason },
        Detail: { Error: { Code: fault.code, Trace: `qtp-sim:${Date.now()}`, _jsns: 'urn:zimbra' } },
      },
    },
    _jsns: 'urn:zimbraSoap',
  });
}

function hmacHex(key: string, text: string): string {
  return createHmac('sha1', key).update(text).digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The part of Zimbra's query language the simulator understands: folder terms (`in:inbox`,
 * `in:"Calendar"`, `in:/Inbox`, `inid:10`, `inid:"10"`, `is:anywhere`), OR-ed together when several
 * (`(inid:10 OR inid:"12")`), `is:unread` / `is:read`, and words matched in the text. Another
 * operator is a parse error, as an unknown one is for Zimbra: the simulator never ignores a term.
 */
interface ParsedQuery {
  /** Folder ids searched; undefined when the query names none (everywhere). */
  folders: Set<string> | undefined;
  unread: boolean | undefined;
  words: string[];
}

function unquote(value: string): string {
  return value.replace(/^"(.*)"$/, '$1');
}

function parseQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { folders: undefined, unread: undefined, words: [] };
  const terms = query
    .toLowerCase()
    .replace(/[()]/g, ' ')
    .split(/\s+/)
    .filter((term) => term !== '' && term !== 'or' && term !== 'and');
  for (const term of terms) {
    const colon = term.indexOf(':');
    const operator = colon > 0 ? term.slice(0, colon) : undefined;
    const value = colon > 0 ? unquote(term.slice(colon + 1)) : term;
    if (operator === 'in' || operator === 'inid') {
      const id = operator === 'inid' ? value : (FOLDER_IDS[value.replace(/^\//, '')] ?? `unknown:${value}`);
      parsed.folders ??= new Set();
      parsed.folders.add(id);
    } else if (operator === 'is' && value === 'anywhere') {
      parsed.folders ??= new Set();
      parsed.folders.add(INBOX_ID).add(CALENDAR_ID);
    } else if (operator === 'is' && (value === 'unread' || value === 'read')) {
      parsed.unread = value === 'unread';
    } else if (operator === undefined) {
      parsed.words.push(value);
    } else {
      throw new SoapFault('mail.QUERY_PARSE_ERROR', `Couldn't parse query: ${query}`);
    }
  }
  return parsed;
}

const searches = (parsed: ParsedQuery, folderId: string) => !parsed.folders || parsed.folders.has(folderId);

function messageHit(m: SimUser['zimbra']['messages'][number], user: SimUser, now: Date) {
  const d = minutesBefore(now, m.minutesAgo).getTime();
  return {
    id: m.id,
    cid: `-${m.id}`,
    l: INBOX_ID,
    d,
    sf: String(d),
    f: `${m.unread ? 'u' : ''}${m.flagged ? 'f' : ''}${m.highPriority ? '!' : ''}`,
    s: 2048 + m.fragment.length,
    rev: Number(m.id),
    su: m.subject,
    fr: m.fragment,
    e: [
      { a: m.fromAddress, d: m.fromName.split(' ')[0], p: m.fromName, t: 'f' },
      { a: user.email, d: user.displayName.split(' ')[0], p: user.displayName, t: 't' },
    ],
  };
}

export function createZimbraHandler(options: ZimbraOptions): { handler: AppHandler; state: ZimbraState } {
  const tokens = new Map<string, { username: string; expiresAt: number }>();

  function authenticateToken(req: IncomingMessage, request: Json): SimUser {
    const context = isObject(request.Header) && isObject(request.Header.context) ? request.Header.context : {};
    const cookie = /(?:^|;\s*)ZM_AUTH_TOKEN=([^;]+)/.exec(header(req, 'cookie') ?? '')?.[1];
    const token = content(context.authToken) ?? cookie;
    if (!token) throw new SoapFault('service.AUTH_REQUIRED', 'no valid authtoken present');
    const session = tokens.get(token);
    if (!session) throw new SoapFault('service.AUTH_REQUIRED', 'no valid authtoken present');
    if (session.expiresAt <= options.now().getTime()) {
      throw new SoapFault('service.AUTH_EXPIRED', 'auth credentials have expired');
    }
    const user = options.users.find((u) => u.username === session.username);
    if (!user) throw new SoapFault('service.AUTH_REQUIRED', 'no valid authtoken present');
    return user;
  }

  function auth(request: Json): Json {
    const accountEl = request.account;
    const account = content(accountEl) ?? '';
    const by = (isObject(accountEl) && typeof accountEl.by === 'string' ? accountEl.by : 'name').toLowerCase();
    const failed = new SoapFault('account.AUTH_FAILED', `authentication failed for [${account}]`);
    const preauth = request.preauth;
    if (!isObject(preauth)) throw new SoapFault('service.INVALID_REQUEST', 'invalid request: missing preauth');
    const user = by === 'name' ? options.users.find((u) => u.email === account) : undefined;
    if (!user) throw failed;
    const domain = account.slice(account.indexOf('@') + 1);
    const key = options.preauthKeys[domain];
    const timestamp = Number(preauth.timestamp);
    const expires = Number(preauth.expires ?? 0);
    const value = content(preauth) ?? '';
    if (!key || !Number.isFinite(timestamp) || !Number.isFinite(expires)) throw failed;
    if (!sameHex(hmacHex(key, `${account}|${by}|${expires}|${timestamp}`), value)) throw failed;
    const now = options.now().getTime();
    if (Math.abs(now - timestamp) > PREAUTH_WINDOW_MS) throw failed; // "preauth timestamp is too old"
    if (expires !== 0 && now > timestamp + expires) throw failed; // "preauth expired"
    const authToken = `0_${randomBytes(24).toString('hex')}`;
    tokens.set(authToken, { username: user.username, expiresAt: now + options.tokenLifetimeMs });
    return {
      AuthResponse: {
        authToken: [{ _content: authToken }],
        lifetime: options.tokenLifetimeMs,
        skin: [{ _content: 'harmony' }],
        _jsns: 'urn:zimbraAccount',
      },
    };
  }

  function search(user: SimUser, request: Json): Json {
    const types = String(request.types ?? 'conversation');
    const askedLimit = Number(request.limit ?? 0) || 0;
    const limit = askedLimit <= 0 ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, askedLimit);
    const offset = Math.max(0, Number(request.offset ?? 0) || 0);
    const query = parseQuery(content(request.query) ?? DEFAULT_INITIAL_SEARCH);
    const now = options.now();
    const base = { sortBy: String(request.sortBy ?? 'dateDesc'), offset, _jsns: 'urn:zimbraMail' };

    if (types === 'message') {
      // Every simulated message is in the inbox.
      let hits = searches(query, INBOX_ID) ? [...user.zimbra.messages].sort((a, b) => a.minutesAgo - b.minutesAgo) : [];
      if (query.unread !== undefined) hits = hits.filter((m) => m.unread === query.unread);
      for (const word of query.words) {
        hits = hits.filter((m) => `${m.subject} ${m.fragment}`.toLowerCase().includes(word));
      }
      if (base.sortBy === 'dateAsc') hits.reverse();
      const page = hits.slice(offset, offset + limit).map((m) => messageHit(m, user, now));
      return {
        SearchResponse: { ...base, ...(page.length > 0 ? { m: page } : {}), more: offset + limit < hits.length },
      };
    }

    if (types === 'appointment') {
      const start = request.calExpandInstStart === undefined ? undefined : Number(request.calExpandInstStart);
      const end = request.calExpandInstEnd === undefined ? undefined : Number(request.calExpandInstEnd);
      // Every simulated appointment is in the default calendar (an inbox search finds none) and
      // none is unread.
      const inCalendar = searches(query, CALENDAR_ID) && query.unread !== true;
      const appts = (inCalendar ? user.zimbra.appointments : [])
        .filter((a) => query.words.every((word) => `${a.name} ${a.location}`.toLowerCase().includes(word)))
        .map((a) => {
          const s = parisTimeToday(now, a.start).getTime() + (a.dayOffset ?? 0) * 24 * 60 * 60_000;
          return { a, s, e: s + a.durationMinutes * 60_000 };
        })
        // With an expansion range, items with no instance in it are left out (soap.txt).
        .filter(({ s, e }) => start === undefined || end === undefined || (s < end && e > start))
        .sort((x, y) => x.s - y.s)
        .slice(offset, offset + limit)
        .map(({ a, s }) => ({
          id: a.id,
          uid: `${a.id}-pleiade-sim`,
          l: CALENDAR_ID,
          name: a.name,
          loc: a.location,
          dur: a.durationMinutes * 60_000,
          allDay: false,
          fb: 'B',
          fba: 'B',
          transp: 'O',
          status: 'CONF',
          class: 'PUB',
          ptst: 'AC',
          d: s,
          sf: String(s),
          ...(a.description !== undefined ? { fr: a.description } : {}),
          ...(start !== undefined && end !== undefined ? { inst: [{ s }] } : {}),
        }));
      return { SearchResponse: { ...base, ...(appts.length > 0 ? { appt: appts } : {}), more: false } };
    }

    throw new SoapFault('service.INVALID_REQUEST', `invalid request: the simulator supports types=message|appointment`);
  }

  function getFolder(user: SimUser, request: Json): Json {
    const folderEl = isObject(request.folder) ? request.folder : {};
    const path = typeof folderEl.path === 'string' ? folderEl.path : undefined;
    const id = typeof folderEl.l === 'string' ? folderEl.l : undefined; // base folder id
    const messages = user.zimbra.messages;
    const inbox = {
      id: INBOX_ID,
      name: 'Inbox',
      absFolderPath: '/Inbox',
      l: '1',
      view: 'message',
      rev: 1,
      ms: messages.length + 1,
      u: messages.filter((m) => m.unread).length,
      n: messages.length,
      s: messages.reduce((sum, m) => sum + 2048 + m.fragment.length, 0),
    };
    const calendar = {
      id: CALENDAR_ID,
      name: 'Calendar',
      absFolderPath: '/Calendar',
      l: '1',
      view: 'appointment',
      rev: 1,
      ms: 1,
      n: user.zimbra.appointments.length,
      s: 0,
      f: '#',
    };
    const key = (path ?? '').toLowerCase().replace(/\/+$/, '');
    let folder: Json;
    if (key === '/inbox' || id === INBOX_ID) folder = inbox;
    else if (key === '/calendar' || id === CALENDAR_ID) folder = calendar;
    else if (path === undefined && id === undefined) {
      folder = {
        id: '1',
        name: 'USER_ROOT',
        absFolderPath: '/',
        l: '11',
        rev: 1,
        ms: 1,
        n: 0,
        s: 0,
        folder: [inbox, calendar],
      };
    } else throw new SoapFault('mail.NO_SUCH_FOLDER', `no such folder path: ${path ?? id ?? ''}`);
    return { GetFolderResponse: { folder: [folder], _jsns: 'urn:zimbraMail' } };
  }

  const handler: AppHandler = (req, body) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    // The web client's login page lives at the root of a real Zimbra.
    if (url.pathname === '/' && req.method === 'GET') {
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!doctype html><title>Zimbra Web Client Sign In</title>',
      };
    }
    if (url.pathname !== '/service/soap' && url.pathname !== '/service/soap/') {
      return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
    }
    if (req.method !== 'POST') return { status: 405, headers: { allow: 'POST' }, body: '' };
    try {
      let request: unknown;
      try {
        request = JSON.parse(body);
      } catch {
        throw new SoapFault('service.PARSE_ERROR', 'parse error: invalid JSON request');
      }
      if (!isObject(request) || !isObject(request.Body)) {
        throw new SoapFault('service.INVALID_REQUEST', 'invalid request: no Body');
      }
      const [name, payload] = Object.entries(request.Body).find(([k]) => k.endsWith('Request')) ?? [];
      if (!name || !isObject(payload)) throw new SoapFault('service.INVALID_REQUEST', 'invalid request: no request');
      switch (name) {
        case 'AuthRequest':
          return envelope(auth(payload));
        case 'SearchRequest':
          return envelope(search(authenticateToken(req, request), payload));
        case 'GetFolderRequest':
          return envelope(getFolder(authenticateToken(req, request), payload));
        default:
          throw new SoapFault('service.UNKNOWN_DOCUMENT', `unknown document: ${name}`);
      }
    } catch (err) {
      if (err instanceof SoapFault) return faultResponse(err);
      throw err;
    }
  };

  return {
    handler,
    state: {
      expireAllTokens: () => {
        for (const session of tokens.values()) session.expiresAt = 0;
      },
    },
  };
}

/** What the BFF computes: hex HMAC-SHA1 of `account|by|expires|timestamp` with the domain key. */
export function computePreauth(key: string, account: string, by: string, expires: number, timestamp: number): string {
  return hmacHex(key, `${account}|${by}|${expires}|${timestamp}`);
}
