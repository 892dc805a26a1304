// Helpers shared by the simulator tests (excluded from the build).
import { request as httpsRequest } from 'node:https';
import { expect } from 'vitest';
import { computePreauth, type Simulators } from './index.js';

/** Asserts that `value` is an object with exactly the listed keys (documented field names). */
export function expectKeys(value: unknown, keys: readonly string[]): void {
  expect(typeof value).toBe('object');
  expect(value).not.toBeNull();
  expect(Object.keys(value as object).sort()).toEqual([...keys].sort());
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await fn();
  return { result, ms: performance.now() - start };
}

type Json = Record<string, unknown>;

/** What the widgets read for one user, through each simulator's documented API. */
export async function readEverything(sims: Simulators, username: string) {
  const nc = sims.credentials.nextcloud[username]!;
  const ncHeaders = {
    'OCS-APIRequest': 'true',
    Accept: 'application/json',
    Authorization: `Basic ${Buffer.from(`${nc.user}:${nc.appPassword}`).toString('base64')}`,
  };
  const ocs = async (path: string) =>
    (
      (await (await fetch(`${sims.urls.nextcloud}/ocs/v2.php${path}`, { headers: ncHeaders })).json()) as {
        ocs: { data: unknown };
      }
    ).ocs.data;
  const notifications = (await ocs('/apps/notifications/api/v2/notifications')) as Json[];
  const widgetItems = (await ocs('/apps/dashboard/api/v1/widget-items')) as Record<string, Json[]>;
  const dav = await fetch(`${sims.urls.nextcloud}/remote.php/dav/`, {
    method: 'SEARCH',
    headers: { 'Content-Type': 'text/xml', Authorization: ncHeaders.Authorization },
    body: `<d:searchrequest xmlns:d="DAV:"><d:basicsearch><d:from><d:scope><d:href>/files/${username}</d:href></d:scope></d:from></d:basicsearch></d:searchrequest>`,
  });
  const xml = await dav.text();
  const fileNames = [...xml.matchAll(/<d:displayname>([^<]*)<\/d:displayname>/g)].map((m) => xmlUnescape(m[1]!));

  const soap = async (body: Json, authToken?: string) => {
    const res = await fetch(`${sims.urls.zimbra}/service/soap`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        Header: { context: { _jsns: 'urn:zimbra', ...(authToken ? { authToken: { _content: authToken } } : {}) } },
        Body: body,
      }),
    });
    return ((await res.json()) as { Body: Json }).Body;
  };
  const account = sims.credentials.zimbra.accounts[username]!;
  const key = sims.credentials.zimbra.preauthKeys[account.split('@')[1]!]!;
  const timestamp = Date.now();
  const auth = (await soap({
    AuthRequest: {
      _jsns: 'urn:zimbraAccount',
      account: { by: 'name', _content: account },
      preauth: { timestamp, expires: 0, _content: computePreauth(key, account, 'name', 0, timestamp) },
    },
  })) as { AuthResponse: { authToken: { _content: string }[] } };
  const token = auth.AuthResponse.authToken[0]!._content;
  const search = async (types: string, query: string) =>
    (
      (await soap({ SearchRequest: { _jsns: 'urn:zimbraMail', types, query, limit: 100 } }, token)) as {
        SearchResponse: Json;
      }
    ).SearchResponse;
  const messages = ((await search('message', 'in:inbox')).m ?? []) as {
    su: string;
    fr: string;
    e: { t: string; p: string }[];
  }[];
  const appointments = ((await search('appointment', 'inid:10')).appt ?? []) as {
    name: string;
    loc: string;
    fr?: string;
  }[];

  const sync = (await (
    await fetch(`${sims.urls.matrix}/_matrix/client/v3/sync?timeout=0`, {
      headers: { Authorization: `Bearer ${sims.credentials.matrix[username]!.accessToken}` },
    })
  ).json()) as { rooms: { join: Record<string, { state: { events: { content: { name: string } }[] } }> } };
  const roomNames = Object.values(sync.rooms.join).map((r) => r.state.events[0]!.content.name);

  return { notifications, widgetItems, fileNames, messages, appointments, roomNames };
}

function xmlUnescape(s: string): string {
  return s.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

export interface TlsResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

/**
 * A GET over HTTPS that trusts `ca` and presents a client certificate when given (fetch cannot:
 * S2low wants one). Rejects when the TLS handshake fails.
 */
export function tlsGet(
  url: string,
  tls: { ca: string; cert?: string; key?: string },
  headers: Record<string, string> = {},
): Promise<TlsResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ...tls, headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export function basic(user: string, password: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}
