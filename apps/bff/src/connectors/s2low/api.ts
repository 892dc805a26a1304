import { z } from 'zod';
import { isoToParisWallClock, type ActionableItem } from '../actionable.js';
import { appLink, clip } from '../operation-kit.js';
import { UpstreamError } from '../states.js';
import type { UpstreamClient } from '../upstream-client.js';

/**
 * S2low, the ACTES API of `/modules/actes/api/*.php` (fact sheet:
 * packages/simulators/src/s2low/README.md). S2low authenticates a TLS client certificate (set on
 * the UpstreamClient: `clientCertificate`) and, for a certificate shared by several accounts,
 * the account's login and password (HTTP Basic). Everything is scoped to the account's authority:
 * one technical account per collectivité, whose acts every member of the connector may see.
 *
 * `api=1` is sent with every call so that refused credentials answer `KO\n…` (read here as
 * "refused") instead of a redirection to a login page.
 */

export const S2LOW_STATUS = { error: -1, posted: 1, waiting: 2, transmitted: 3, acknowledged: 4 } as const;
const ACTES_API = '/modules/actes/api';
/** list_actes rows per call when counting a period; S2low has no maximum (the default is 100). */
const COUNT_PAGE = 500;
const MAX_COUNT_PAGES = 20;
export const ERROR_ITEMS = 10;

export interface S2lowCredentials {
  login: string;
  password: string;
}

function authorization(credentials: S2lowCredentials): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${credentials.login}:${credentials.password}`, 'utf8').toString('base64')}`,
  };
}

/** One S2low call: refused credentials (`KO…`) become "refused"; then JSON, then the schema. */
async function s2lowGet<T>(
  client: UpstreamClient,
  credentials: S2lowCredentials,
  script: string,
  query: Record<string, string | number>,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  const text = await client.request({
    path: `${ACTES_API}/${script}`,
    query: { api: 1, ...query },
    headers: authorization(credentials),
    responseType: 'text',
    schema: z.string(),
    signal,
  });
  if (/^KO\r?\n/.test(text)) throw new UpstreamError('credentials_refused', 'S2LOW_KO');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Also what an unknown type_acte gives: an error document glued to the list.
    throw new UpstreamError('invalid_response', 'JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new UpstreamError('invalid_response', 'SCHEMA');
  return result.data;
}

/** A number PHP may write as a number or as digits. */
const integer = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d{1,12}$/)
    .transform(Number),
]);

const statusList = z.record(z.string().regex(/^-?\d{1,4}$/), z.string().max(200));
const numberActes = z.object({
  status_id: integer,
  authority_id: integer,
  nb_transactions: integer.pipe(z.number().min(0)),
});
const transaction = z.object({
  id: z.string().regex(/^\d{1,15}$/),
  subject: z.string().max(5000),
  number: z.string().max(200),
  date: z.string().max(40),
  nature_descr: z.string().max(200),
  classification: z.string().max(200),
  type: z.string().max(10),
});
const listActes = z.object({
  status_id: z.string(),
  authority_id: z.string(),
  // An SQL failure leaves `transactions` false, written "" by S2low.
  transactions: z.array(transaction).max(10_000).or(z.literal('')),
});

export type S2lowTransaction = z.infer<typeof transaction>;

/** The statuses S2low knows (id → label): read them rather than hard-coding beyond the main ones. */
export async function readS2lowStatuses(
  client: UpstreamClient,
  credentials: S2lowCredentials,
  signal?: AbortSignal,
): Promise<Map<number, string>> {
  const list = await s2lowGet(client, credentials, 'actes_status.php', {}, statusList, signal);
  return new Map(Object.entries(list).map(([id, label]) => [Number(id), clip(label, 200)]));
}

/** Acts of the authority whose current status is `statusId` (whatever their date). */
export async function countS2lowActes(
  client: UpstreamClient,
  credentials: S2lowCredentials,
  statusId: number,
  signal?: AbortSignal,
): Promise<number> {
  const body = await s2lowGet(client, credentials, 'number_actes.php', { status_id: statusId }, numberActes, signal);
  return body.nb_transactions;
}

/**
 * Acts of the authority currently in `statusId`, newest first. With a period, only those whose
 * change to that status happened within it (S2low compares Paris wall-clock times).
 */
