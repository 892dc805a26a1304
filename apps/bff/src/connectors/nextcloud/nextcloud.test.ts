import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  nextcloudDashboardDataSchema,
  nextcloudFilesDataSchema,
  nextcloudNotificationsDataSchema,
} from '@pleiade/contracts';
import { DEMO_USERS, startSimulators, type SimUser, type Simulators } from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorConfig, operationContext } from '../../../test/support/connectors.js';
import type { CredentialOf, OperationContext } from '../operation.js';
import { CONNECTORS } from '../registry.js';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import {
  readNextcloudDashboard,
  readNextcloudFiles,
  readNextcloudNotifications,
  withoutAddresses,
} from './nextcloud.js';

const demo = (name: string) => DEMO_USERS.find((u) => u.username === name) as SimUser;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const share = (id: number, minutesAgo: number, file: string) => ({
  id,
  app: 'files_sharing',
  minutesAgo,
  objectType: 'share',
  objectId: String(id),
  subject: `Nouveau fichier partagé : ${file}`,
  message: `Alex Moreau a partagé « ${file} » avec vous.`,
  linkPath: `/index.php/f/${id}`,
  iconPath: '/apps/files/img/app-dark.svg',
  actions: [],
});
const file = (fileId: number, path: string, minutesAgo: number) => ({
  fileId,
  path,
  contentType: XLSX,
  size: fileId * 10,
  minutesAgo,
  favorite: false,
});
/** Fixed data for these tests, whatever the demo data become. */
const users: SimUser[] = [
  {
    ...demo('agent'),
    nextcloud: {
      ...demo('agent').nextcloud,
      notifications: [
        share(102, 45, 'Planning.xlsx'),
        share(101, 12, 'Budget 2027.xlsx'),
        share(103, 180, 'Vieux.xlsx'),
      ],
      files: [
        file(512, 'Documents/Compte rendu.xlsx', 60 * 20),
        file(707, 'Partagés/Budget 2027.xlsx', 12),
        ...Array.from({ length: 6 }, (_, i) => file(900 + i, `Archives/Ancien ${i}.xlsx`, 60 * 24 * (2 + i))),
      ],
      widgetItems: {
        recommendations: [
          {
            title: 'Budget 2027.xlsx',
            subtitle: 'Partagé par Alex Moreau',
            linkPath: '/index.php/f/707',
            iconPath: '/core/preview?fileId=707',
            overlayIconPath: '',
            minutesAgo: 12,
          },
        ],
      },
    },
  },
  {
    ...demo('elu'),
    nextcloud: { ...demo('elu').nextcloud, files: [file(811, 'Conseil/Note <v2> de "synthèse" & annexes.xlsx', 30)] },
  },
];

let sims: Simulators;
const clients: UpstreamClient[] = [];
const now = new Date();

beforeAll(async () => {
  sims = await startSimulators({ users, now: () => now });
});
afterAll(async () => {
  await sims.close();
});
afterEach(() => {
  sims.setFault('nextcloud', 'none');
  for (const client of clients.splice(0)) client.close();
});

function context(credential?: CredentialOf<'nextcloud'>, baseUrl = sims.urls.nextcloud): OperationContext<'nextcloud'> {
  const connector = connectorConfig('nextcloud', {
    baseUrl,
    authMode: 'personal_secret',
    allowPrivateNetworks: ['127.0.0.1/32'],
  });
  const client = new UpstreamClient({
    instanceId: connector.id,
    baseUrl,
    allowPrivateNetworks: connector.allowPrivateNetworks,
    headers: { ...CONNECTORS.nextcloud.clientHeaders },
    resilience: { retries: 0 },
  });
  clients.push(client);
  const own = sims.credentials.nextcloud.agent;
  return operationContext(
    connector,
    client,
    credential ?? { type: 'basic', username: 'agent', password: own?.appPassword ?? '' },
    { now },
  );
}

async function statusOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UpstreamError)) throw new Error('expected an UpstreamError');
  return error.status;
}

