import https from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  createSimulatorPki,
  DEMAT_DEMO_DATA,
  HOSTILE_PAYLOADS,
  startSimulators,
  withHostileDematText,
  type SimulatorPki,
  type Simulators,
} from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../states.js';
import { UpstreamClient, type ClientCertificate } from '../upstream-client.js';
import {
  countS2lowActes,
  countS2lowActesInPeriod,
  listS2lowActes,
  readS2lowStatuses,
  readS2lowSummary,
  S2LOW_STATUS,
  type S2lowCredentials,
} from './api.js';

const DAY = 86_400_000;
let sims: Simulators;
let stranger: SimulatorPki;
const clients: UpstreamClient[] = [];
const now = new Date();

beforeAll(async () => {
  [sims, stranger] = await Promise.all([
    startSimulators({ now: () => now }),
    createSimulatorPki({ clients: ['intrus'], caName: 'Autre autorité' }),
  ]);
});
afterAll(() => sims.close());
afterEach(() => {
  sims.setFault('s2low', 'none');
  for (const client of clients.splice(0)) client.close();
});

function clientFor(collectivite: string, certificate?: ClientCertificate, sim = sims) {
  const account = sim.credentials.s2low.accounts[collectivite]!;
  const client = new UpstreamClient({
    instanceId: `s2low-${collectivite}`,
    baseUrl: sim.urls.s2low,
    allowPrivateNetworks: ['127.0.0.1/32'],
    ca: sim.credentials.s2low.ca,
    clientCertificate: certificate ?? { cert: account.cert, key: account.key },
    resilience: { retries: 0 },
  });
  clients.push(client);
  return client;
}
const credentialsOf = (collectivite: string, sim = sims): S2lowCredentials => {
  const { login, password } = sim.credentials.s2low.accounts[collectivite]!;
  return { login, password };
};

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return `${(error as UpstreamError).status}/${(error as UpstreamError).reason}`;
}

