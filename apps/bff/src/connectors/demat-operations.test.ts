import { WIDGET_DATA_SCHEMAS } from '@pleiade/contracts';
import { DEMAT_DEMO_DATA, startSimulators, type Simulators } from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectorConfig, operationContext, testUser } from '../../test/support/connectors.js';
import type { ConnectorConfig } from './connector-config.js';
import { CONNECTORS } from './registry.js';
import { SecretValue } from './secret-box.js';
import { UpstreamClient, type UpstreamClientOptions } from './upstream-client.js';

/**
 * The widget and « À traiter » reads of i-Parapheur, S²low, i-delibRE and Pastell, each through
 * its kind's registry entry (credential adapter, client TLS, operation) against its simulator.
 */

let sims: Simulators;
const clients: UpstreamClient[] = [];
const now = new Date();
const LOOPBACK = ['127.0.0.1/32'];

beforeAll(async () => {
  sims = await startSimulators({ now: () => now });
}, 60_000);
afterAll(() => sims.close());
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

function clientFor(connector: ConnectorConfig, extra: Partial<UpstreamClientOptions> = {}) {
  const client = new UpstreamClient({
    instanceId: connector.id,
    baseUrl: connector.baseUrl,
    allowPrivateNetworks: LOOPBACK,
    resilience: { retries: 0 },
    ...extra,
  });
  clients.push(client);
  return client;
}

/** The kind's « À traiter » read (every dematerialisation kind has one). */
function itemsOf<K extends 'iparapheur' | 's2low' | 'idelibre' | 'pastell'>(kind: K) {
  const entry = CONNECTORS[kind].actionItems;
  if (!entry) throw new Error(`${kind} lists no actionable items`);
  return (context: Parameters<typeof entry.read>[0]) => entry.read(context);
}

function clientTls(secrets: Record<string, SecretValue>) {
  const tls = CONNECTORS.s2low.clientTls;
  if (!tls) throw new Error('S2low has no client TLS');
  return tls(secrets);
}

function admit(...args: Parameters<NonNullable<typeof CONNECTORS.pastell.operations.pastell.admit>>) {
  const check = CONNECTORS.pastell.operations.pastell.admit;
  if (!check) throw new Error('Pastell admits every option');
  return check(...args);
}

const person = (login: string) => ({ ...testUser, userId: `u-${login}`, login });

describe('i-Parapheur', () => {
  const account = (login: string) => sims.credentials.iparapheur.accounts[login]!;

  it('reads the élu’s desks and folders in version 5 with their own password (Keycloak password grant)', async () => {
    const connector = connectorConfig('iparapheur', { baseUrl: sims.urls.iparapheur, authMode: 'personal_secret' });
    const { username, password } = account('elu');
    const context = operationContext(connector, clientFor(connector), { type: 'basic', username, password }, { now });
    const data = WIDGET_DATA_SCHEMAS.parapheur.parse(
      await CONNECTORS.iparapheur.operations.parapheur.read(context, {}),
    );
    expect(data.desks.map((desk) => desk.name)).toEqual(['Signature du maire']);
    expect(data.pending).toBeGreaterThan(0);
    expect(data.folders.length).toBeGreaterThan(0);
    expect(data.folders.every((folder) => folder.desk === 'Signature du maire')).toBe(true);
    expect(data.folders[0]?.url).toMatch(new RegExp(`^${sims.urls.iparapheur}/tenant/`));
    const items = await itemsOf('iparapheur')(context);
    expect(items.map((item) => item.id).sort()).toEqual(data.folders.map((folder) => folder.id).sort());
    expect(items.every((item) => item.source === 'iparapheur' && item.concerns.scope === 'desk')).toBe(true);
  });

  it('reads the same desks in version 4 with Basic, and refuses a bearer there (« à configurer »)', async () => {
    const connector = connectorConfig('iparapheur', {
      baseUrl: sims.urls.iparapheur4,
      authMode: 'personal_secret',
      options: { apiVersion: 'v4' },
    });
    const { username, password } = account('elu');
    const context = operationContext(connector, clientFor(connector), { type: 'basic', username, password }, { now });
    const data = await CONNECTORS.iparapheur.operations.parapheur.read(context, {});
    expect(data.desks.map((desk) => desk.name)).toEqual(['Signature du maire']);
    expect(data.folders.length).toBeGreaterThan(0);
    const bearer = operationContext(connector, clientFor(connector), { type: 'bearer', token: 'x' }, { now });
    await expect(CONNECTORS.iparapheur.operations.parapheur.read(bearer, {})).rejects.toMatchObject({
      status: 'not_configured',
    });
  });

  it('answers « identifiants refusés » for a wrong password', async () => {
    const connector = connectorConfig('iparapheur', { baseUrl: sims.urls.iparapheur, authMode: 'personal_secret' });
    const context = operationContext(
      connector,
      clientFor(connector),
      { type: 'basic', username: 'elu', password: 'faux' },
      { now },
    );
    await expect(CONNECTORS.iparapheur.operations.parapheur.read(context, {})).rejects.toMatchObject({
      status: 'credentials_refused',
    });
  });
});

