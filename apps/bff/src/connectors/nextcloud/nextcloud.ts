import type { NextcloudDashboardData, NextcloudFilesData, NextcloudNotificationsData } from '@pleiade/contracts';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { appLink, clip, httpAuthorization, isoInstant, safeLink, upstreamLogin } from '../operation-kit.js';
import type { WidgetOperation } from '../operation.js';
import { pathOf } from '../upstream-client.js';
import { UpstreamError } from '../states.js';

/**
 * Nextcloud: notifications (OCS, nextcloud/notifications docs/ocs-endpoint-v2.md), recent files
 * (WebDAV SEARCH, developer_manual/client_apis/WebDAV/search.rst, the Files app's "Recent" query)
 * and dashboard widget items (OCS v2 widget-items, apps/dashboard DashboardApiController).
 * Every OCS call needs `OCS-APIRequest: true` (Nextcloud's CSRF check), set on the client.
 */

export const NEXTCLOUD_CLIENT_HEADERS = { 'OCS-APIRequest': 'true', accept: 'application/json' };
export const MAX_NOTIFICATIONS = 10;
export const RECENT_FILES = 5;
const RECENT_DAYS = 14;
export const DASHBOARD_ITEMS = 7;

const ocsEnvelope = <T extends z.ZodType>(data: T) => z.object({ ocs: z.object({ data }) });

const notificationsResponse = ocsEnvelope(
  z
    .array(
      z.object({
        notification_id: z.coerce.string(),
        app: z.string(),
        datetime: z.string(),
        subject: z.string(),
        message: z.string().default(''),
        link: z.string().default(''),
        actions: z
          .array(z.object({ label: z.string(), link: z.string().default(''), primary: z.boolean().default(false) }))
          .max(20)
          .default([]),
      }),
    )
    .max(1000),
);

const widgetItem = z.object({
  title: z.string(),
  subtitle: z.string().default(''),
  link: z.string().default(''),
  sinceId: z.coerce.string().default(''),
});
const widgetItemsResponse = ocsEnvelope(
  z.record(z.string(), z.object({ items: z.array(widgetItem).max(100) })).or(z.array(z.never()).max(0)),
);

const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)\S+/gi;

/**
 * A notification's text without the web addresses it carries (« Lien de la visio : https://… »):
 * people read words; the address is reached through the notification's own link or action.
 */
export function withoutAddresses(message: string): string {
  return message
    .replace(WEB_ADDRESS, '')
    .replace(/\s*[:：]\s*$/u, '')
    .trim();
}

/** The notification's primary action that opens a page (« Rejoindre la visio »), when it has one. */
function primaryAction(actions: readonly { label: string; link: string; primary: boolean }[], baseUrl: string) {
  const action = actions.find((candidate) => candidate.primary && candidate.label.trim() !== '');
  const url = action && safeLink(action.link, baseUrl);
  return action && url ? { action: { label: clip(action.label, 100), url } } : {};
}

export const readNextcloudNotifications: WidgetOperation<'nextcloud-notifications', 'nextcloud'> = async (
  context,
): Promise<NextcloudNotificationsData> => {
  const { client, connector, credential, signal } = context;
  const response = await client.request({
    path: '/ocs/v2.php/apps/notifications/api/v2/notifications',
    query: { format: 'json' },
    headers: { authorization: httpAuthorization(credential) },
    schema: notificationsResponse,
    signal,
  });
  const notifications = response.ocs.data
    .map((item) => ({ item, at: isoInstant(item.datetime) }))
    .filter((entry): entry is { item: (typeof response.ocs.data)[number]; at: string } => entry.at !== undefined)
    .sort((a, b) => b.at.localeCompare(a.at));
  return {
    count: response.ocs.data.length,
    items: notifications.slice(0, MAX_NOTIFICATIONS).map(({ item, at }) => ({
      id: clip(item.notification_id, 100),
      app: clip(item.app, 100),
      subject: clip(item.subject),
      message: clip(withoutAddresses(item.message), 1000),
      at,
      url: safeLink(item.link, connector.baseUrl),
      ...primaryAction(item.actions, connector.baseUrl),
    })),
    appUrl: appLink(connector.baseUrl),
  };
};

const xml = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  // Character references (&#60;, &#x3C;) are XML too; without this they would reach people as text.
  htmlEntities: true,
  parseTagValue: false,
  isArray: (name) => name === 'response' || name === 'propstat',
});

const davResponse = z.object({
  multistatus: z.object({
    response: z
      .array(
        z.object({
          href: z.string(),
          propstat: z.array(
            z.object({
              status: z.string().optional(),
              prop: z
                .object({
                  displayname: z.string().optional(),
                  getcontenttype: z.string().optional(),
                  getlastmodified: z.string().optional(),
                  size: z.string().optional(),
                  fileid: z.string().optional(),
                })
                .optional(),
            }),
          ),
        }),
      )
      .max(100)
      .default([]),
  }),
});

