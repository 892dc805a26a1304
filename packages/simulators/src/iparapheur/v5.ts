// i-Parapheur 5 simulator: the "standard" REST API and the embedded Keycloak's token endpoint.
// Facts (see README.md beside this file): libriciel/iparapheur-v5-api-php docs/Api/*.md and
// lib/Model/*.php (paths, parameters, page and folder fields, FolderSortBy/DeskSortBy), and
// megalis-bretagne/parapheur-v5 src/test/resources (Keycloak realm `api`, client `ipcore-web`,
// token response fields, `invalid_grant` / "Invalid user credentials"). Paging follows Spring
// Data's defaults (page 0, size 10, size capped at 2000, bad values replaced by the defaults).
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DematDemoData, IparapheurFolderSeed } from '../demat-data.js';
import { bearerToken, formBody, json, type AppHandler, type SimResponse } from '../http.js';

export const IPARAPHEUR_CLIENT_ID = 'ipcore-web';
export const IPARAPHEUR_REALM_PATH = '/auth/realms/api';
const TOKEN_PATH = `${IPARAPHEUR_REALM_PATH}/protocol/openid-connect/token`;
const API = '/api/standard/v1';
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 2000;

export const FOLDER_STATES = ['DRAFT', 'PENDING', 'LATE', 'DELEGATED', 'FINISHED', 'REJECTED', 'RETRIEVABLE'] as const;
const FOLDER_SORT = [
  'VALIDATION_START_DATE',
  'CREATION_DATE',
  'STILL_SINCE_DATE',
  'LATE_DATE',
  'END_DATE',
  'TASK_ID',
  'FOLDER_ID',
  'FOLDER_NAME',
  'TYPE_ID',
  'TYPE_NAME',
  'SUBTYPE_ID',
  'SUBTYPE_NAME',
  'ACTION_TYPE',
] as const;
const DESK_SORT = ['NAME', 'ID'] as const;
const TENANT_SORT = ['NAME', 'ID'] as const;

export interface IparapheurV5Options {
  data: DematDemoData['iparapheur'];
  now: () => Date;
  /** Access token lifetime (Keycloak's default: 5 minutes). */
  tokenLifetimeMs: number;
  /** Refresh token lifetime (Keycloak's default SSO idle: 30 minutes). */
  refreshLifetimeMs: number;
}

interface IssuedToken {
  username: string;
  expiresAt: number;
}

export interface IparapheurV5State {
  /** Makes every access token issued so far expired (next call: 401 invalid_token). */
  expireAllTokens(): void;
  /** Access tokens issued so far. */
  tokensIssued(): number;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Spring Boot's error body (i-Parapheur's ErrorResponse: timestamp, status, error, message, path). */
function springError(now: Date, status: number, error: string, message: string, path: string): SimResponse {
  return json(status, { timestamp: now.toISOString(), status, error, message, path });
}