describe('Nextcloud notifications', () => {
  it('lists the notifications newest first, with absolute links, by app password or bearer token', async () => {
    const data = nextcloudNotificationsDataSchema.parse(await readNextcloudNotifications(context(), {}));
    expect(data.count).toBe(3);
    expect(data.items.map((item) => item.id)).toEqual(['101', '102', '103']);
    expect(data.items[0]).toMatchObject({
      subject: 'Nouveau fichier partagé : Budget 2027.xlsx',
      url: `${sims.urls.nextcloud}/index.php/f/101`,
      at: new Date(Math.floor((now.getTime() - 12 * 60_000) / 1000) * 1000).toISOString(),
    });
    const bearer = { type: 'bearer' as const, token: sims.credentials.nextcloud.agent?.bearerToken ?? '' };
    expect((await readNextcloudNotifications(context(bearer), {})).count).toBe(3);
  });

  it('reports a wrong app password as refused credentials', async () => {
    expect(
      await statusOf(readNextcloudNotifications(context({ type: 'basic', username: 'agent', password: 'x' }), {})),
    ).toBe('credentials_refused');
  });

  it('turns a 500 into unreachable and garbage into invalid_response', async () => {
    sims.setFault('nextcloud', 'http500');
    expect(await statusOf(readNextcloudNotifications(context(), {}))).toBe('unreachable');
    sims.setFault('nextcloud', 'garbage');
    expect(await statusOf(readNextcloudNotifications(context(), {}))).toBe('invalid_response');
  });

  it('drops javascript: links and resolves relative ones against the base URL', async () => {
    // A Nextcloud app may put anything in `link`: an upstream of our own, at the network edge.
    const server = http.createServer((_req, res) => {
      const item = { app: 'x', datetime: '2026-11-30T10:00:00+00:00', message: '', subject: 'S' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ocs: {
            meta: { status: 'ok' },
            data: [
              { ...item, notification_id: 1, link: 'javascript:alert(document.cookie)' },
              { ...item, notification_id: 2, link: '/index.php/apps/deck/' },
              { ...item, notification_id: 3, link: 'data:text/html,<script>alert(1)</script>' },
            ],
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nextcloud`;
    try {
      const data = await readNextcloudNotifications(context(undefined, base), {});
      expect(data.items.map((item) => item.url)).toEqual([
        undefined,
        `${base.replace('/nextcloud', '')}/index.php/apps/deck/`,
        undefined,
      ]);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('Nextcloud notification words', () => {
  it('keeps the words of a message, not the web addresses it carries', () => {
    expect(withoutAddresses('Lien de la visio : https://visio.example.fr/ccas')).toBe('Lien de la visio');
    expect(withoutAddresses('Voir www.example.fr et http://10.0.0.1:8080/x pour le détail')).toBe(
      'Voir  et  pour le détail',
    );
    expect(withoutAddresses('Budget 2027 partagé')).toBe('Budget 2027 partagé');
  });

  it('offers the primary action that opens a page, never a javascript: one', async () => {
    const server = http.createServer((_req, res) => {
      const item = { app: 'calendar', datetime: '2026-11-30T10:00:00+00:00', subject: 'Point CCAS demain' };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          ocs: {
            meta: { status: 'ok' },
            data: [
              {
                ...item,
                notification_id: 1,
                message: 'Lien de la visio : https://visio.example.fr/ccas',
                link: '',
                actions: [
                  { label: 'Ignorer', link: '/x', type: 'DELETE', primary: false },
                  { label: 'Rejoindre la visio', link: 'https://visio.example.fr/ccas', type: 'WEB', primary: true },
                ],
              },
              {
                ...item,
                notification_id: 2,
                message: '',
                link: '',
                actions: [{ label: 'Piège', link: 'javascript:alert(1)', type: 'WEB', primary: true }],
              },
            ],
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const data = nextcloudNotificationsDataSchema.parse(
        await readNextcloudNotifications(context(undefined, base), {}),
      );
      expect(data.items[0]).toMatchObject({
        message: 'Lien de la visio',
        action: { label: 'Rejoindre la visio', url: 'https://visio.example.fr/ccas' },
      });
      expect(data.items[1]?.action).toBeUndefined();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('Nextcloud recent files', () => {
  it('lists the 5 newest files with their path, type, size and a permanent link', async () => {
    const data = nextcloudFilesDataSchema.parse(await readNextcloudFiles(context(), {}));
    expect(data.items.map((item) => item.path)).toEqual([
      'Partagés/Budget 2027.xlsx',
      'Documents/Compte rendu.xlsx',
      'Archives/Ancien 0.xlsx',
      'Archives/Ancien 1.xlsx',
      'Archives/Ancien 2.xlsx',
    ]);
    expect(data.items[0]).toMatchObject({
      id: '707',
      name: 'Budget 2027.xlsx',
      size: 7070,
      mimeType: XLSX,
      url: `${sims.urls.nextcloud}/index.php/f/707`,
    });
    expect(Date.parse(data.items[0]?.modifiedAt ?? '')).toBe(Math.floor((now.getTime() - 12 * 60_000) / 1000) * 1000);
  });

  it('searches only the signed-in person’s files, their names decoded from the XML', async () => {
    const elu = sims.credentials.nextcloud.elu;
    const data = await readNextcloudFiles(
      context({ type: 'basic', username: 'elu', password: elu?.appPassword ?? '' }),
      {},
    );
    // The server escapes <, ", & as character references: the name is shown as the person wrote it.
    expect(data.items.map((item) => item.name)).toEqual(['Note <v2> de "synthèse" & annexes.xlsx']);
  });
});

describe('Nextcloud dashboard widget', () => {
  it('gives the items of the chosen dashboard widget', async () => {
    const data = nextcloudDashboardDataSchema.parse(
      await readNextcloudDashboard(context(), { dashboardWidget: 'recommendations' }),
    );
    expect(data.items.map((item) => [item.title, item.subtitle])).toEqual([
      ['Budget 2027.xlsx', 'Partagé par Alex Moreau'],
    ]);
    expect(data.items[0]?.url).toBe(`${sims.urls.nextcloud}/index.php/f/707`);
  });

  it('gives no items for a widget the person does not have', async () => {
    expect((await readNextcloudDashboard(context(), { dashboardWidget: 'deck' })).items).toEqual([]);
  });
});
