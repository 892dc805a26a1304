import { z } from 'zod';
import type { ActionableItem } from '../actionable.js';
import { appLink, clip, isoInstant } from '../operation-kit.js';
import { UpstreamError } from '../states.js';
import { pathOf, type FaultReader, type UpstreamClient } from '../upstream-client.js';

/**
 * i-Parapheur, the two APIs a person's desks can be read with (fact sheet:
 * packages/simulators/src/iparapheur/README.md):
 * - version 5, the "standard" REST API (`/api/standard/v1`), scoped to the current user and
 *   authenticated with a bearer token of i-Parapheur's own Keycloak (realm `api`, client
 *   `ipcore-web`): the person's own token, so the upstream itself keeps each person to their desks;
 * - version 4, the JSON API of its web and mobile clients (`/parapheur/bureaux`,
 *   `/parapheur/dossiers`), with the person's Basic credentials, an Alfresco ticket or a CAS
 *   service ticket.
 * Every function throws UpstreamError (states.ts); none trusts the upstream's shapes.
 */

export const IPARAPHEUR_CLIENT_ID = 'ipcore-web';
export const IPARAPHEUR_TOKEN_PATH = '/auth/realms/api/protocol/openid-connect/token';
const API = '/api/standard/v1';
/** Tenants and desks asked per page (Spring caps pages at 2000; a person holds a few desks). */
const LIST_PAGE_SIZE = 50;
export const FOLDERS_PER_DESK = 10;
const TWO_DAYS_MS = 2 * 86_400_000;

// ---------------------------------------------------------------------------------------------
// Version 5: token

const tokenResponse = z.object({
  access_token: z.string().min(1).max(16_384),
  expires_in: z.number().int().positive(),
  refresh_token: z.string().min(1).max(16_384).optional(),
  refresh_expires_in: z.number().int().nonnegative().optional(),
  token_type: z.string().regex(/^bearer$/i),
});

export interface IparapheurToken {
  accessToken: string;
  expiresAt: Date;
  refreshToken?: string;
  refreshExpiresAt?: Date;
}

export type IparapheurGrant =
  { type: 'password'; username: string; password: string } | { type: 'refresh'; refreshToken: string };

/**
 * Keycloak refuses wrong credentials with 401 (mapped by the client) and a used or expired
 * refresh token with 400 `invalid_grant`: both mean "authenticate again".
 */
const keycloakFaults: FaultReader = {
  statuses: [400],
  classify(body) {
    const parsed = z.object({ error: z.string().max(100) }).safeParse(body);
    if (!parsed.success) return undefined;
    return parsed.data.error === 'invalid_grant'
      ? new UpstreamError('credentials_refused', 'INVALID_GRANT')
      : new UpstreamError('invalid_response', `OAUTH_${parsed.data.error.toUpperCase().replace(/[^A-Z_]/g, '')}`);
  },
};