describe('S²low', () => {
  function s2lowConnector(collectivite: string) {
    const account = sims.credentials.s2low.accounts[collectivite]!;
    const connector = connectorConfig('s2low', { baseUrl: sims.urls.s2low });
    const secrets = {
      clientCertificate: new SecretValue(account.cert),
      clientKey: new SecretValue(account.key),
      caCertificate: new SecretValue(sims.credentials.s2low.ca),
    };
    const client = clientFor(connector, clientTls(secrets));
    return { connector, client, account };
  }

  it('presents the sealed client certificate and counts the authority’s acts over the period', async () => {
    const { connector, client, account } = s2lowConnector('demo-a');
    const context = operationContext(
      connector,
      client,
      { type: 'basic', username: account.login, password: account.password },
      { now },
    );
    const data = WIDGET_DATA_SCHEMAS.teletransmission.parse(
      await CONNECTORS.s2low.operations.teletransmission.read(context, { periodDays: 366 }),
    );
    const acts = DEMAT_DEMO_DATA.s2low.transactions.filter((t) => t.authorityId === account.authorityId);
    const inError = acts.filter((t) => t.workflow.at(-1)?.status === -1);
    expect(inError.length).toBeGreaterThan(0);
    expect(data.current.error).toBe(inError.length);
    expect(data.errors).toHaveLength(Math.min(10, data.current.error));
    expect(data.errors.every((act) => act.url?.startsWith(`${sims.urls.s2low}/modules/actes/`))).toBe(true);
    const items = await itemsOf('s2low')(context);
    expect(items.map((item) => item.id)).toEqual(data.errors.map((act) => act.id));
    expect(items.every((item) => item.concerns.scope === 'collectivite' && item.urgent)).toBe(true);
  });

  it('fails the TLS handshake without the client certificate', async () => {
    const connector = connectorConfig('s2low', { baseUrl: sims.urls.s2low });
    const client = clientFor(connector, clientTls({ caCertificate: new SecretValue(sims.credentials.s2low.ca) }));
    const account = sims.credentials.s2low.accounts['demo-a']!;
    const context = operationContext(connector, client, {
      type: 'basic',
      username: account.login,
      password: account.password,
    });
    await expect(CONNECTORS.s2low.operations.teletransmission.read(context, { periodDays: 30 })).rejects.toMatchObject({
      status: expect.stringMatching(/^(unreachable|credentials_refused)$/),
    });
  });
});

