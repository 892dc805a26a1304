import { chatDataSchema, type ConnectorOptionsOf } from '@pleiade/contracts';
import { DEMO_USERS, startSimulators, type SimUser, type Simulators } from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorConfig, operationContext } from '../../../test/support/connectors.js';
import type { CredentialOf } from '../operation.js';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import { readMatrixChat } from './matrix.js';

const agent = DEMO_USERS.find((u) => u.username === 'agent') as SimUser;
const room = (roomId: string, name: string, notificationCount: number, highlightCount: number, minutesAgo: number) => ({
  roomId,
  name,
  notificationCount,
  highlightCount,
  lastMessage: { sender: '@admin:demo-a.pleiade.test', body: '…', minutesAgo },
  joinedMembers: 3,
});
/** Fixed rooms for these tests, whatever the demo data become. */
const users: SimUser[] = [
  {
    ...agent,
    matrix: {
      ...agent.matrix,
      rooms: [
        room('!urbanisme:demo-a.pleiade.test', 'Service urbanisme', 2, 0, 70),
        room('!accueil:demo-a.pleiade.test', 'Équipe accueil', 4, 1, 8),
        room('!calme:demo-a.pleiade.test', 'Salon calme', 0, 0, 1),
      ],
    },
  },
];
const AS_TOKEN = 'as-token-pleiade-test';
const WEB = 'https://chat.demo.test';

let sims: Simulators;
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  sims = await startSimulators({
    users,
    matrixAppService: { asToken: AS_TOKEN, userNamespaceRegex: '@.*:demo-a\\.pleiade\\.test' },
  });
});
afterAll(async () => {
  await sims.close();
});
afterEach(() => {
  sims.setFault('matrix', 'none');
  for (const client of clients.splice(0)) client.close();
});

// Options given as they are, not parsed: the operation must stay safe whatever it is handed.
function context(credential?: CredentialOf<'matrix'>, options: ConnectorOptionsOf<'matrix'> = { webClientUrl: WEB }) {
  const connector = {
    ...connectorConfig('matrix', {
      baseUrl: sims.urls.matrix,
      authMode: 'personal_secret',
      allowPrivateNetworks: ['127.0.0.1/32'],
    }),
    options,
  };
  const client = new UpstreamClient({
    instanceId: connector.id,
    baseUrl: connector.baseUrl,
    allowPrivateNetworks: connector.allowPrivateNetworks,
    resilience: { retries: 0 },
  });
  clients.push(client);
  return operationContext(
    connector,
    client,
    credential ?? { type: 'bearer', token: sims.credentials.matrix.agent?.accessToken ?? '' },
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

describe('Matrix chat', () => {
  it('counts unread conversations and mentions, most recent first, with links into the web client', async () => {
    const chat = chatDataSchema.parse(await readMatrixChat(context(), {}));
    expect(chat).toMatchObject({ unreadRooms: 2, mentions: 1, appUrl: `${WEB}/` });
    expect(chat.rooms.map((r) => [r.name, r.unread, r.mentions])).toEqual([
      ['Équipe accueil', 4, 1],
      ['Service urbanisme', 2, 0],
    ]);
    expect(chat.rooms[0]?.url).toBe(`${WEB}/#/room/!accueil%3Ademo-a.pleiade.test`);
  });

  it('acts for the person as an application service (as_token + user_id)', async () => {
    const chat = await readMatrixChat(
      context({ type: 'matrix_appservice', asToken: AS_TOKEN, userId: '@agent:demo-a.pleiade.test' }),
      {},
    );
    expect(chat.unreadRooms).toBe(2);
    expect(
      await statusOf(
        readMatrixChat(
          context({ type: 'matrix_appservice', asToken: 'wrong', userId: '@agent:demo-a.pleiade.test' }),
          {},
        ),
      ),
    ).toBe('credentials_refused');
  });

  it('reports an unknown access token as refused credentials', async () => {
    expect(await statusOf(readMatrixChat(context({ type: 'bearer', token: 'syt_nope' }), {}))).toBe(
      'credentials_refused',
    );
  });

  it('never links to a javascript: web client, and falls back to matrix.to without one', async () => {
    const hostile = await readMatrixChat(context(undefined, { webClientUrl: 'javascript:alert(1)//' }), {});
    expect(hostile.appUrl).toBeUndefined();
    expect(hostile.rooms.every((r) => r.url === undefined)).toBe(true);
    const plain = await readMatrixChat(context(undefined, {}), {});
    expect(plain.rooms[0]?.url).toBe('https://matrix.to/#/!accueil%3Ademo-a.pleiade.test');
  });

  it('turns garbage into invalid_response and a 500 into unreachable', async () => {
    sims.setFault('matrix', 'garbage');
    expect(await statusOf(readMatrixChat(context(), {}))).toBe('invalid_response');
    sims.setFault('matrix', 'http500');
    expect(await statusOf(readMatrixChat(context(), {}))).toBe('unreachable');
  });
});
