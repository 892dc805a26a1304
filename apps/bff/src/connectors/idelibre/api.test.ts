import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMAT_DEMO_DATA,
  HOSTILE_PAYLOADS,
  startSimulators,
  withHostileDematText,
  type DematDemoData,
  type Simulators,
} from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import { idelibreUsername, readIdelibreForPerson, readIdelibreMe } from './api.js';

const WEB = 'https://idelibre.mairie.test';
let sims: Simulators;
const clients: UpstreamClient[] = [];
const now = new Date();

beforeAll(async () => {
  sims = await startSimulators({ now: () => now });
});
afterAll(() => sims.close());
afterEach(() => {
  sims.setFault('idelibre', 'none');
  for (const client of clients.splice(0)) client.close();
});

function clientFor(baseUrl: string) {
  const client = new UpstreamClient({
    instanceId: 'idelibre-test',
    baseUrl,
    allowPrivateNetworks: ['127.0.0.1/32'],
    resilience: { retries: 0 },
  });
  clients.push(client);
  return client;
}

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UpstreamError);
  return `${(error as UpstreamError).status}/${(error as UpstreamError).reason}`;
}

const read = (login: string, collectivite = 'demo-a', sim = sims) => {
  const { structureId, suffix, token } = sim.credentials.idelibre[collectivite]!;
  return readIdelibreForPerson(clientFor(sim.urls.idelibre), token, {
    structureId,
    username: idelibreUsername(login, suffix),
    now,
    webUrl: WEB,
  });
};

describe('i-delibRE API v2', () => {
  it('finds the structure of the API token', async () => {
    const { token, structureId } = sims.credentials.idelibre['demo-a']!;
    expect(await readIdelibreMe(clientFor(sims.urls.idelibre), token)).toEqual({
      name: 'Pléiade',
      structureId,
      structureName: 'Commune de démonstration A',
    });
  });

  it('gives the élu the upcoming sittings and their own convocations to read or confirm', async () => {
    const view = await read('elu');
    expect(view.sittings.map((s) => [s.name, s.convocation?.state])).toEqual([
      ['Commission urbanisme', 'to_confirm'],
      ['Conseil municipal', 'to_read'],
    ]);
    expect(view.items.map((i) => [i.title, i.status])).toEqual([
      ['Commission urbanisme', 'Présence à confirmer'],
      ['Conseil municipal', 'Convocation à lire'],
    ]);
    expect(view.items[0]).toMatchObject({
      source: 'idelibre',
      concerns: { scope: 'person', login: 'elu@demo-a' },
      url: `${WEB}/idelibre_client`,
    });
    expect(Date.parse(view.items[0]!.dueAt!)).toBeGreaterThan(now.getTime());
  });

  it('keeps only the person’s convocations although the token sees everyone’s', async () => {
    // Marie Dupont answered "present" to the council; Jean Bernard has the commission unread.
    const admin = await read('admin');
    expect(admin.sittings.find((s) => s.name === 'Conseil municipal')?.convocation).toEqual({
      category: 'invitation',
      state: 'to_confirm',
    });
    expect(admin.items.map((i) => i.concerns)).toEqual([{ scope: 'person', login: 'admin@demo-a' }]);
    // A login of another collectivité, or someone not convoked, gets no convocation here.
    for (const login of ['agent-b', 'agent', 'personne', '']) {
      const view = await read(login);
      expect(view.items, login).toEqual([]);
      expect(
        view.sittings.every((s) => s.convocation === null),
        login,
      ).toBe(true);
    }
    // Usernames are matched exactly.
    expect((await read('ELU')).items).toEqual([]);
  });

  it('refuses a token on another structure and a wrong token', async () => {
    const a = sims.credentials.idelibre['demo-a']!;
    const b = sims.credentials.idelibre['demo-b']!;
    const client = clientFor(sims.urls.idelibre);
    const options = { structureId: b.structureId, username: 'agent-b@demo-b', now, webUrl: WEB };
    expect(await failure(readIdelibreForPerson(client, a.token, options))).toBe('credentials_refused/HTTP_403');
    expect(await failure(readIdelibreForPerson(client, 'faux', options))).toBe('credentials_refused/HTTP_401');
  });

  it('skips sittings with an unreadable date instead of failing, and refuses malformed shapes', async () => {
    const sitting = (date: string) => ({
      id: 'c0a80104-0000-4000-8000-000000000099',
      name: 'Séance',
      date,
      isArchived: false,
    });
    const bodies: unknown[] = [
      [sitting('demain soir')],
      [{ id: 'pas-un-uuid', name: 'x', date: 'x', isArchived: false }],
    ];
    let turn = 0;
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(bodies[turn++]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const options = { structureId: 'c0a80101-0000-4000-8000-00000000000a', username: 'elu@demo-a', now, webUrl: WEB };
      expect(await readIdelibreForPerson(client, 't', options)).toMatchObject({ sittings: [], items: [] });
      expect(await failure(readIdelibreForPerson(client, 't', options))).toBe('invalid_response/SCHEMA');
    } finally {
      server.close();
    }
    sims.setFault('idelibre', 'garbage');
    expect(await failure(read('elu'))).toBe('invalid_response/JSON');
  });

  it('keeps hostile sitting names as plain text', async () => {
    const data: DematDemoData = withHostileDematText(DEMAT_DEMO_DATA);
    const hostile = await startSimulators({ demat: data, now: () => now });
    try {
      const view = await read('elu', 'demo-a', hostile);
      expect(view.items).toHaveLength(2);
      for (const item of view.items)
        expect(
          HOSTILE_PAYLOADS.some((p) => item.title.includes(p)),
          item.title,
        ).toBe(true);
    } finally {
      await hostile.close();
    }
  });
});
