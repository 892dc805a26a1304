// Nextcloud simulator. Shapes from the public documentation:
// - OCS envelope, OCS-APIRequest header, format=json / Accept: application/json, Basic or Bearer:
//   nextcloud/documentation developer_manual/client_apis/OCS/ocs-api-overview.rst
// - notifications: nextcloud/notifications docs/ocs-endpoint-v2.md (fields, ETag/If-None-Match → 304)
// - dashboard widget items v1/v2: nextcloud/server apps/dashboard/lib/Controller/DashboardApiController.php,
//   apps/dashboard/lib/ResponseDefinitions.php; developer_manual/digging_deeper/dashboard.rst
// - recent files: WebDAV SEARCH (RFC 5323 basicsearch) on /remote.php/dav/,
//   developer_manual/client_apis/WebDAV/search.rst and the Files app "Recent" query (apps/files/src/services/Recent.ts)
// - parameters as the app framework reads them (lib/private/AppFramework/Http/Dispatcher.php): an
//   `int` parameter is PHP's settype() of the text ("abc" → 0, "12x" → 12), its default when absent;
//   the response format is `format`, else the first Accept type with a responder (json, xml), else XML.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { minutesBefore, type SimUser } from '../demo-data.js';
import { bearerToken, header, json, type AppHandler, type SimResponse } from '../http.js';
import { readSearch, SearchError, type SearchableFile } from './dav-search.js';

export interface NextcloudOptions {
  users: readonly SimUser[];
  now: () => Date;
  /** Extra bearer validation (e.g. a real OIDC access token): returns the Nextcloud user id or undefined. */
  resolveBearer?: (token: string) => string | undefined | Promise<string | undefined>;
}

const OCS_PREFIX = '/ocs/v2.php';
const NOTIFICATIONS = `${OCS_PREFIX}/apps/notifications/api/v2/notifications`;
const WIDGET_ITEMS_V1 = `${OCS_PREFIX}/apps/dashboard/api/v1/widget-items`;
const WIDGET_ITEMS_V2 = `${OCS_PREFIX}/apps/dashboard/api/v2/widget-items`;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function authenticate(req: IncomingMessage, options: NextcloudOptions): Promise<SimUser | undefined> {
  const auth = header(req, 'authorization') ?? '';
  const basic = /^Basic\s+(\S+)$/i.exec(auth);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    const login = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const user = options.users.find((u) => u.username === login);
    return user && safeEqual(user.nextcloud.appPassword, password) ? user : undefined;
  }
  const token = bearerToken(req);
  if (!token) return undefined;
  const byToken = options.users.find((u) => u.nextcloud.bearerTokens.some((t) => safeEqual(t, token)));
  if (byToken) return byToken;
  const userId = await options.resolveBearer?.(token);
  return userId ? options.users.find((u) => u.username === userId) : undefined;
}

// --- OCS rendering -----------------------------------------------------------------------------

interface OcsMeta {
  status: 'ok' | 'failure';
  statuscode: number;
  message: string;
}

function wantsJson(req: IncomingMessage, url: URL): boolean {
  const format = url.searchParams.get('format');
  if (format !== null) return format === 'json';
  // Controller::getResponderByHTTPHeader: the first media type whose subtype has a responder.
  for (const part of (header(req, 'accept') ?? '').split(',')) {
    const subtype = /\w+\/(\w+)/.exec(part)?.[1];
    if (subtype === 'json' || subtype === 'xml') return subtype === 'json';
  }
  return false;
}

/** PHP's settype($value, 'int') of a query parameter: leading digits, else 0; `fallback` when absent. */
export function phpInt(value: string | null, fallback: number): number {
  if (value === null) return fallback;
  const match = /^\s*([+-]?\d+)/.exec(value);
  return match?.[1] ? Number.parseInt(match[1], 10) : 0;
}

