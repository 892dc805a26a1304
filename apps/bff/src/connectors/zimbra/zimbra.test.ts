import { agendaDataSchema, mailDataSchema } from '@pleiade/contracts';
import { DEMO_USERS, parisTimeToday, startSimulators, type SimUser, type Simulators } from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectorConfig, operationContext } from '../../../test/support/connectors.js';
import type { CredentialOf, OperationContext } from '../operation.js';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import { clearZimbraTokens } from './soap.js';
import { readZimbraAgenda, readZimbraMail } from './zimbra.js';

// Appointments are "today in Europe/Paris": the clock is fixed at 08:00 there, before all of them.
let now = parisTimeToday(new Date(), '08:00');

const agent = DEMO_USERS.find((u) => u.username === 'agent') as SimUser;
/** Agent's appointments plus a visio and a hostile link, to see how links are taken from the location. */
const users: SimUser[] = [
  {
    ...agent,
    zimbra: {
      ...agent.zimbra,
      appointments: [
        ...agent.zimbra.appointments,
        {
          id: '3103',
          name: 'Visio préfecture',
          location: 'https://visio.demo.test/prefecture',
          start: '16:00',
          durationMinutes: 30,
        },
        { id: '3104', name: 'Piège', location: 'javascript:alert(1)', start: '17:00', durationMinutes: 30 },
      ],
    },
  },
];

let sims: Simulators;
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  sims = await startSimulators({ users, now: () => now });
});
afterAll(async () => {
  await sims.close();
});
beforeEach(() => {
  now = parisTimeToday(new Date(), '08:00');
  clearZimbraTokens();
  sims.resetCounts();
});
afterEach(() => {
  sims.setFault('zimbra', 'none');
  for (const client of clients.splice(0)) client.close();
});

function context(credential?: CredentialOf<'zimbra'>): OperationContext<'zimbra'> {
  const connector = connectorConfig('zimbra', {
    baseUrl: sims.urls.zimbra,
    authMode: 'zimbra_preauth',
    allowPrivateNetworks: ['127.0.0.1/32'],
  });
  const client = new UpstreamClient({
    instanceId: connector.id,
    baseUrl: connector.baseUrl,
    allowPrivateNetworks: connector.allowPrivateNetworks,
    resilience: { retries: 0 },
  });
  clients.push(client);
  const account = sims.credentials.zimbra.accounts.agent ?? '';
  const preauthKey = sims.credentials.zimbra.preauthKeys['demo-a.pleiade.test'] ?? '';
  return operationContext(connector, client, credential ?? { type: 'zimbra_preauth', account, preauthKey }, {
    user: { userId: 'u-agent', login: 'agent', email: account, displayName: 'Camille Martin' },
    now,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UpstreamError)) throw new Error('expected an UpstreamError');
  return error;
}

describe('Zimbra mail', () => {
  it('gives the inbox unread count and the latest unread messages with links into the web client', async () => {
    const mail = mailDataSchema.parse(await readZimbraMail(context(), {}));
    expect(mail.unreadCount).toBe(3);
    expect(mail.latest.map((m) => [m.from, m.subject])).toEqual([
      ['Service état civil', 'Dossier de mariage Dupont – pièces manquantes'],
      ['Préfecture du Rhône', 'Contrôle de légalité : accusé de réception'],
      ['Direction des ressources humaines', 'Entretien professionnel annuel'],
    ]);
    expect(mail.latest[0]?.url).toBe(`${sims.urls.zimbra}/?app=mail&id=2101`);
    expect(mail.appUrl).toBe(`${sims.urls.zimbra}/?app=mail`);
    expect(Date.parse(mail.latest[0]?.receivedAt ?? '')).toBe(now.getTime() - 20 * 60_000);
  });

  it('authenticates once and reuses the auth token', async () => {
    await readZimbraMail(context(), {});
    expect(sims.requestCount('zimbra')).toBe(3); // AuthRequest + GetFolderRequest + SearchRequest
    await readZimbraMail(context(), {});
    expect(sims.requestCount('zimbra')).toBe(5);
  });

  it('authenticates again once when the token has expired', async () => {
    await readZimbraMail(context(), {});
    sims.expireZimbraTokens();
    sims.resetCounts();
    const mail = await readZimbraMail(context(), {});
    expect(mail.unreadCount).toBe(3);
    // Two refused reads, one AuthRequest, the two reads again.
    expect(sims.requestCount('zimbra')).toBe(5);
    sims.resetCounts();
    await readZimbraMail(context(), {});
    expect(sims.requestCount('zimbra')).toBe(2);
  });

  it('reports a wrong preauth key as refused credentials', async () => {
    const account = sims.credentials.zimbra.accounts.agent ?? '';
    const wrongKey = 'ab'.repeat(32);
    const error = await failureOf(
      readZimbraMail(context({ type: 'zimbra_preauth', account, preauthKey: wrongKey }), {}),
    );
    expect(error.status).toBe('credentials_refused');
    expect(error.message).not.toContain('authentication failed');
  });

  it('does not reuse a token obtained with another key', async () => {
    await readZimbraMail(context(), {});
    const account = sims.credentials.zimbra.accounts.agent ?? '';
    const error = await failureOf(
      readZimbraMail(context({ type: 'zimbra_preauth', account, preauthKey: 'cd'.repeat(32) }), {}),
    );
    expect(error.status).toBe('credentials_refused');
  });

  it('turns a garbage answer into invalid_response and a crashed server into unreachable', async () => {
    await readZimbraMail(context(), {});
    sims.setFault('zimbra', 'garbage');
    expect((await failureOf(readZimbraMail(context(), {}))).status).toBe('invalid_response');
    sims.setFault('zimbra', 'http500');
    expect((await failureOf(readZimbraMail(context(), {}))).status).toBe('unreachable');
  });
});

describe('Zimbra agenda', () => {
  it('gives today’s and the next days’ appointments in start order, with the visio link of the location', async () => {
    const agenda = agendaDataSchema.parse(await readZimbraAgenda(context(), {}));
    expect(agenda.events.map((e) => e.title)).toEqual([
      'Point équipe accueil',
      'Commission urbanisme',
      'Visio préfecture',
      'Piège',
      'Réunion de service (visio)',
      'Formation au nouveau logiciel d’état civil',
    ]);
    expect(agenda.events[0]).toMatchObject({
      location: 'Salle 2',
      start: parisTimeToday(now, '09:30').toISOString(),
      end: parisTimeToday(now, '10:00').toISOString(),
      allDay: false,
    });
    expect(agenda.events[2]?.visioUrl).toBe('https://visio.demo.test/prefecture');
    // A javascript: "link" is never taken as a visio link.
    expect(agenda.events[3]?.visioUrl).toBeUndefined();
    const links = agenda.events.flatMap((e) => [e.url, e.visioUrl]).filter(Boolean);
    expect(links.every((link) => /^https?:\/\//.test(link ?? ''))).toBe(true);
  });

  it('leaves out appointments already over', async () => {
    now = parisTimeToday(new Date(), '10:15');
    const agenda = await readZimbraAgenda(context(), {});
    expect(agenda.events.map((e) => e.title)).toEqual([
      'Commission urbanisme',
      'Visio préfecture',
      'Piège',
      'Réunion de service (visio)',
      'Formation au nouveau logiciel d’état civil',
    ]);
  });
});
