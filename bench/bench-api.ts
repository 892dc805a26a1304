/**
 * What every bench scenario does through Pléiade's API, as a signed-in browser would: people cloned
 * from a demo user, calls that fail loudly, and the Nextcloud notifications widget the load
 * scenarios read (connector, the person's credential, the one-widget board).
 */
import { randomUUID } from 'node:crypto';
import type { SimUser } from '@pleiade/simulators';
import type { TestBrowser } from '../apps/bff/test/support/http-client.ts';

export const MUTATION = { 'content-type': 'application/json', 'x-requested-with': 'pleiade' };

/** A demo person's upstream data under another name, so each bench person has their own mailbox. */
export function cloneUser(base: SimUser, username: string): SimUser {
  const domain = base.email.slice(base.email.indexOf('@') + 1);
  return {
    ...base,
    username,
    email: `${username}@${domain}`,
    nextcloud: { ...base.nextcloud, appPassword: `bench-${username}-app-password`, bearerTokens: [] },
    matrix: { ...base.matrix, userId: `@${username}:${domain}`, accessToken: `syt_bench_${username}` },
  };
}

/** The JSON answer of `url`; throws with the status and body on anything but 2xx. */
export async function call(browser: TestBrowser, url: string, init?: RequestInit): Promise<unknown> {
  const response = await browser.request(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** A Nextcloud connector on the loopback simulator, each person with their own app password; its id. */
export async function createNextcloudConnector(operator: TestBrowser, base: string, nextcloudUrl: string) {
  const created = (await call(operator, `${base}/api/admin/connectors`, {
    method: 'POST',
    headers: MUTATION,
    body: JSON.stringify({
      kind: 'nextcloud',
      label: 'Nextcloud',
      baseUrl: nextcloudUrl,
      authMode: 'personal_secret',
      allowPrivateNetworks: ['127.0.0.1/32'],
    }),
  })) as { id: string };
  return created.id;
}

/**
 * The person's Nextcloud app password given to `connectorId`, and their current board holding one
 * notifications widget of it; the widget's id.
 */
export async function placeNotificationsWidget(browser: TestBrowser, base: string, connectorId: string, user: SimUser) {
  await call(browser, `${base}/api/me/connectors/${connectorId}/credential`, {
    method: 'PUT',
    headers: MUTATION,
    body: JSON.stringify({ username: user.username, secret: user.nextcloud.appPassword }),
  });
  const board = (await call(browser, `${base}/api/boards/current`)) as { id: string; version: number };
  const widgetId = randomUUID();
  await call(browser, `${base}/api/boards/${board.id}`, {
    method: 'PUT',
    headers: MUTATION,
    body: JSON.stringify({
      version: board.version,
      widgets: [
        {
          id: widgetId,
          kind: 'nextcloud-notifications',
          options: { connectorId },
          layout: { lg: { x: 0, y: 0, w: 4, h: 4 } },
        },
      ],
    }),
  });
  return widgetId;
}