/** Jackson's default for java.util.Date in Spring Boot: 2026-03-12T09:51:45.227+00:00. */
function jacksonDate(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

interface Pageable {
  page: number;
  size: number;
  sort: { property: string; descending: boolean }[];
}

/**
 * Spring Data's PageableHandlerMethodArgumentResolver: a page below 0 or not a number is 0, a
 * size below 1 or not a number is the default, a size above the maximum is the maximum.
 * `sort=PROP,desc` (repeatable); a property outside the allowed enum is refused (400).
 */
function parsePageable(url: URL, allowedSort: readonly string[]): Pageable | { badSort: string } {
  const int = (value: string | null) => (value !== null && /^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN);
  const rawPage = int(url.searchParams.get('page'));
  const rawSize = int(url.searchParams.get('size'));
  const page = Number.isNaN(rawPage) || rawPage < 0 ? 0 : rawPage;
  const size = Number.isNaN(rawSize) || rawSize < 1 ? DEFAULT_PAGE_SIZE : Math.min(rawSize, MAX_PAGE_SIZE);
  const sort: Pageable['sort'] = [];
  for (const value of url.searchParams.getAll('sort')) {
    const parts = value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const last = parts.at(-1)?.toLowerCase();
    const direction = last === 'asc' || last === 'desc' ? parts.pop() : undefined;
    for (const property of parts) {
      if (!allowedSort.includes(property)) return { badSort: property };
      sort.push({ property, descending: direction?.toLowerCase() === 'desc' });
    }
  }
  return { page, size, sort };
}

function springPage<T>(all: readonly T[], pageable: Pageable) {
  const { page, size } = pageable;
  const content = all.slice(page * size, page * size + size);
  const totalPages = Math.ceil(all.length / size);
  const sorted = pageable.sort.length > 0;
  const sort = { empty: !sorted, sorted, unsorted: !sorted };
  return {
    content,
    pageable: { offset: page * size, pageNumber: page, pageSize: size, paged: true, unpaged: false, sort },
    totalElements: all.length,
    totalPages,
    last: page + 1 >= totalPages,
    first: page === 0,
    size,
    number: page,
    numberOfElements: content.length,
    sort,
    empty: content.length === 0,
  };
}

type Comparator<T> = (a: T, b: T) => number;

/** Nulls last, as PostgreSQL orders ascending. */
function compareNullable(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function sortBy<T>(
  items: readonly T[],
  sort: Pageable['sort'],
  key: (item: T, property: string) => number | string | null,
) {
  if (sort.length === 0) return [...items];
  const comparators: Comparator<T>[] = sort.map(({ property, descending }) => (a, b) => {
    const order = compareNullable(key(a, property), key(b, property));
    return descending ? -order : order;
  });
  return [...items].sort((a, b) => {
    for (const compare of comparators) {
      const result = compare(a, b);
      if (result !== 0) return result;
    }
    return 0;
  });
}

export function dueDateOf(folder: IparapheurFolderSeed, now: Date): Date | null {
  return folder.dueInDays === null ? null : new Date(now.getTime() + folder.dueInDays * 86_400_000);
}

export function createdAtOf(folder: IparapheurFolderSeed, now: Date): Date {
  return new Date(now.getTime() - folder.createdMinutesAgo * 60_000);
}

/** Folders of one desk in one state, as the standard API's state filter selects them. */
export function foldersInState(data: DematDemoData['iparapheur'], deskId: string, state: string, now: Date) {
  return data.folders.filter((f) => {
    if (f.deskId !== deskId) return false;
    if (state === 'LATE') {
      const due = dueDateOf(f, now);
      return f.state === 'PENDING' && due !== null && due.getTime() < now.getTime();
    }
    return f.state === state;
  });
}

export function createIparapheurV5Handler(options: IparapheurV5Options): {
  handler: AppHandler;
  state: IparapheurV5State;
} {
  const { data } = options;
  const signingKey = randomBytes(32);
  const accessTokens = new Map<string, IssuedToken>();
  const refreshTokens = new Map<string, IssuedToken>();
  let issued = 0;

  const issue = (username: string, baseUrl: string, now: Date) => {
    const iat = Math.floor(now.getTime() / 1000);
    const lifetimeS = Math.round(options.tokenLifetimeMs / 1000);
    const refreshS = Math.round(options.refreshLifetimeMs / 1000);
    const sessionState = randomUUID();
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    // A Keycloak-shaped JWT; clients must treat it as opaque (only the server validates it).
    const header = encode({ alg: 'HS256', typ: 'JWT', kid: 'simulator' });
    const payload = encode({
      exp: iat + lifetimeS,
      iat,
      jti: randomUUID(),
      iss: `${baseUrl}${IPARAPHEUR_REALM_PATH}`,
      sub: randomUUID(),
      typ: 'Bearer',
      azp: IPARAPHEUR_CLIENT_ID,
      session_state: sessionState,
      scope: 'email profile',
      preferred_username: username,
    });
    const signature = createHmac('sha256', signingKey).update(`${header}.${payload}`).digest('base64url');
    const accessToken = `${header}.${payload}.${signature}`;
    const refreshToken = randomBytes(32).toString('base64url');
    accessTokens.set(accessToken, { username, expiresAt: now.getTime() + options.tokenLifetimeMs });
    refreshTokens.set(refreshToken, { username, expiresAt: now.getTime() + options.refreshLifetimeMs });
    issued += 1;
    return json(
      200,
      {
        access_token: accessToken,
        expires_in: lifetimeS,
        refresh_expires_in: refreshS,
        refresh_token: refreshToken,
        token_type: 'Bearer',
        'not-before-policy': 0,
        session_state: sessionState,
        scope: 'email profile',
      },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  };

  const oauthError = (status: number, error: string, description: string) =>
    json(status, { error, error_description: description }, { 'cache-control': 'no-store', pragma: 'no-cache' });

  const token = (req: IncomingMessage, body: string, baseUrl: string, now: Date): SimResponse => {
    if (req.method !== 'POST') return json(405, { error: 'RESTEASY003650: No resource method found for GET' });
    const form = formBody(body);
    const grantType = form.get('grant_type');
    const clientId = form.get('client_id');
    if (!clientId) return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    if (clientId !== IPARAPHEUR_CLIENT_ID) {
      return oauthError(401, 'invalid_client', 'Invalid client or Invalid client credentials');
    }
    if (!grantType) return oauthError(400, 'invalid_request', 'Missing form parameter: grant_type');
    if (grantType === 'password') {
      const username = form.get('username') ?? '';
      const password = form.get('password') ?? '';
      const account = data.accounts.find((a) => a.username === username);
      if (!account || !safeEqual(account.password, password)) {
        return oauthError(401, 'invalid_grant', 'Invalid user credentials');
      }
      return issue(account.username, baseUrl, now);
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const known = refreshTokens.get(presented);
      if (!known) return oauthError(400, 'invalid_grant', 'Invalid refresh token');
      if (known.expiresAt <= now.getTime()) {
        refreshTokens.delete(presented);
        return oauthError(400, 'invalid_grant', 'Token is not active');
      }
      refreshTokens.delete(presented);
      return issue(known.username, baseUrl, now);
    }
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type');
  };

  const unauthorized = (detail?: string): SimResponse => ({
    status: 401,
    headers: {
      'www-authenticate': detail
        ? `Bearer error="invalid_token", error_description="${detail}", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"`
        : 'Bearer',
    },
    body: '',
  });

  const handler: AppHandler = (req, body, baseUrl) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const now = options.now();

    if (path === TOKEN_PATH) return token(req, body, baseUrl, now);
    if (path === `${IPARAPHEUR_REALM_PATH}/.well-known/openid-configuration` && req.method === 'GET') {
      const issuer = `${baseUrl}${IPARAPHEUR_REALM_PATH}`;
      return json(200, {
        issuer,
        token_endpoint: `${baseUrl}${TOKEN_PATH}`,
        grant_types_supported: ['password', 'refresh_token'],
      });
    }
    if (!path.startsWith('/api/')) {
      return springError(now, 404, 'Not Found', 'No static resource', path);
    }

    const presented = bearerToken(req);
    if (!presented) return unauthorized();
    const known = accessTokens.get(presented);
    if (!known) return unauthorized('Invalid token');
    if (known.expiresAt <= now.getTime()) return unauthorized('Token expired');
    const username = known.username;
    if (req.method !== 'GET') return springError(now, 405, 'Method Not Allowed', 'Method not allowed', path);

    const userDesks = data.desks.filter((d) => d.holders.includes(username));
    const userTenants = data.tenants.filter((t) => userDesks.some((d) => d.tenantId === t.id));

    if (path === `${API}/tenant`) {
      const pageable = parsePageable(url, TENANT_SORT);
      if ('badSort' in pageable) return springError(now, 400, 'Bad Request', `Unknown sort: ${pageable.badSort}`, path);
      const sorted = sortBy(userTenants, pageable.sort, (t, p) => (p === 'ID' ? t.id : t.name));
      return json(
        200,
        springPage(
          sorted.map((t) => ({ id: t.id, name: t.name })),
          pageable,
        ),
      );
    }

    const deskList = new RegExp(`^${API}/tenant/([^/]+)/desk$`).exec(path);
    if (deskList) {
      const tenantId = decodeURIComponent(deskList[1] ?? '');
      if (!userTenants.some((t) => t.id === tenantId)) return springError(now, 403, 'Forbidden', 'Access Denied', path);
      const pageable = parsePageable(url, DESK_SORT);
      if ('badSort' in pageable) return springError(now, 400, 'Bad Request', `Unknown sort: ${pageable.badSort}`, path);
      const desks = sortBy(
        userDesks.filter((d) => d.tenantId === tenantId),
        pageable.sort,
        (d, p) => (p === 'ID' ? d.id : d.name),
      );
      return json(
        200,
        springPage(
          desks.map((d) => ({ id: d.id, name: d.name, tenantId: d.tenantId })),
          pageable,
        ),
      );
    }

    const folderList = new RegExp(`^${API}/tenant/([^/]+)/desk/([^/]+)/([^/]+)$`).exec(path);
    if (folderList) {
      const tenantId = decodeURIComponent(folderList[1] ?? '');
      const deskId = decodeURIComponent(folderList[2] ?? '');
      const state = decodeURIComponent(folderList[3] ?? '');
      if (!(FOLDER_STATES as readonly string[]).includes(state)) {
        return springError(
          now,
          400,
          'Bad Request',
          `Failed to convert value of type 'java.lang.String' to required type 'State'; No enum constant for value: ${state}`,
          path,
        );
      }
      const desk = userDesks.find((d) => d.id === deskId && d.tenantId === tenantId);
      if (!desk) return springError(now, 403, 'Forbidden', 'Access Denied', path);
      const pageable = parsePageable(url, FOLDER_SORT);
      if ('badSort' in pageable) return springError(now, 400, 'Bad Request', `Unknown sort: ${pageable.badSort}`, path);
      // Optional typeId/subtypeId filters: the demo data carry type names, not ids, so an
      // id that is not one of them selects nothing, as an unknown id would.
      const typeId = url.searchParams.get('typeId');
      const subtypeId = url.searchParams.get('subtypeId');
      const base = foldersInState(data, deskId, state, now)
        .filter((f) => !typeId || f.type === typeId)
        .filter((f) => !subtypeId || f.subtype === subtypeId)
        .sort((a, b) => b.createdMinutesAgo - a.createdMinutesAgo);
      const sorted = sortBy(base, pageable.sort, (f, p) => {
        if (p === 'LATE_DATE') return dueDateOf(f, now)?.getTime() ?? null;
        if (p === 'FOLDER_NAME') return f.name;
        if (p === 'FOLDER_ID') return f.id;
        if (p === 'TYPE_NAME' || p === 'TYPE_ID') return f.type;
        if (p === 'SUBTYPE_NAME' || p === 'SUBTYPE_ID') return f.subtype;
        if (p === 'ACTION_TYPE') return f.action;
        return createdAtOf(f, now).getTime();
      });
      const content = sorted.map((f) => {
        const due = dueDateOf(f, now);
        return { id: f.id, name: f.name, dueDate: due ? jacksonDate(due) : null, metadata: f.metadata };
      });
      return json(200, springPage(content, pageable));
    }

    return springError(now, 404, 'Not Found', 'No static resource', path);
  };

  return {
    handler,
    state: {
      expireAllTokens: () => {
        for (const entry of accessTokens.values()) entry.expiresAt = 0;
      },
      tokensIssued: () => issued,
    },
  };
}
