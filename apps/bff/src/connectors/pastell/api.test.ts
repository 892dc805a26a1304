import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMAT_DEMO_DATA,
  HOSTILE_PAYLOADS,
  startSimulators,
  withHostileDematText,
  type Simulators,
} from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import {
  isPastellErrorState,
  listPastellEntities,
  pastellEntitiesForPerson,
  PastellEntityNotAllowedError,
  pastellStateLabel,
  readPastellEntity,
  type PastellAuth,
} from './api.js';

const WEB = 'https://pastell.mairie.test/';
let sims: Simulators;
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());
afterEach(() => {
  sims.setFault('pastell', 'none');
  for (const client of clients.splice(0)) client.close();
});

function clientFor(baseUrl: string) {
  const client = new UpstreamClient({
    instanceId: 'pastell-test',
    baseUrl,
    allowPrivateNetworks: ['127.0.0.1/32'],
    resilience: { retries: 0 },
  });
  clients.push(client);
  return client;
}

const basicOf = (login: string, sim = sims): PastellAuth => {
  const c = sim.credentials.pastell[login]!;
  return { type: 'basic', username: c.login, password: c.password };
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

/** Entities of each demo collectivité, as the connector configuration would list them. */
const ALLOWED = { 'demo-a': ['1', '2'], 'demo-b': ['3'] };

describe('Pastell API v2', () => {
  it('reads an entity: documents with French states, error badges per flow, errors as items', async () => {
    const view = await readPastellEntity(clientFor(sims.urls.pastell), basicOf('agent'), {
      entityId: '1',
      allowedEntityIds: ALLOWED['demo-a'],
      webUrl: WEB,
    });
    expect(view.entity).toEqual({ id: '1', name: 'Commune de démonstration A', parentId: null });
    expect(view.documents).toHaveLength(6);
    expect(view.documents[0]).toMatchObject({
      title: 'Arrêté de circulation — Marché de Noël',
      stateLabel: 'Signature refusée',
      fluxLabel: 'Actes (générique)',
      inError: true,
      url: `${WEB}Document/detail?id_d=Vb2sK9e&id_e=1`,
    });
    expect(Date.parse(view.documents[0]!.changedAt!)).toBeGreaterThan(Date.now() - 2 * 3_600_000);
    expect(view.errorBadges).toEqual([
      { flux: 'actes-generique', label: 'Actes (générique)', errors: 2 },
      { flux: 'helios-generique', label: 'Hélios (générique)', errors: 1 },
    ]);
    expect(view.items.map((i) => i.status)).toEqual([
      'Signature refusée',
      'Erreur de télétransmission',
      'Erreur de télétransmission',
    ]);
    expect(view.items[0]).toMatchObject({
      source: 'pastell',
      urgent: true,
      concerns: { scope: 'entity', entityId: '1', entityName: 'Commune de démonstration A' },
    });
  });

  it('binds the entity selector to the person’s collectivités, even with the technical account', async () => {
    const client = clientFor(sims.urls.pastell);
    const technical = basicOf('pleiade-technique');
    const all = await listPastellEntities(client, technical);
    expect(all.map((e) => e.id).sort()).toEqual(['1', '2', '3']);
    expect(pastellEntitiesForPerson(all, ALLOWED['demo-b']).map((e) => e.name)).toEqual([
      'Communauté de communes de démonstration B',
    ]);
    sims.resetCounts();
    const refused = await failure(
      readPastellEntity(client, technical, { entityId: '1', allowedEntityIds: ALLOWED['demo-b'], webUrl: WEB }),
    );
    expect(refused).toBeInstanceOf(PastellEntityNotAllowedError);
    expect(sims.requestCount('pastell')).toBe(0);
    // Allowed for B: only B's documents come back.
    const b = await readPastellEntity(client, technical, {
      entityId: '3',
      allowedEntityIds: ALLOWED['demo-b'],
      webUrl: WEB,
    });
    const aTitles = DEMAT_DEMO_DATA.pastell.documents.filter((d) => d.id_e !== 3).map((d) => d.titre);
    for (const doc of b.documents) expect(aTitles).not.toContain(doc.title);
    expect(b.items.map((i) => i.title)).toEqual(['Marché de collecte des déchets verts']);
  });

  it('lets Pastell refuse an entity the person has no role on (personal account)', async () => {
    const error = await failure(
      readPastellEntity(clientFor(sims.urls.pastell), basicOf('elu'), {
        entityId: '1',
        allowedEntityIds: ALLOWED['demo-a'],
        webUrl: WEB,
      }),
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).status).toBe('credentials_refused');
  });

  it('accepts the person’s Pastell token', async () => {
    const auth: PastellAuth = { type: 'bearer', token: sims.credentials.pastell['agent-b']!.token };
    const view = await readPastellEntity(clientFor(sims.urls.pastell), auth, {
      entityId: '3',
      allowedEntityIds: ALLOWED['demo-b'],
      webUrl: WEB,
    });
    expect(view.documents).toHaveLength(2);
  });

  it('names states for people and recognises error states', () => {
    expect(pastellStateLabel('acquiter-tdt')).toBe('Acquitté par la préfecture');
    expect(pastellStateLabel('erreur-inconnue-xyz')).toBe('En erreur');
    expect(pastellStateLabel('etat-maison')).toBe('En cours');
    expect(isPastellErrorState('send-tdt-erreur')).toBe(true);
    expect(isPastellErrorState('termine')).toBe(false);
  });

  it('turns malformed answers into typed failures', async () => {
    const bodies: Record<string, unknown> = {
      '/api/v2/entite': [{ id_e: '1', denomination: 'Commune' }],
      '/api/v2/entite/1/document': [
        { id_d: '../../etc', id_e: '1', type: 'x', last_action: 'creation', last_action_date: 'x' },
      ],
      '/api/v2/document/count': { '1': { flux: [] } },
      '/api/v2/flux': {},
    };
    const server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(bodies[new URL(req.url ?? '/', 'http://x').pathname] ?? null));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const error = await failure(
        readPastellEntity(client, basicOf('agent'), { entityId: '1', allowedEntityIds: ['1'], webUrl: WEB }),
      );
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).reason).toBe('SCHEMA');
    } finally {
      server.close();
    }
    sims.setFault('pastell', 'garbage');
    const garbage = await failure(listPastellEntities(clientFor(sims.urls.pastell), basicOf('agent')));
    expect((garbage as UpstreamError).reason).toBe('JSON');
  });

  it('keeps hostile titles and entity names as plain text', async () => {
    const hostile = await startSimulators({ demat: withHostileDematText(DEMAT_DEMO_DATA) });
    try {
      const view = await readPastellEntity(clientFor(hostile.urls.pastell), basicOf('agent', hostile), {
        entityId: '1',
        allowedEntityIds: ALLOWED['demo-a'],
        webUrl: WEB,
      });
      for (const item of view.items) {
        expect(
          HOSTILE_PAYLOADS.some((p) => item.title.includes(p)),
          item.title,
        ).toBe(true);
        expect(item.url?.startsWith(`${WEB}Document/detail?`)).toBe(true);
      }
    } finally {
      await hostile.close();
    }
  });
});
