import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMAT_DEMO_DATA, startSimulators, withHostileDematText, type Simulators } from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import {
  loginIparapheurV4,
  readIparapheurV4Todo,
  readIparapheurV5Todo,
  requestIparapheurToken,
  type IparapheurV4Auth,
} from './api.js';

const WEB = 'https://parapheur.mairie.test';
let sims: Simulators;
const clients: UpstreamClient[] = [];
const now = new Date();

beforeAll(async () => {
  sims = await startSimulators({ now: () => now });
});
afterAll(() => sims.close());
afterEach(() => {
  sims.setFault('iparapheur', 'none');
  sims.setFault('iparapheur4', 'none');
  for (const client of clients.splice(0)) client.close();
});

function clientFor(baseUrl: string) {
  const client = new UpstreamClient({
    instanceId: 'iparapheur-test',
    baseUrl,
    allowPrivateNetworks: ['127.0.0.1/32'],
    resilience: { retries: 0 },
  });
  clients.push(client);
  return client;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return `${(error as UpstreamError).status}/${(error as UpstreamError).reason}`;
}

async function tokenOf(username: string, client = clientFor(sims.urls.iparapheur)) {
  const account = sims.credentials.iparapheur.accounts[username]!;
  return requestIparapheurToken(client, { type: 'password', ...account }, { now });
}