/** The dashboard's default layout when the user never arranged theirs (DashboardApiController::getShownWidgets). */
export const DEFAULT_DASHBOARD_LAYOUT = ['recommendations', 'spreed', 'mail', 'calendar'];

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** OCS XML: objects become elements, list entries become <element>. */
function toXml(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => `<element>${toXml(v)}</element>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  }
  return xmlEscape(String(value));
}

function ocs(
  req: IncomingMessage,
  url: URL,
  httpStatus: number,
  meta: OcsMeta,
  data: unknown,
  headers: Record<string, string> = {},
): SimResponse {
  // PHP has one array type: an empty map is encoded as [] (json_encode), as Nextcloud answers it.
  const phpData = isEmptyMap(data) ? [] : data;
  const envelope = { ocs: { meta: { ...meta, totalitems: '', itemsperpage: '' }, data: phpData } };
  if (wantsJson(req, url)) return json(httpStatus, envelope, headers);
  return {
    status: httpStatus,
    headers: { 'content-type': 'application/xml; charset=utf-8', ...headers },
    body: `<?xml version="1.0"?>\n${toXml(envelope)}`,
  };
}

function isEmptyMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}

const OK: OcsMeta = { status: 'ok', statuscode: 200, message: 'OK' };

// --- resources ---------------------------------------------------------------------------------

/** A seed's link: a path on this server, or an absolute URL (any scheme) kept as it is. */
function linkTo(baseUrl: string, pathOrUrl: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) ? pathOrUrl : `${baseUrl}${pathOrUrl}`;
}

function notificationsOf(user: SimUser, baseUrl: string, now: Date) {
  return user.nextcloud.notifications.map((n) => ({
    notification_id: n.id,
    app: n.app,
    user: user.username,
    datetime: minutesBefore(now, n.minutesAgo)
      .toISOString()
      .replace(/\.\d{3}Z$/, '+00:00'),
    object_type: n.objectType,
    object_id: n.objectId,
    subject: n.subject,
    subjectRich: '',
    subjectRichParameters: [],
    message: n.message,
    messageRich: '',
    messageRichParameters: [],
    link: linkTo(baseUrl, n.linkPath),
    icon: `${baseUrl}${n.iconPath}`,
    shouldNotify: true,
    actions: n.actions.map((a) => ({
      label: a.label,
      link: linkTo(baseUrl, a.linkPath),
      type: a.type,
      primary: a.primary,
    })),
  }));
}

function widgetItemsOf(user: SimUser, url: URL, baseUrl: string, now: Date) {
  const requested = url.searchParams.getAll('widgets[]');
  // No widget named: those of the user's layout (the default one in the demo data).
  const ids = requested.length > 0 ? requested : DEFAULT_DASHBOARD_LAYOUT;
  // `int $limit = 7`, passed to the widget as it is (array_slice: 0 gives none, -n all but n).
  const limit = phpInt(url.searchParams.get('limit'), 7);
  const result: Record<string, object[]> = {};
  for (const id of ids) {
    const seeds = user.nextcloud.widgetItems[id];
    if (!seeds) continue; // widgets the user does not have are left out of the map
    const since = Number(url.searchParams.get(`sinceIds[${id}]`) ?? '0');
    result[id] = seeds
      .map((s) => ({ seed: s, sinceId: String(Math.floor(minutesBefore(now, s.minutesAgo).getTime() / 1000)) }))
      .filter(({ sinceId }) => Number(sinceId) > since)
      .slice(0, limit)
      .map(({ seed, sinceId }) => ({
        subtitle: seed.subtitle,
        title: seed.title,
        link: linkTo(baseUrl, seed.linkPath),
        iconUrl: `${baseUrl}${seed.iconPath}`,
        overlayIconUrl: seed.overlayIconPath ? `${baseUrl}${seed.overlayIconPath}` : '',
        sinceId,
      }));
  }
  return result;
}

// --- WebDAV SEARCH -----------------------------------------------------------------------------

function davError(status: number, exception: string, message: string, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { 'content-type': 'application/xml; charset=utf-8', ...headers },
    body:
      '<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns">' +
      `<s:exception>${exception}</s:exception><s:message>${xmlEscape(message)}</s:message></d:error>`,
  };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function search(user: SimUser, body: string, now: Date): SimResponse {
  let query;
  try {
    query = readSearch(body);
  } catch (error) {
    if (!(error instanceof SearchError)) throw error;
    return davError(400, 'Sabre\\DAV\\Exception\\BadRequest', error.message);
  }
  const scopeMatch = /^\/files\/([^/]+)(\/.*)?$/.exec(query.scope);
  if (!scopeMatch || scopeMatch[1] !== user.username) {
    return davError(404, 'Sabre\\DAV\\Exception\\NotFound', `File with name ${query.scope} could not be located`);
  }
  const under = (scopeMatch[2] ?? '').replace(/^\/+|\/+$/g, '');
  const { depth } = query;
  const searchable = user.nextcloud.files.flatMap((f) => {
    if (under !== '' && !f.path.startsWith(`${under}/`)) return [];
    const relative = under === '' ? f.path : f.path.slice(under.length + 1);
    // Depth 1: the folder's own children; depth 0: the folder itself, which is not a file.
    if (depth !== 'infinity' && relative.split('/').length > depth) return [];
    const file: SearchableFile = {
      path: f.path,
      name: f.path.split('/').pop() ?? f.path,
      contentType: f.contentType,
      size: f.size,
      fileId: f.fileId,
      modified: Math.floor(minutesBefore(now, f.minutesAgo).getTime() / 1000),
    };
    return [{ seed: f, file }];
  });
  const selected = searchable
    .filter(({ file }) => query.matches(file))
    .sort((a, b) => query.order(a.file, b.file))
    .slice(query.offset, query.limit === undefined ? undefined : query.offset + query.limit);
  const files = selected.map(({ seed }) => seed);
  const responses = files.map((f) => {
    const name = f.path.split('/').pop() ?? f.path;
    const modified = minutesBefore(now, f.minutesAgo);
    const etag = createHash('md5').update(`${f.fileId}:${modified.getTime()}`).digest('hex');
    return (
      `<d:response><d:href>/remote.php/dav/files/${encodeURIComponent(user.username)}/${encodePath(f.path)}</d:href>` +
      '<d:propstat><d:prop>' +
      `<d:displayname>${xmlEscape(name)}</d:displayname>` +
      `<d:getcontenttype>${xmlEscape(f.contentType)}</d:getcontenttype>` +
      `<d:getlastmodified>${modified.toUTCString()}</d:getlastmodified>` +
      `<d:getetag>&quot;${etag}&quot;</d:getetag>` +
      '<d:resourcetype/>' +
      `<oc:size>${f.size}</oc:size><oc:fileid>${f.fileId}</oc:fileid>` +
      `<oc:favorite>${f.favorite ? 1 : 0}</oc:favorite><oc:permissions>RGDNVW</oc:permissions>` +
      '<nc:has-preview>true</nc:has-preview>' +
      '</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>'
    );
  });
  return {
    status: 207,
    headers: { 'content-type': 'application/xml; charset=utf-8' },
    body:
      '<?xml version="1.0"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" ' +
      'xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">' +
      `${responses.join('')}</d:multistatus>`,
  };
}

// --- routing -----------------------------------------------------------------------------------

export function createNextcloudHandler(options: NextcloudOptions): AppHandler {
  return async (req, body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const now = options.now();

    // Public server status (what monitoring and clients read first), no authentication.
    if (path === '/status.php' && req.method === 'GET') {
      return json(200, {
        installed: true,
        maintenance: false,
        needsDbUpgrade: false,
        version: '30.0.4.1',
        versionstring: '30.0.4',
        edition: '',
        productname: 'Nextcloud',
        extendedSupport: false,
      });
    }
    if (path === '/remote.php/dav' || path === '/remote.php/dav/') {
      const user = await authenticate(req, options);
      if (!user) {
        return davError(401, 'Sabre\\DAV\\Exception\\NotAuthenticated', 'No public access to this resource.', {
          'www-authenticate': 'Basic realm="Nextcloud", charset="UTF-8"',
        });
      }
      if (req.method !== 'SEARCH')
        return davError(405, 'Sabre\\DAV\\Exception\\MethodNotAllowed', 'Method not allowed');
      return search(user, body, now);
    }

    if (!path.startsWith(`${OCS_PREFIX}/`)) return { status: 404, body: 'Not Found' };

    const user = await authenticate(req, options);
    if (!user) {
      return ocs(req, url, 401, { status: 'failure', statuscode: 997, message: 'Current user is not logged in' }, []);
    }
    // Without the header Nextcloud's CSRF check refuses the request (412, body {"message":"CSRF check failed"}).
    if ((header(req, 'ocs-apirequest') ?? '').toLowerCase() !== 'true') {
      return json(412, { message: 'CSRF check failed' });
    }

    if (path === NOTIFICATIONS && req.method === 'GET') {
      const data = notificationsOf(user, baseUrl, now);
      const etag = `"${createHash('md5').update(JSON.stringify(data)).digest('hex')}"`;
      if (header(req, 'if-none-match') === etag) return { status: 304, headers: { etag } };
      return ocs(req, url, 200, OK, data, { etag, 'x-nextcloud-user-status': 'online' });
    }
    if ((path === WIDGET_ITEMS_V1 || path === WIDGET_ITEMS_V2) && req.method === 'GET') {
      const items = widgetItemsOf(user, url, baseUrl, now);
      if (path === WIDGET_ITEMS_V1) return ocs(req, url, 200, OK, items);
      const v2 = Object.fromEntries(
        Object.entries(items).map(([id, list]) => [
          id,
          { items: list, emptyContentMessage: '', halfEmptyContentMessage: '' },
        ]),
      );
      return ocs(req, url, 200, OK, v2);
    }
    return ocs(req, url, 404, { status: 'failure', statuscode: 404, message: 'Not Found' }, []);
  };
}