describe('i-delibRE', () => {
  function read(login: string, collectivite = 'demo-a') {
    const { suffix, token } = sims.credentials.idelibre[collectivite]!;
    const connector = connectorConfig('idelibre', { baseUrl: sims.urls.idelibre, options: { usernameSuffix: suffix } });
    const context = operationContext(
      connector,
      clientFor(connector),
      { type: 'bearer', token },
      {
        now,
        user: person(login),
      },
    );
    return context;
  }

  it('gives each person only their own convocations, matched on the session’s login', async () => {
    const elu = WIDGET_DATA_SCHEMAS.seances.parse(await CONNECTORS.idelibre.operations.seances.read(read('elu'), {}));
    expect(elu.sittings.map((s) => [s.name, s.convocation?.state])).toEqual([
      ['Commission urbanisme', 'to_confirm'],
      ['Conseil municipal', 'to_read'],
    ]);
    expect([elu.toRead, elu.toConfirm]).toEqual([1, 1]);
    const eluItems = await itemsOf('idelibre')(read('elu'));
    expect(eluItems.every((item) => item.concerns.scope === 'person' && item.concerns.login === 'elu@demo-a')).toBe(
      true,
    );
    // Someone the structure does not know sees the sittings, and no convocation at all.
    const stranger = await CONNECTORS.idelibre.operations.seances.read(read('inconnu'), {});
    expect(stranger.sittings.map((s) => s.convocation)).toEqual(stranger.sittings.map(() => null));
    expect(await itemsOf('idelibre')(read('inconnu'))).toEqual([]);
    // The agent's convocations are not the élu's.
    const agentItems = await itemsOf('idelibre')(read('agent'));
    const eluIds = new Set(eluItems.map((item) => item.id));
    expect(agentItems.some((item) => eluIds.has(item.id))).toBe(false);
  });
});

describe('Pastell', () => {
  function context(entityIds: string) {
    const technical = sims.credentials.pastell['pleiade-technique']!;
    const connector = connectorConfig('pastell', { baseUrl: sims.urls.pastell, options: { entityIds } });
    return operationContext(
      connector,
      clientFor(connector),
      { type: 'basic', username: technical.login, password: technical.password },
      { now },
    );
  }

  it('offers only the collectivité’s entities, shows the first by default and another on request', async () => {
    const read = CONNECTORS.pastell.operations.pastell.read;
    const first = WIDGET_DATA_SCHEMAS.pastell.parse(await read(context('1, 2'), {}));
    expect(first.entities.map((entity) => entity.id)).toEqual(['1', '2']);
    expect(first.entity?.name).toBe('Commune de démonstration A');
    expect(first.documents.length).toBeGreaterThan(0);
    expect(first.documents.every((doc) => doc.url?.includes('id_e=1'))).toBe(true);
    const ccas = await read(context('1, 2'), { entityId: '2' });
    expect(ccas.entity?.name).toBe('CCAS de la commune de démonstration A');
    expect(ccas.documents.every((doc) => doc.url?.includes('id_e=2'))).toBe(true);
  });

  it('refuses an entity outside the connector’s before any call, and says so to the route (admit)', async () => {
    const ctx = context('1, 2');
    const before = sims.requestCount('pastell');
    await expect(CONNECTORS.pastell.operations.pastell.read(ctx, { entityId: '3' })).rejects.toThrow();
    expect(sims.requestCount('pastell')).toBe(before);
    expect(admit(ctx.connector, { entityId: '3' })).toBe(false);
    expect(admit(ctx.connector, { entityId: '2' })).toBe(true);
    expect(admit(ctx.connector, {})).toBe(true);
  });

  it('lists the documents in error of the collectivité’s entities only', async () => {
    const items = await itemsOf('pastell')(context('3'));
    expect(items.every((item) => item.concerns.scope === 'entity' && item.concerns.entityId === '3')).toBe(true);
    const itemsA = await itemsOf('pastell')(context('1, 2'));
    expect(itemsA.length).toBeGreaterThan(0);
    expect(
      itemsA.every((item) => item.concerns.scope === 'entity' && ['1', '2'].includes(item.concerns.entityId)),
    ).toBe(true);
  });
});