describe('i-Parapheur 5', () => {
  it('gets the person’s token, and maps refused credentials and refresh tokens to "refused"', async () => {
    const client = clientFor(sims.urls.iparapheur);
    const token = await tokenOf('elu', client);
    expect(token.expiresAt.getTime()).toBe(now.getTime() + 300_000);
    const refreshed = await requestIparapheurToken(
      client,
      { type: 'refresh', refreshToken: token.refreshToken! },
      { now },
    );
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(
      await reason(requestIparapheurToken(client, { type: 'refresh', refreshToken: token.refreshToken! }, { now })),
    ).toBe('credentials_refused/INVALID_GRANT');
    expect(
      await reason(requestIparapheurToken(client, { type: 'password', username: 'elu', password: 'non' }, { now })),
    ).toBe('credentials_refused/HTTP_401');
  });

  it('reads the élu’s desk: counts, folders soonest due first, links into the web client', async () => {
    const client = clientFor(sims.urls.iparapheur);
    const todo = await readIparapheurV5Todo(client, (await tokenOf('elu', client)).accessToken, { webUrl: WEB, now });
    expect(todo.desks).toEqual([
      expect.objectContaining({
        deskName: 'Signature du maire',
        pending: 3,
        late: 1,
        tenantName: 'Commune de démonstration A',
      }),
    ]);
    expect(todo.items.map((i) => i.status)).toEqual(['En retard', 'À traiter', 'À traiter']);
    expect(todo.items[0]).toMatchObject({
      source: 'iparapheur',
      title: 'Arrêté de voirie — Rue des Écoles, travaux de réseau',
      context: 'Signature du maire',
      urgent: true,
      concerns: { scope: 'desk', deskName: 'Signature du maire' },
    });
    expect(todo.items[0]?.url).toMatch(
      /^https:\/\/parapheur\.mairie\.test\/tenant\/[\w-]+\/desk\/[\w-]+\/folder\/[\w-]+$/,
    );
    // The folder without due date comes last, not urgent.
    expect(todo.items[2]).toMatchObject({ dueAt: null, urgent: false });
  });

  it('never gives one person another’s desks, nor the other collectivité’s', async () => {
    const client = clientFor(sims.urls.iparapheur);
    const agent = await readIparapheurV5Todo(client, (await tokenOf('agent', client)).accessToken, {
      webUrl: WEB,
      now,
    });
    expect(agent.desks.map((d) => d.deskName).sort()).toEqual([
      'Direction générale des services',
      'Service des finances',
    ]);
    const agentB = await readIparapheurV5Todo(client, (await tokenOf('agent-b', client)).accessToken, {
      webUrl: WEB,
      now,
    });
    expect(agentB.desks.map((d) => d.deskName)).toEqual(['Administration générale']);
    const titles = agentB.items.map((i) => i.title).join('|');
    for (const folder of DEMAT_DEMO_DATA.iparapheur.folders.filter(
      (f) => !f.id.endsWith('10') && !f.id.endsWith('11'),
    )) {
      expect(titles).not.toContain(folder.name);
    }
  });

  it('turns an expired token, an HTML error page and garbage into typed failures', async () => {
    const client = clientFor(sims.urls.iparapheur);
    const token = (await tokenOf('elu', client)).accessToken;
    sims.expireIparapheurTokens();
    expect(await reason(readIparapheurV5Todo(client, token, { webUrl: WEB, now }))).toBe(
      'credentials_refused/HTTP_401',
    );
    const fresh = (await tokenOf('elu', client)).accessToken;
    sims.setFault('iparapheur', 'garbage');
    expect(await reason(readIparapheurV5Todo(client, fresh, { webUrl: WEB, now }))).toBe('invalid_response/JSON');
    sims.setFault('iparapheur', 'http500');
    expect(await reason(readIparapheurV5Todo(client, fresh, { webUrl: WEB, now }))).toBe('unreachable/HTTP_500');
  });

  it('keeps hostile folder names as plain text and builds links only from checked ids', async () => {
    const hostile = await startSimulators({ demat: withHostileDematText(DEMAT_DEMO_DATA), now: () => now });
    try {
      const client = clientFor(hostile.urls.iparapheur);
      const account = hostile.credentials.iparapheur.accounts.elu!;
      const token = await requestIparapheurToken(client, { type: 'password', ...account }, { now });
      const todo = await readIparapheurV5Todo(client, token.accessToken, { webUrl: WEB, now });
      expect(todo.items.some((i) => i.title.includes('<script>') || i.title.includes('<img'))).toBe(true);
      for (const item of todo.items) expect(item.url?.startsWith(`${WEB}/tenant/`)).toBe(true);
    } finally {
      await hostile.close();
    }
  });

  it('refuses ids that could leave the API path, and shapes it does not know', async () => {
    const responses: Record<string, unknown> = {
      '/api/standard/v1/tenant': { content: [{ id: '..', name: 'x' }], totalElements: 1 },
    };
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(responses[new URL(req.url ?? '/', 'http://x').pathname] ?? { content: 'non' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      expect(await reason(readIparapheurV5Todo(client, 'jeton', { webUrl: WEB, now }))).toBe('invalid_response/SCHEMA');
    } finally {
      server.close();
    }
  });
});

describe('i-Parapheur 4', () => {
  const basicOf = (username: string): IparapheurV4Auth => ({
    type: 'basic',
    ...sims.credentials.iparapheur.accounts[username]!,
  });

  it('reads the bureaux counters and the dossiers to process, with Basic or a ticket', async () => {
    const client = clientFor(sims.urls.iparapheur4);
    const todo = await readIparapheurV4Todo(client, basicOf('elu'), { webUrl: WEB, now });
    expect(todo.desks).toEqual([expect.objectContaining({ deskName: 'Signature du maire', pending: 3, late: 1 })]);
    expect(todo.items.map((i) => i.status)).toEqual(['En retard', 'À signer', 'À signer']);
    expect(todo.items.every((i) => i.url === `${WEB}/`)).toBe(true);

    const ticket = await loginIparapheurV4(client, sims.credentials.iparapheur.accounts.agent!);
    const agent = await readIparapheurV4Todo(client, { type: 'alf_ticket', ticket }, { webUrl: WEB, now });
    expect(agent.items.map((i) => i.status)).toContain('À viser');
    expect(agent.desks.map((d) => d.deskName)).not.toContain('Signature du maire');
  });

  it('asks a fresh CAS ticket for each call', async () => {
    const client = clientFor(sims.urls.iparapheur4);
    let asked = 0;
    const auth: IparapheurV4Auth = {
      type: 'cas',
      ticket: () => {
        asked += 1;
        return Promise.resolve(`ST-${asked}`);
      },
    };
    // The simulator runs without a CAS server here: the first call is refused.
    expect(await reason(readIparapheurV4Todo(client, auth, { webUrl: WEB, now }))).toBe('credentials_refused/HTTP_401');
    expect(asked).toBe(1);
  });

  it('maps a wrong password to "refused" and garbage to "invalid response"', async () => {
    const client = clientFor(sims.urls.iparapheur4);
    expect(await reason(loginIparapheurV4(client, { username: 'elu', password: 'non' }))).toBe(
      'credentials_refused/HTTP_403',
    );
    expect(
      await reason(
        readIparapheurV4Todo(client, { type: 'basic', username: 'elu', password: 'non' }, { webUrl: WEB, now }),
      ),
    ).toBe('credentials_refused/HTTP_401');
    sims.setFault('iparapheur4', 'garbage');
    expect(await reason(readIparapheurV4Todo(client, basicOf('elu'), { webUrl: WEB, now }))).toBe(
      'invalid_response/JSON',
    );
  });
});