export async function listS2lowActes(
  client: UpstreamClient,
  credentials: S2lowCredentials,
  options: { statusId: number; offset?: number; limit: number; from?: Date; to?: Date; signal?: AbortSignal },
): Promise<S2lowTransaction[]> {
  // S2low reads limit=0 (and a missing limit) as 100: never send it.
  const limit = Math.max(1, Math.floor(options.limit));
  const query: Record<string, string | number> = { status_id: options.statusId, limit };
  if (options.offset) query.offset = options.offset;
  if (options.from) query.min_date = isoToParisWallClock(options.from);
  if (options.to) query.max_date = isoToParisWallClock(options.to);
  const body = await s2lowGet(client, credentials, 'list_actes.php', query, listActes, options.signal);
  if (body.transactions === '') throw new UpstreamError('invalid_response', 'S2LOW_QUERY_FAILED');
  return body.transactions;
}

/**
 * How many acts reached `statusId` within the period and are still in it, by pages of list_actes
 * (S2low has no count for a period). `complete` is false when the page bound was hit.
 */
export async function countS2lowActesInPeriod(
  client: UpstreamClient,
  credentials: S2lowCredentials,
  options: { statusId: number; from: Date; to: Date; signal?: AbortSignal },
): Promise<{ count: number; complete: boolean }> {
  let count = 0;
  for (let page = 0; page < MAX_COUNT_PAGES; page += 1) {
    const rows = await listS2lowActes(client, credentials, {
      ...options,
      offset: page * COUNT_PAGE,
      limit: COUNT_PAGE,
    });
    count += rows.length;
    if (rows.length < COUNT_PAGE) return { count, complete: true };
  }
  return { count, complete: false };
}

export interface S2lowSummary {
  period: { from: string; to: string };
  /** Acts that reached each status within the period and are still in it. */
  inPeriod: { transmitted: number; acknowledged: number; error: number; complete: boolean };
  /** Acts currently in each status, whatever their date. */
  current: { transmitted: number; acknowledged: number; error: number };
  /** The acts in error, newest first, as items to deal with. */
  items: ActionableItem[];
  appUrl: string | undefined;
}

const transactionLink = (webUrl: string, id: string) =>
  appLink(webUrl, `modules/actes/actes_transac_show.php?id=${encodeURIComponent(id)}`);

/** An act in error, to deal with: the authority's, so every member of the connector sees it. */
export function s2lowErrorItem(act: S2lowTransaction, webUrl: string): ActionableItem {
  return {
    source: 's2low',
    id: `acte:${act.id}`,
    title: clip(act.subject),
    context: act.number ? `Acte n° ${clip(act.number, 100)}` : clip(act.nature_descr, 200),
    status: 'Transmission en erreur',
    dueAt: null,
    updatedAt: null,
    urgent: true,
    url: transactionLink(webUrl, act.id),
    concerns: { scope: 'collectivite' },
  };
}

/**
 * The authority's télétransmission at a glance: counts of acts transmitted, acknowledged and in
 * error over the period and right now, and the acts in error to deal with. 7 calls.
 */
export async function readS2lowSummary(
  client: UpstreamClient,
  credentials: S2lowCredentials,
  options: { from: Date; to: Date; webUrl: string; signal?: AbortSignal; errorItems?: number },
): Promise<S2lowSummary> {
  const { from, to, signal } = options;
  const inPeriod = (statusId: number) => countS2lowActesInPeriod(client, credentials, { statusId, from, to, signal });
  const current = (statusId: number) => countS2lowActes(client, credentials, statusId, signal);
  const [transmitted, acknowledged, error, nowTransmitted, nowAcknowledged, nowError, errors] = await Promise.all([
    inPeriod(S2LOW_STATUS.transmitted),
    inPeriod(S2LOW_STATUS.acknowledged),
    inPeriod(S2LOW_STATUS.error),
    current(S2LOW_STATUS.transmitted),
    current(S2LOW_STATUS.acknowledged),
    current(S2LOW_STATUS.error),
    listS2lowActes(client, credentials, {
      statusId: S2LOW_STATUS.error,
      limit: options.errorItems ?? ERROR_ITEMS,
      signal,
    }),
  ]);
  return {
    period: { from: from.toISOString(), to: to.toISOString() },
    inPeriod: {
      transmitted: transmitted.count,
      acknowledged: acknowledged.count,
      error: error.count,
      complete: transmitted.complete && acknowledged.complete && error.complete,
    },
    current: { transmitted: nowTransmitted, acknowledged: nowAcknowledged, error: nowError },
    items: errors.map((act) => s2lowErrorItem(act, options.webUrl)),
    appUrl: appLink(options.webUrl, 'modules/actes/'),
  };
}