/** A token from i-Parapheur's Keycloak: password grant (the person's account) or refresh. */
export async function requestIparapheurToken(
  client: UpstreamClient,
  grant: IparapheurGrant,
  options: { now: Date; signal?: AbortSignal; clientId?: string },
): Promise<IparapheurToken> {
  const form = new URLSearchParams({ client_id: options.clientId ?? IPARAPHEUR_CLIENT_ID });
  if (grant.type === 'password') {
    form.set('grant_type', 'password');
    form.set('username', grant.username);
    form.set('password', grant.password);
  } else {
    form.set('grant_type', 'refresh_token');
    form.set('refresh_token', grant.refreshToken);
  }
  const body = await client.request({
    method: 'POST',
    path: IPARAPHEUR_TOKEN_PATH,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    schema: tokenResponse,
    fault: keycloakFaults,
    signal: options.signal,
  });
  const at = (seconds: number) => new Date(options.now.getTime() + seconds * 1000);
  return {
    accessToken: body.access_token,
    expiresAt: at(body.expires_in),
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    ...(body.refresh_expires_in ? { refreshExpiresAt: at(body.refresh_expires_in) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Version 5: tenants, desks, folders

/** UUIDs (v5) or node ids (v4): they go into paths and links, so nothing else is accepted. */
const id = z.string().regex(/^[A-Za-z0-9][\w.:-]{0,199}$/);
const springPage = <T extends z.ZodType>(item: T, max: number) =>
  z.object({
    content: z.array(item).max(max),
    totalElements: z.number().int().nonnegative(),
  });
const tenantPage = springPage(z.object({ id, name: z.string().max(1000) }), LIST_PAGE_SIZE);
const deskPage = springPage(z.object({ id, name: z.string().max(1000) }), LIST_PAGE_SIZE);
const folderPage = springPage(
  z.object({ id, name: z.string().max(2000), dueDate: z.string().max(100).nullable().optional() }),
  2000,
);

export type IparapheurFolderState = 'PENDING' | 'LATE' | 'DRAFT' | 'DELEGATED' | 'FINISHED' | 'REJECTED';

const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

export async function listIparapheurTenants(client: UpstreamClient, accessToken: string, signal?: AbortSignal) {
  const page = await client.request({
    path: `${API}/tenant`,
    // TenantSortBy's values are not published: the client sorts.
    query: { page: 0, size: LIST_PAGE_SIZE },
    headers: bearer(accessToken),
    schema: tenantPage,
    signal,
  });
  return [...page.content].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

export async function listIparapheurDesks(
  client: UpstreamClient,
  accessToken: string,
  tenantId: string,
  signal?: AbortSignal,
) {
  const page = await client.request({
    path: `${API}${pathOf`/tenant/${tenantId}/desk`}`,
    query: { page: 0, size: LIST_PAGE_SIZE },
    headers: bearer(accessToken),
    schema: deskPage,
    signal,
  });
  return [...page.content].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** Folders of a desk in a state, the soonest due first (those without a due date last). */
export async function listIparapheurFolders(
  client: UpstreamClient,
  accessToken: string,
  where: { tenantId: string; deskId: string; state: IparapheurFolderState },
  options: { size: number; signal?: AbortSignal },
) {
  const { tenantId, deskId, state } = where;
  return client.request({
    path: `${API}${pathOf`/tenant/${tenantId}/desk/${deskId}`}/${state}`,
    query: { page: 0, size: Math.max(1, options.size), sort: 'LATE_DATE,asc' },
    headers: bearer(accessToken),
    schema: folderPage,
    signal: options.signal,
  });
}

export interface IparapheurDeskSummary {
  tenantId: string;
  tenantName: string;
  deskId: string;
  deskName: string;
  /** Folders waiting on the desk (PENDING, late ones included). */
  pending: number;
  late: number;
}

export interface IparapheurTodo {
  desks: IparapheurDeskSummary[];
  /** The first folders of each desk, soonest due first. */
  items: ActionableItem[];
  appUrl: string | undefined;
}

/**
 * Link to a folder in the version 5 web client. The route mirrors the API's resource path
 * (tenant → desk → folder); not verified against the web client, so the desk's list is the
 * fallback a person lands on if it changes.
 */
function v5FolderLink(webUrl: string, tenantId: string, deskId: string, folderId: string): string | undefined {
  return appLink(webUrl, pathOf`/tenant/${tenantId}/desk/${deskId}/folder/${folderId}`);
}

/**
 * What the person has to process in i-Parapheur 5: each desk they hold with its pending and late
 * counts, and its first folders as actionable items. 1 + tenants + 2 × desks calls.
 */
export async function readIparapheurV5Todo(
  client: UpstreamClient,
  accessToken: string,
  options: { webUrl: string; now: Date; signal?: AbortSignal; foldersPerDesk?: number },
): Promise<IparapheurTodo> {
  const { signal, now } = options;
  const perDesk = options.foldersPerDesk ?? FOLDERS_PER_DESK;
  const tenants = await listIparapheurTenants(client, accessToken, signal);
  const desks = (
    await Promise.all(
      tenants.map(async (tenant) =>
        (await listIparapheurDesks(client, accessToken, tenant.id, signal)).map((desk) => ({ tenant, desk })),
      ),
    )
  ).flat();
  const read = await Promise.all(
    desks.map(async ({ tenant, desk }) => {
      const where = { tenantId: tenant.id, deskId: desk.id };
      const [pending, late] = await Promise.all([
        listIparapheurFolders(client, accessToken, { ...where, state: 'PENDING' }, { size: perDesk, signal }),
        listIparapheurFolders(client, accessToken, { ...where, state: 'LATE' }, { size: 1, signal }),
      ]);
      return { tenant, desk, pending, late };
    }),
  );
  const items: ActionableItem[] = [];
  const summaries: IparapheurDeskSummary[] = [];
  for (const { tenant, desk, pending, late } of read) {
    summaries.push({
      tenantId: tenant.id,
      tenantName: clip(tenant.name, 200),
      deskId: desk.id,
      deskName: clip(desk.name, 200),
      pending: pending.totalElements,
      late: late.totalElements,
    });
    for (const folder of pending.content.slice(0, perDesk)) {
      const dueAt = isoInstant(folder.dueDate) ?? null;
      const overdue = dueAt !== null && Date.parse(dueAt) < now.getTime();
      items.push({
        source: 'iparapheur',
        id: `folder:${clip(folder.id, 200)}`,
        title: clip(folder.name),
        context: clip(desk.name, 200),
        status: overdue ? 'En retard' : 'À traiter',
        dueAt,
        updatedAt: null,
        urgent: dueAt !== null && Date.parse(dueAt) < now.getTime() + TWO_DAYS_MS,
        url: v5FolderLink(options.webUrl, tenant.id, desk.id, folder.id),
        concerns: { scope: 'desk', deskId: desk.id, deskName: clip(desk.name, 200) },
      });
    }
  }
  return { desks: summaries, items, appUrl: appLink(options.webUrl) };
}

// ---------------------------------------------------------------------------------------------
// Version 4

export type IparapheurV4Auth =
  | { type: 'basic'; username: string; password: string }
  /** From `/parapheur/api/login` (`loginIparapheurV4`). */
  | { type: 'alf_ticket'; ticket: string }
  /** A fresh CAS service ticket per call (CAS tickets are single-use). */
  | { type: 'cas'; ticket: () => Promise<string> };

const loginResponse = z.object({ data: z.object({ ticket: z.string().regex(/^[\w-]{1,500}$/) }) });

/** An Alfresco ticket for the person (403 on wrong credentials, mapped to "refused"). */
export async function loginIparapheurV4(
  client: UpstreamClient,
  credentials: { username: string; password: string },
  signal?: AbortSignal,
): Promise<string> {
  const body = await client.request({
    method: 'POST',
    path: '/parapheur/api/login',
    body: { username: credentials.username, password: credentials.password },
    headers: { 'content-type': 'application/json' },
    schema: loginResponse,
    signal,
  });
  return body.data.ticket;
}

const counter = z.number().int().min(0).max(1_000_000).optional().default(0);
const bureaux = z
  .array(
    z.object({
      id,
      name: z.string().max(1000),
      'a-traiter': counter,
      'en-retard': counter,
    }),
  )
  .max(200);
const dossiers = z
  .array(
    z.object({
      id,
      title: z.string().max(2000).optional(),
      actionDemandee: z.string().max(50).optional(),
      dateLimite: z.number().int().nullable().optional(),
      dateEmission: z.number().int().nullable().optional(),
    }),
  )
  .max(500);

async function v4Auth(
  auth: IparapheurV4Auth,
): Promise<{ headers: Record<string, string>; query: Record<string, string> }> {
  if (auth.type === 'basic') {
    const encoded = Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
    return { headers: { authorization: `Basic ${encoded}` }, query: {} };
  }
  if (auth.type === 'alf_ticket') return { headers: {}, query: { alf_ticket: auth.ticket } };
  return { headers: {}, query: { ticket: await auth.ticket() } };
}

const ACTION_LABELS: Record<string, string> = {
  SIGNATURE: 'À signer',
  VISA: 'À viser',
  CACHET: 'À cacheter',
  MAILSEC: 'À envoyer par mail sécurisé',
  TDT: 'À télétransmettre',
  ARCHIVAGE: 'À archiver',
};

/**
 * What the person has to process in i-Parapheur 4: their bureaux with the `a-traiter` and
 * `en-retard` counters, and the first dossiers of each bureau's `a-traiter` tray.
 */
export async function readIparapheurV4Todo(
  client: UpstreamClient,
  auth: IparapheurV4Auth,
  options: { webUrl: string; now: Date; signal?: AbortSignal; foldersPerDesk?: number },
): Promise<IparapheurTodo> {
  const { signal, now } = options;
  const perDesk = options.foldersPerDesk ?? FOLDERS_PER_DESK;
  const first = await v4Auth(auth);
  const list = await client.request({
    path: '/parapheur/bureaux',
    query: first.query,
    headers: first.headers,
    schema: bureaux,
    signal,
  });
  const withFolders = await Promise.all(
    list.map(async (bureau) => {
      if (bureau['a-traiter'] === 0) return { bureau, folders: [] };
      const credentials = await v4Auth(auth);
      const folders = await client.request({
        path: '/parapheur/dossiers',
        query: {
          ...credentials.query,
          bureau: bureau.id,
          corbeilleName: 'a-traiter',
          page: 0,
          pageSize: perDesk,
          skipped: 0,
          asc: true,
          sort: 'cm:created',
          pendingFile: 0,
        },
        headers: credentials.headers,
        schema: dossiers,
        signal,
      });
      return { bureau, folders };
    }),
  );
  const appUrl = appLink(options.webUrl);
  const items: ActionableItem[] = [];
  const desks: IparapheurDeskSummary[] = [];
  for (const { bureau, folders } of withFolders) {
    desks.push({
      tenantId: '',
      tenantName: '',
      deskId: bureau.id,
      deskName: clip(bureau.name, 200),
      pending: bureau['a-traiter'],
      late: bureau['en-retard'],
    });
    for (const folder of folders.slice(0, perDesk)) {
      const dueAt = typeof folder.dateLimite === 'number' ? (isoInstant(folder.dateLimite) ?? null) : null;
      const overdue = dueAt !== null && Date.parse(dueAt) < now.getTime();
      items.push({
        source: 'iparapheur',
        id: `folder:${clip(folder.id, 200)}`,
        title: clip(folder.title ?? ''),
        context: clip(bureau.name, 200),
        status: overdue ? 'En retard' : (ACTION_LABELS[folder.actionDemandee ?? ''] ?? 'À traiter'),
        dueAt,
        updatedAt: typeof folder.dateEmission === 'number' ? (isoInstant(folder.dateEmission) ?? null) : null,
        urgent: dueAt !== null && Date.parse(dueAt) < now.getTime() + TWO_DAYS_MS,
        // Version 4 has no stable per-dossier address in its web client: its home page.
        url: appUrl,
        concerns: { scope: 'desk', deskId: bureau.id, deskName: clip(bureau.name, 200) },
      });
    }
  }
  items.sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
  return { desks, items, appUrl };
}