function recentFilesQuery(login: string, since: Date): string {
  const scope = pathOf`/files/${login}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<d:searchrequest xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns" xmlns:nc="http://nextcloud.org/ns">
  <d:basicsearch>
    <d:select><d:prop>
      <d:displayname/><d:getcontenttype/><d:getlastmodified/><oc:size/><oc:fileid/>
    </d:prop></d:select>
    <d:from><d:scope><d:href>${scope}</d:href><d:depth>infinity</d:depth></d:scope></d:from>
    <d:where><d:and>
      <d:not><d:is-collection/></d:not>
      <d:gt><d:prop><d:getlastmodified/></d:prop><d:literal>${Math.floor(since.getTime() / 1000)}</d:literal></d:gt>
    </d:and></d:where>
    <d:orderby><d:order><d:prop><d:getlastmodified/></d:prop><d:descending/></d:order></d:orderby>
    <d:limit><d:nresults>${RECENT_FILES}</d:nresults></d:limit>
  </d:basicsearch>
</d:searchrequest>`;
}

function parseDav(body: string): z.infer<typeof davResponse> {
  let parsed: unknown;
  try {
    parsed = xml.parse(body);
  } catch {
    throw new UpstreamError('invalid_response', 'XML');
  }
  const result = davResponse.safeParse(parsed);
  if (!result.success) throw new UpstreamError('invalid_response', 'SCHEMA');
  return result.data;
}

export const readNextcloudFiles: WidgetOperation<'nextcloud-files', 'nextcloud'> = async (
  context,
): Promise<NextcloudFilesData> => {
  const { client, connector, credential, signal, now, user } = context;
  const login = upstreamLogin(credential, user.login);
  const body = await client.request({
    // WebDAV SEARCH (RFC 5323); the client's method type does not list it yet, axios sends it as is.
    method: 'SEARCH',
    path: '/remote.php/dav/',
    headers: { authorization: httpAuthorization(credential), 'content-type': 'text/xml; charset=utf-8' },
    body: recentFilesQuery(login, new Date(now.getTime() - RECENT_DAYS * 24 * 3_600_000)),
    responseType: 'text',
    schema: z.string(),
    // SEARCH only reads.
    idempotent: true,
    signal,
  });
  const filesRoot = new URL(pathOf`/remote.php/dav/files/${login}/`, 'http://nextcloud').pathname;
  const items: NextcloudFilesData['items'] = [];
  for (const response of parseDav(body).multistatus.response) {
    const prop = response.propstat.find((entry) => !entry.status || / 200 /.test(entry.status))?.prop;
    const modifiedAt = isoInstant(prop?.getlastmodified);
    if (!prop || !modifiedAt) continue;
    let path: string;
    try {
      const hrefPath = new URL(response.href, 'http://nextcloud').pathname;
      const at = hrefPath.indexOf(filesRoot);
      path = decodeURIComponent(at >= 0 ? hrefPath.slice(at + filesRoot.length) : hrefPath);
    } catch {
      continue;
    }
    const size = prop.size === undefined ? null : Number(prop.size);
    items.push({
      id: clip(prop.fileid ?? path, 100),
      name: clip(prop.displayname || path.split('/').pop()),
      path: clip(path, 2000),
      mimeType: clip(prop.getcontenttype ?? 'application/octet-stream', 200),
      size: size !== null && Number.isSafeInteger(size) && size >= 0 ? size : null,
      modifiedAt,
      // Nextcloud's permanent file link: /index.php/f/<fileid> opens the file in the Files app.
      url:
        prop.fileid && /^\d+$/.test(prop.fileid) ? appLink(connector.baseUrl, `index.php/f/${prop.fileid}`) : undefined,
    });
  }
  items.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
  return { items: items.slice(0, RECENT_FILES), appUrl: appLink(connector.baseUrl, 'index.php/apps/files/recent') };
};

export const readNextcloudDashboard: WidgetOperation<'nextcloud-dashboard', 'nextcloud'> = async (
  context,
  options,
): Promise<NextcloudDashboardData> => {
  const { client, connector, credential, signal } = context;
  const widget = options.dashboardWidget;
  const response = await client.request({
    path: '/ocs/v2.php/apps/dashboard/api/v2/widget-items',
    query: { format: 'json', 'widgets[]': widget, limit: DASHBOARD_ITEMS },
    headers: { authorization: httpAuthorization(credential) },
    schema: widgetItemsResponse,
    signal,
  });
  // PHP encodes an empty map as []: the person does not have this widget.
  const items = Array.isArray(response.ocs.data) ? [] : (response.ocs.data[widget]?.items ?? []);
  return {
    items: items.slice(0, DASHBOARD_ITEMS).map((item, index) => ({
      id: clip(item.sinceId ? `${index}-${item.sinceId}` : String(index), 200),
      title: clip(item.title),
      subtitle: clip(item.subtitle),
      url: safeLink(item.link, connector.baseUrl),
    })),
    appUrl: appLink(connector.baseUrl, 'index.php/apps/dashboard/'),
  };
};
