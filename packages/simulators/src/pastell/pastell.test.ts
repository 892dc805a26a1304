import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../index.js';
import { basic, expectKeys } from '../test-support.js';

// Row fields of libriciel/pastell test/PHPUnit/api/DocumentAPIControllerTest.php testList and
// EntiteAPIControllerTest.php testList.
const DOCUMENT_FIELDS = [
  'id_d',
  'id_e',
  'role',
  'last_action',
  'last_action_date',
  'last_type',
  'type',
  'titre',
  'creation',
  'modification',
  'denomination',
  'siren',
  'date_inscription',
  'entite_mere',
  'centre_de_gestion',
  'is_active',
  'entite_base',
  'entite',
  'last_action_display',
];
const ENTITY_FIELDS = ['id_e', 'denomination', 'siren', 'type', 'centre_de_gestion', 'entite_mere', 'is_active'];

let sims: Simulators;
beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());

type Json = Record<string, unknown>;
const as = (login: string) => {
  const c = sims.credentials.pastell[login]!;
  return basic(c.login, c.password);
};
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${sims.urls.pastell}/api/v2${path}`, { headers });

describe('Pastell API v2 — authentication', () => {
  it('refuses a call without credentials (401, Basic challenge, error body)', async () => {
    const res = await get('/entite');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Basic realm="API Pastell"');
    expect(await res.json()).toEqual({ status: 'error', 'error-message': 'Accès interdit' });
  });

  it('accepts Basic and Bearer, refuses a disabled account', async () => {
    expect((await get('/entite', as('agent'))).status).toBe(200);
    const token = sims.credentials.pastell.agent!.token;
    expect((await get('/entite', { Authorization: `Bearer ${token}` })).status).toBe(200);
    const disabled = await get('/entite', as('ancien-agent'));
    expect(disabled.status).toBe(401);
    expect(((await disabled.json()) as Json)['error-message']).toBe('Votre compte a été désactivé');
  });

  it('answers 429 after the failed logins allowed per minute, even to good credentials', async () => {
    const strict = await startSimulators({ pastellLoginAttemptsPerMinute: 2 });
    try {
      const call = (headers: Record<string, string>) => fetch(`${strict.urls.pastell}/api/v2/entite`, { headers });
      expect((await call(basic('agent', 'x'))).status).toBe(401);
      expect((await call(basic('agent', 'y'))).status).toBe(401);
      const limited = await call(as('agent'));
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe('60');
    } finally {
      await strict.close();
    }
  });

  it('checks the API version and the resource after authentication', async () => {
    expect((await fetch(`${sims.urls.pastell}/api/v1/entite`, { headers: as('agent') })).status).toBe(400);
    const unknown = await get('/inconnu', as('agent'));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as Json)['error-message']).toBe("La ressource Inconnu n'a pas été trouvée");
  });
});

describe('Pastell API v2 — entities, documents, counts', () => {
  it('lists the entities the user has a role on, with their daughters', async () => {
    const ids = async (login: string) =>
      ((await (await get('/entite', as(login))).json()) as Json[]).map((e) => e.id_e).sort();
    const agent = (await (await get('/entite', as('agent'))).json()) as Json[];
    expectKeys(agent[0], ENTITY_FIELDS);
    expect(await ids('agent')).toEqual(['1', '2']);
    expect(await ids('elu')).toEqual(['2']);
    expect(await ids('agent-b')).toEqual(['3']);
    expect(await ids('pleiade-technique')).toEqual(['1', '2', '3']);
  });

  it('lists an entity’s documents with every field, last state first', async () => {
    const rows = (await (await get('/entite/1/document', as('agent'))).json()) as Json[];
    expect(rows).toHaveLength(6);
    expectKeys(rows[0], DOCUMENT_FIELDS);
    expect(rows[0]).toMatchObject({ id_e: '1', role: 'editeur', is_active: true, entite: [] });
    const dates = rows.map((r) => String(r.last_action_date));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('filters by type, last state and search; limit and sort order as asked', async () => {
    const list = async (query: string) =>
      ((await (await get(`/entite/1/document?${query}`, as('agent'))).json()) as Json[]).map((r) => r.id_d);
    expect(await list('type=helios-generique')).toEqual(['Qz3wE7c']);
    expect(await list('lastetat=tdt-error')).toEqual(['Lm8rT5b']);
    expect(await list('search=voirie')).toEqual([]);
    expect(await list('search=MARCHÉ')).toEqual(['Vb2sK9e']);
    expect(await list('limit=2')).toHaveLength(2);
    expect(await list('limit=0')).toEqual([]);
    const ascending = await list('sens_tri=ASC');
    expect(ascending.at(-1)).toBe((await list(''))[0]);
  });

  it('refuses another collectivité’s entity, an unknown one, an unknown flow', async () => {
    const crossed = await get('/entite/3/document', as('agent'));
    expect(crossed.status).toBe(403);
    expect(((await crossed.json()) as Json)['error-message']).toBe(
      'Acces interdit id_e=3, droit=entite:lecture,id_u=2',
    );
    expect((await get('/entite/42/document', as('agent'))).status).toBe(404);
    expect((await get('/entite/1/document?type=inconnu', as('agent'))).status).toBe(403);
    // The root entity: refused to an agent, "obligatoire" for the technical account.
    expect((await get('/entite/0/document', as('agent'))).status).toBe(403);
    const root = await get('/entite/0/document', as('pleiade-technique'));
    expect(root.status).toBe(400);
    expect(((await root.json()) as Json)['error-message']).toBe('id_e est obligatoire');
  });

  it('counts documents per entity, flow and last state', async () => {
    const counts = (await (await get('/document/count?id_e=1', as('agent'))).json()) as Record<
      string,
      { flux: Record<string, Record<string, number>>; info: Json }
    >;
    expect(Object.keys(counts)).toEqual(['1']);
    expect(counts['1']?.flux['actes-generique']).toEqual({ 'acquiter-tdt': 1, 'tdt-error': 1, 'rejet-iparapheur': 1 });
    expect(counts['1']?.info).toMatchObject({ id_e: '1', type: 'collectivite' });
    const all = (await (await get('/document/count', as('elu'))).json()) as Record<string, unknown>;
    expect(Object.keys(all)).toEqual(['2']);
  });

  it('lists the flows the user can read, by name', async () => {
    const flux = (await (await get('/flux', as('agent'))).json()) as Record<string, { nom: string; type: string }>;
    expect(flux['actes-generique']).toEqual({ type: 'Flux Généraux', nom: 'Actes (générique)' });
    expect(Object.values(flux).map((f) => f.nom)).toEqual(
      [...Object.values(flux).map((f) => f.nom)].sort((a, b) => a.localeCompare(b, 'fr')),
    );
  });
});
