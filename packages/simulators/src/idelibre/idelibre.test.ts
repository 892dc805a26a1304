import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMAT_DEMO_DATA, startSimulators, withHostileDematText, type Simulators } from '../index.js';
import { expectKeys } from '../test-support.js';

// Serialization groups of megalis-bretagne/idelibre src/Entity: sitting:read, convocation:read
// (the user without e-mail), user's role name.
const SITTING_FIELDS = ['id', 'name', 'date', 'isArchived', 'isRemoteAllowed', 'isMandatorAllowed', 'updatedAt'];
const CONVOCATION_FIELDS = [
  'id',
  'isRead',
  'isActive',
  'isEmailed',
  'user',
  'sentTimestamp',
  'receivedTimestamp',
  'category',
  'attendance',
  'deputy',
  'mandator',
];

let sims: Simulators;
beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());

const structure = (collectivite: string) => sims.credentials.idelibre[collectivite]!;
const get = (path: string, token?: string) =>
  fetch(`${sims.urls.idelibre}/api/v2${path}`, { headers: token ? { 'X-AUTH-TOKEN': token } : {} });
type Json = Record<string, unknown>;

describe('i-delibRE API v2', () => {
  it('answers ping without a token and wants X-AUTH-TOKEN elsewhere', async () => {
    expect(await (await get('/ping')).json()).toEqual({ message: 'success' });
    const none = await get('/me');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('application/problem+json');
    expect(await none.json()).toEqual({ message: 'Full authentication is required to access this resource.' });
    const bad = await get('/me', 'mauvais-jeton');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: "Erreur d'authententification" });
  });

  it('tells the API user its structure (/me)', async () => {
    const a = structure('demo-a');
    expect(await (await get('/me', a.token)).json()).toEqual({
      name: 'Pléiade',
      structure: { id: a.structureId, name: 'Commune de démonstration A' },
      role: ['ROLE_API_STRUCTURE_ADMIN'],
    });
  });

  it('lists sittings: all without status, archived ones for status=archived, active ones otherwise', async () => {
    const a = structure('demo-a');
    const all = (await (await get(`/structures/${a.structureId}/sittings`, a.token)).json()) as Json[];
    expect(all).toHaveLength(3);
    expectKeys(all[0], SITTING_FIELDS);
    expect(String(all[0]?.date)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
    const archived = (await (
      await get(`/structures/${a.structureId}/sittings?status=archived`, a.token)
    ).json()) as Json[];
    expect(archived.map((s) => s.isArchived)).toEqual([true]);
    const other = (await (
      await get(`/structures/${a.structureId}/sittings?status=nimporte`, a.token)
    ).json()) as Json[];
    expect(other.map((s) => s.isArchived)).toEqual([false, false]);
  });

  it('refuses another structure (403) and an unknown one (404)', async () => {
    const a = structure('demo-a');
    const b = structure('demo-b');
    const crossed = await get(`/structures/${b.structureId}/sittings`, a.token);
    expect(crossed.status).toBe(403);
    expect(await crossed.json()).toEqual({ message: 'Access Denied.' });
    const sittingB = DEMAT_DEMO_DATA.idelibre.sittings.find((s) => s.structureId === b.structureId)!;
    expect((await get(`/structures/${a.structureId}/sittings/${sittingB.id}/convocations`, a.token)).status).toBe(403);
    expect((await get('/structures/00000000-0000-4000-8000-000000000000/sittings', a.token)).status).toBe(404);
  });

  it('gives a sitting’s detail with its place and type', async () => {
    const a = structure('demo-a');
    const council = DEMAT_DEMO_DATA.idelibre.sittings[0]!;
    const detail = (await (await get(`/structures/${a.structureId}/sittings/${council.id}`, a.token)).json()) as Json;
    expect(detail).toMatchObject({ id: council.id, place: 'Salle du conseil, hôtel de ville', revision: 0 });
    expect(detail.type).toMatchObject({ name: 'Conseil municipal' });
  });

  it('lists every convocation of a sitting, by last name, with usernames but no e-mail', async () => {
    const a = structure('demo-a');
    const council = DEMAT_DEMO_DATA.idelibre.sittings[0]!;
    const list = (await (
      await get(`/structures/${a.structureId}/sittings/${council.id}/convocations`, a.token)
    ).json()) as (Json & { user: Json })[];
    expect(list.map((c) => c.user.lastName)).toEqual(['Bernard', 'Dupont', 'Leroy', 'Moreau']);
    expectKeys(list[0], CONVOCATION_FIELDS);
    expectKeys(list[0]?.user, ['id', 'username', 'firstName', 'lastName', 'role', 'deputy']);
    const mine = list.find((c) => c.user.username === 'elu@demo-a');
    expect(mine).toMatchObject({ isRead: false, attendance: '', category: 'convocation', receivedTimestamp: null });
    expect(mine?.sentTimestamp).toMatchObject({ createdAt: expect.stringMatching(/^\d{4}-/) });
  });

  it('encodes markup in strings as Symfony does (\\u003C…), which parses back to the same text', async () => {
    const hostile = await startSimulators({ demat: withHostileDematText(DEMAT_DEMO_DATA, ['<b>"x"</b>']) });
    try {
      const a = hostile.credentials.idelibre['demo-a']!;
      const res = await fetch(`${hostile.urls.idelibre}/api/v2/structures/${a.structureId}/sittings`, {
        headers: { 'X-AUTH-TOKEN': a.token },
      });
      const raw = await res.text();
      expect(raw).toContain('\\u003Cb\\u003E\\u0022x\\u0022\\u003C\\/b\\u003E');
      expect(raw).not.toContain('<b>');
      expect((JSON.parse(raw) as Json[])[0]?.name).toBe('Conseil municipal <b>"x"</b>');
    } finally {
      await hostile.close();
    }
  });
});
