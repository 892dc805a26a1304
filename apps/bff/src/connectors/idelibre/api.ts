import { z } from 'zod';
import type { ActionableItem } from '../actionable.js';
import { appLink, clip, isoInstant } from '../operation-kit.js';
import { pathOf, type UpstreamClient } from '../upstream-client.js';

/**
 * i-delibRE, API v2 (fact sheet: packages/simulators/src/idelibre/README.md). The only
 * credential is an API user's token (`X-AUTH-TOKEN`) that sees its whole structure: the
 * sittings of every council and every élu's convocations. Keeping a person to their own
 * convocations is therefore this module's job (pattern P4): a convocation is the person's when
 * its `user.username` is exactly the person's i-delibRE username (`login@suffix`); the e-mail
 * is not in the API's convocations.
 */

const API = '/api/v2';
export const MAX_SITTINGS = 10;
const HORIZON_DAYS = 60;
/** A sitting that started a few hours ago is still "today's". */
const STARTED_GRACE_MS = 6 * 3_600_000;
const TWO_DAYS_MS = 2 * 86_400_000;

const uuid = z.string().regex(/^[0-9a-fA-F-]{36}$/);

const me = z.object({ name: z.string().max(500), structure: z.object({ id: uuid, name: z.string().max(500) }) });
const sittings = z
  .array(
    z.object({
      id: uuid,
      name: z.string().max(500),
      date: z.string().max(60),
      isArchived: z.boolean(),
      isRemoteAllowed: z.boolean().optional(),
    }),
  )
  .max(5000);
const convocations = z
  .array(
    z.object({
      id: uuid,
      isRead: z.boolean(),
      isActive: z.boolean(),
      category: z.string().max(50).nullable().optional(),
      attendance: z.string().max(50).nullable().optional(),
      user: z.object({ username: z.string().max(500) }).nullable(),
    }),
  )
  .max(5000);

const headers = (token: string) => ({ 'x-auth-token': token });

/** The person's username in i-delibRE, which writes it `login@suffix` (the structure's suffix). */
export function idelibreUsername(login: string, structureSuffix: string): string {
  return `${login}@${structureSuffix}`;
}

/** The API user and its structure: the connection test, and where the structure id comes from. */
export async function readIdelibreMe(client: UpstreamClient, token: string, signal?: AbortSignal) {
  const body = await client.request({ path: `${API}/me`, headers: headers(token), schema: me, signal });
  return { name: clip(body.name, 200), structureId: body.structure.id, structureName: clip(body.structure.name, 200) };
}

export async function listIdelibreSittings(
  client: UpstreamClient,
  token: string,
  structureId: string,
  options: { status?: 'active' | 'archived'; signal?: AbortSignal } = {},
) {
  return client.request({
    path: `${API}${pathOf`/structures/${structureId}/sittings`}`,
    query: options.status ? { status: options.status } : {},
    headers: headers(token),
    schema: sittings,
    signal: options.signal,
  });
}

export async function listIdelibreConvocations(
  client: UpstreamClient,
  token: string,
  structureId: string,
  sittingId: string,
  signal?: AbortSignal,
) {
  return client.request({
    path: `${API}${pathOf`/structures/${structureId}/sittings/${sittingId}/convocations`}`,
    headers: headers(token),
    schema: convocations,
    signal,
  });
}

export type ConvocationState = 'to_read' | 'to_confirm' | 'present' | 'remote' | 'absent' | 'represented';

export interface IdelibreSittingView {
  id: string;
  name: string;
  /** ISO 8601 UTC. */
  date: string;
  /** The person's own convocation to this sitting, or null when not convoked. */
  convocation: { category: 'convocation' | 'invitation'; state: ConvocationState } | null;
}

export interface IdelibrePersonView {
  /** Upcoming active sittings of the structure, soonest first. */
  sittings: IdelibreSittingView[];
  /** The person's convocations to read or to answer. */
  items: ActionableItem[];
  appUrl: string | undefined;
}

function convocationState(isRead: boolean, attendance: string | null | undefined): ConvocationState {
  if (!isRead) return 'to_read';
  switch (attendance) {
    case 'present':
      return 'present';
    case 'remote':
      return 'remote';
    case 'absent':
      return 'absent';
    case 'poa':
    case 'deputy':
      return 'represented';
    default:
      return 'to_confirm';
  }
}

const STATE_LABELS: Partial<Record<ConvocationState, string>> = {
  to_read: 'Convocation à lire',
  to_confirm: 'Présence à confirmer',
};

/**
 * The structure's upcoming sittings and, among every convocation the token sees, only the
 * person's own (exact username). 1 + up to MAX_SITTINGS calls.
 */
export async function readIdelibreForPerson(
  client: UpstreamClient,
  token: string,
  options: { structureId: string; username: string; now: Date; webUrl: string; signal?: AbortSignal },
): Promise<IdelibrePersonView> {
  const { now, signal, structureId } = options;
  const username = options.username.trim();
  const from = now.getTime() - STARTED_GRACE_MS;
  const until = now.getTime() + HORIZON_DAYS * 86_400_000;
  const upcoming = (await listIdelibreSittings(client, token, structureId, { status: 'active', signal }))
    .filter((s) => !s.isArchived)
    .map((s) => ({ sitting: s, date: isoInstant(s.date) }))
    .filter((s): s is { sitting: (typeof s)['sitting']; date: string } => {
      if (!s.date) return false;
      const at = Date.parse(s.date);
      return at >= from && at <= until;
    })
    .sort((a, b) => a.date.localeCompare(b.date))
    .slice(0, MAX_SITTINGS);

  const withConvocations = await Promise.all(
    upcoming.map(async ({ sitting, date }) => {
      const all = await listIdelibreConvocations(client, token, structureId, sitting.id, signal);
      const own = username === '' ? undefined : all.find((c) => c.isActive && c.user?.username === username);
      return { sitting, date, own };
    }),
  );

  const appUrl = appLink(options.webUrl, 'idelibre_client');
  const items: ActionableItem[] = [];
  const views: IdelibreSittingView[] = withConvocations.map(({ sitting, date, own }) => {
    const name = clip(sitting.name, 300);
    if (!own) return { id: sitting.id, name, date, convocation: null };
    const state = convocationState(own.isRead, own.attendance);
    const label = STATE_LABELS[state];
    if (label) {
      items.push({
        source: 'idelibre',
        id: `convocation:${own.id}`,
        title: name,
        context: 'Séance',
        status: label,
        dueAt: date,
        updatedAt: null,
        urgent: Date.parse(date) < now.getTime() + TWO_DAYS_MS,
        url: appUrl,
        concerns: { scope: 'person', login: username },
      });
    }
    const category = own.category === 'invitation' ? 'invitation' : 'convocation';
    return { id: sitting.id, name, date, convocation: { category, state } };
  });
  return { sittings: views, items, appUrl };
}