describe('S2low ACTES API', () => {
  it('reads the statuses and the counts of the authority, over mutual TLS', async () => {
    const client = clientFor('demo-a');
    const statuses = await readS2lowStatuses(client, credentialsOf('demo-a'));
    expect(statuses.get(S2LOW_STATUS.error)).toBe('Erreur');
    expect(statuses.get(S2LOW_STATUS.acknowledged)).toBe('Acquittement reçu');
    expect(await countS2lowActes(client, credentialsOf('demo-a'), S2LOW_STATUS.error)).toBe(2);
    expect(await countS2lowActes(client, credentialsOf('demo-b'), S2LOW_STATUS.error).catch(() => 'refused')).toBe(
      'refused',
    );
  });

  it('counts the acts that reached a status within a period', async () => {
    const client = clientFor('demo-a');
    const week = { from: new Date(now.getTime() - 7 * DAY), to: now };
    expect(
      await countS2lowActesInPeriod(client, credentialsOf('demo-a'), { statusId: S2LOW_STATUS.acknowledged, ...week }),
    ).toEqual({ count: 1, complete: true });
    expect(
      await countS2lowActesInPeriod(client, credentialsOf('demo-a'), {
        statusId: S2LOW_STATUS.acknowledged,
        from: new Date(now.getTime() - 60 * DAY),
        to: now,
      }),
    ).toEqual({ count: 3, complete: true });
    const one = await listS2lowActes(client, credentialsOf('demo-a'), {
      statusId: S2LOW_STATUS.acknowledged,
      limit: 1,
    });
    expect(one.map((t) => t.id)).toEqual(['106']);
  });

  it('sums up transmissions and lists the acts in error as items of the collectivité', async () => {
    const summary = await readS2lowSummary(clientFor('demo-a'), credentialsOf('demo-a'), {
      from: new Date(now.getTime() - 7 * DAY),
      to: now,
      webUrl: sims.urls.s2low,
    });
    expect(summary.inPeriod).toEqual({ transmitted: 1, acknowledged: 1, error: 2, complete: true });
    expect(summary.current).toEqual({ transmitted: 1, acknowledged: 3, error: 2 });
    expect(summary.items.map((i) => i.title)).toEqual([
      'Nomination d’un agent de police municipale',
      'Convention avec l’association sportive',
    ]);
    expect(summary.items[0]).toMatchObject({
      source: 's2low',
      status: 'Transmission en erreur',
      context: 'Acte n° 20260117E',
      urgent: true,
      concerns: { scope: 'collectivite' },
      url: `${sims.urls.s2low}/modules/actes/actes_transac_show.php?id=105`,
    });
  });

  it('never shows one authority’s acts to the other', async () => {
    const b = await readS2lowSummary(clientFor('demo-b'), credentialsOf('demo-b'), {
      from: new Date(now.getTime() - 7 * DAY),
      to: now,
      webUrl: sims.urls.s2low,
    });
    expect(b.items.map((i) => i.title)).toEqual(['Marché de collecte des déchets verts']);
    const aSubjects = DEMAT_DEMO_DATA.s2low.transactions.filter((t) => t.authorityId === 1).map((t) => t.subject);
    expect(JSON.stringify(b)).not.toContain(aSubjects[0]);
  });

  it('reads KO as refused credentials: another certificate of the CA, a wrong password', async () => {
    const unregistered = clientFor('demo-a', sims.credentials.s2low.unregisteredClient);
    expect(await failure(readS2lowStatuses(unregistered, credentialsOf('demo-a')))).toBe(
      'credentials_refused/S2LOW_KO',
    );
    const wrong = clientFor('demo-a');
    expect(await failure(countS2lowActes(wrong, { login: 'pleiade-demo-a', password: 'non' }, 4))).toBe(
      'credentials_refused/S2LOW_KO',
    );
  });

  it('is unreachable without the CA’s client certificate (TLS), never sending the request', async () => {
    sims.resetCounts();
    const intrus = clientFor('demo-a', stranger.clients.intrus);
    expect((await failure(readS2lowStatuses(intrus, credentialsOf('demo-a')))).startsWith('unreachable/')).toBe(true);
    expect(sims.requestCount('s2low')).toBe(0);
  });

  it('turns garbage, an HTML 500 and a non-JSON body into typed failures', async () => {
    const client = clientFor('demo-a');
    sims.setFault('s2low', 'garbage');
    expect(await failure(readS2lowStatuses(client, credentialsOf('demo-a')))).toBe('invalid_response/JSON');
    sims.setFault('s2low', 'http500');
    expect(await failure(readS2lowStatuses(client, credentialsOf('demo-a')))).toBe('unreachable/HTTP_500');
  });

  it('refuses rows whose id is not a number and the empty list of a failed query', async () => {
    const bodies = [
      '{"status_id":"-1","authority_id":"1","offset":"0","limit":"10","transactions":[{"id":"../x","subject":"s","number":"n","date":"d","nature_descr":"n","classification":"c","type":"1"}]}',
      '{"status_id":"-1","authority_id":"1","offset":"0","limit":"10","transactions":""}',
    ];
    const pki = await createSimulatorPki({ clients: ['mairie'] });
    let turn = 0;
    const server = https.createServer(
      { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true },
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(bodies[turn++]);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = new UpstreamClient({
        instanceId: 's2low-faux',
        baseUrl: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
        allowPrivateNetworks: ['127.0.0.1/32'],
        ca: pki.ca.cert,
        clientCertificate: pki.clients.mairie,
        resilience: { retries: 0 },
      });
      clients.push(client);
      const list = () => listS2lowActes(client, credentialsOf('demo-a'), { statusId: -1, limit: 10 });
      expect(await failure(list())).toBe('invalid_response/SCHEMA');
      expect(await failure(list())).toBe('invalid_response/S2LOW_QUERY_FAILED');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('keeps hostile subjects as plain text', async () => {
    const hostile = await startSimulators({ demat: withHostileDematText(DEMAT_DEMO_DATA), now: () => now });
    try {
      const summary = await readS2lowSummary(
        clientFor('demo-a', undefined, hostile),
        credentialsOf('demo-a', hostile),
        {
          from: new Date(now.getTime() - 7 * DAY),
          to: now,
          webUrl: hostile.urls.s2low,
        },
      );
      expect(summary.items.length).toBe(2);
      for (const item of summary.items) {
        expect(
          HOSTILE_PAYLOADS.some((p) => item.title.includes(p)),
          item.title,
        ).toBe(true);
      }
    } finally {
      await hostile.close();
    }
  });
});
