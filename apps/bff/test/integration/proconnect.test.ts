import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { meSchema } from '@pleiade/contracts';
import { DEMO_SIRETS, startDevIdp, type DevIdp } from '@pleiade/dev-idp';
import { createDb, type Db } from '../../src/db/client.js';
import { freePort } from '../../src/net.js';
import { ensureCollectivites } from '../../src/seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startFakeOp, signInThroughFakeOp, type FakeOp, type UserinfoScenario } from '../support/fake-op.js';
import { attemptSignIn, confirmIdpLogout, signIn, TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

const SESSION_SECRET = 'a-test-session-secret-of-at-least-32-characters';

/** A PLEIADE_CONFIG_FILE with one ProConnect provider, in a folder removed by `dispose`. */
async function configFile(provider: Record<string, unknown>): Promise<{ file: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-proconnect-'));
  const file = path.join(dir, 'pleiade.json');
  await writeFile(
    file,
    JSON.stringify({
      providers: [
        { id: 'proconnect', type: 'proconnect', label: 'ProConnect', clientSecretEnv: 'PC_SECRET', ...provider },
      ],
    }),
  );
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function me(browser: TestBrowser, url: string) {
  const response = await api(browser, `${url}/api/me`);
  expect(response.status).toBe(200);
  return meSchema.parse(await response.json());
}

/**
 * Against the demo IdP in its ProConnect profile (signed userinfo JWT, SIRET, no groups, state and
 * nonce required), with the demo collectivités and their SIRENs from the demo seed.
 */
describe('sign-in through ProConnect', () => {
  let pleiade: TestPleiade;
  let idp: DevIdp;
  let config: Awaited<ReturnType<typeof configFile>>;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    idp = await startDevIdp({
      profile: 'proconnect',
      port: 0,
      clients: [
        {
          clientId: 'pleiade',
          clientSecret: 'pc-secret',
          redirectUris: [`${publicUrl}/auth/callback`],
          postLogoutRedirectUris: [`${publicUrl}/`],
        },
      ],
      // Shorter than the BFF's refresh margin (30 s): a session tied to it would end at once.
      accessTokenTtlSeconds: 10,
    });
    config = await configFile({
      issuer: idp.issuer,
      clientId: 'pleiade',
      acrValues: 'eidas1',
      access: {
        'demo-a': {
          defaultRole: 'agent',
          roles: { admin: ['Admin@demo-a.pleiade.test'], elu: ['elu@demo-a.pleiade.test'] },
        },
        // Only the people named: agent-b is not.
        'demo-b': { roles: { agent: ['someone-else@demo-b.pleiade.test'] } },
      },
    });
    pleiade = await startTestPleiade({
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      SESSION_SECRET,
      PLEIADE_CONFIG_FILE: config.file,
      PC_SECRET: 'pc-secret',
      SEED_DEMO: '1',
    });
  });
  afterAll(async () => {
    await pleiade?.stop();
    await idp?.close();
    await config?.dispose();
  });

  it('asks ProConnect for its scopes, acr_values, state and nonce', async () => {
    const login = await new TestBrowser().request(`${pleiade.url}/auth/login`);
    expect(login.status).toBe(302);
    const authorize = new URL(login.headers.get('location') ?? '');
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('scope')).toBe('openid given_name usual_name email uid siret idp_id');
    expect(authorize.searchParams.get('acr_values')).toBe('eidas1');
    expect(authorize.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    expect(authorize.searchParams.get('nonce')?.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    ['admin', 'Alex Moreau', 'admin'],
    ['elu', 'Dominique Leroy', 'elu'],
    ['agent', 'Camille Martin', 'agent'],
  ])(
    'signs %s into the collectivité of their SIRET (demo-a) as %s, with the role its rules give',
    async (username, name, role) => {
      const browser = await signIn(pleiade.url, username);
      const person = await me(browser, pleiade.url);
      expect(person).toMatchObject({
        displayName: name,
        role,
        collectivite: { slug: 'demo-a', name: 'Commune de démonstration A' },
      });
    },
  );

  it('keeps the session after ProConnect’s short access token, which only served userinfo', async () => {
    const browser = await signIn(pleiade.url, 'agent');
    const board = await api(browser, `${pleiade.url}/api/boards/current`);
    expect(board.status).toBe(200);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(200);
  });

  it('refuses, in French and without a session, an agent whose SIRET is of no collectivité', async () => {
    const done = await attemptSignIn(pleiade.url, 'agent-hors-pleiade');
    expect(done.url.startsWith(`${pleiade.url}/auth/callback?`)).toBe(true);
    expect(done.response.status).toBe(403);
    const html = await done.response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Collectivité non reconnue');
    expect(html).not.toContain(DEMO_SIRETS['hors-pleiade'] ?? 'x');
    expect((await api(done.browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });

  it('refuses a person of an open collectivité whom its rules give no role', async () => {
    const done = await attemptSignIn(pleiade.url, 'agent-b');
    expect(done.response.status).toBe(403);
    expect(await done.response.text()).toContain('Accès non autorisé');
    expect((await api(done.browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });

  it('signs out at ProConnect with the ID token and a state, and comes back', async () => {
    const browser = await signIn(pleiade.url, 'elu');
    const logout = await browser.request(`${pleiade.url}/auth/logout`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(logout.status).toBe(303);
    const endSession = new URL(logout.headers.get('location') ?? '');
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${idp.issuer}/session/end`);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('state')?.length).toBeGreaterThanOrEqual(32);
    const back = await confirmIdpLogout(browser, endSession.href);
    expect(back.url.startsWith(`${pleiade.url}/`)).toBe(true);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });
});

/** Against a fake provider whose userinfo answer is crafted per scenario. */
describe('ProConnect userinfo that cannot be trusted', () => {
  let op: FakeOp;
  let pleiade: TestPleiade;
  let config: Awaited<ReturnType<typeof configFile>>;

  beforeAll(async () => {
    op = await startFakeOp();
    config = await configFile({
      issuer: op.issuer,
      clientId: op.clientId,
      acrValues: 'eidas1',
      access: { 'demo-a': { defaultRole: 'agent' } },
    });
    const port = await freePort();
    pleiade = await startTestPleiade({
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      SESSION_SECRET,
      PLEIADE_CONFIG_FILE: config.file,
      PC_SECRET: op.clientSecret,
      SEED_DEMO: '1',
    });
  });
  afterAll(async () => {
    await pleiade?.stop();
    await op?.close();
    await config?.dispose();
  });
  beforeEach(() => {
    op.claims = { sub: 'pc-7f3a', acr: 'eidas1' };
    op.userinfoClaims = {
      given_name: 'Agent',
      usual_name: 'Témoin',
      email: 'agent.temoin@demo-a.pleiade.test',
      uid: 'atemoin',
      siret: DEMO_SIRETS['demo-a'],
      idp_id: 'fi-demo-a',
    };
    op.userinfoScenario = 'signed-jwt';
  });

  async function attempt() {
    const browser = new TestBrowser();
    const requestsBefore = op.userinfoRequests;
    const { callback } = await signInThroughFakeOp(browser, pleiade.url);
    const meStatus = (await api(browser, `${pleiade.url}/api/me`)).status;
    return { callback, meStatus, userinfoCalled: op.userinfoRequests > requestsBefore };
  }

  it('signs in with a userinfo JWT signed by the provider’s key (control)', async () => {
    const { callback, meStatus, userinfoCalled } = await attempt();
    expect(callback.status).toBe(303);
    expect(meStatus).toBe(200);
    expect(userinfoCalled).toBe(true);
  });

  it.each<UserinfoScenario>([
    'unsigned-alg-none',
    'signed-by-another-key',
    'payload-altered-after-signing',
    'plain-json',
  ])('refuses the sign-in, in French and without a session, when userinfo is %s', async (scenario) => {
    op.userinfoScenario = scenario;
    const { callback, meStatus, userinfoCalled } = await attempt();
    expect(userinfoCalled).toBe(true);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain('La connexion n’a pas abouti');
    expect(meStatus).toBe(401);
  });

  it('refuses an ID token without the authentication level asked (acr_values)', async () => {
    op.claims = { sub: 'pc-7f3a', acr: 'eidas0' };
    const { callback, meStatus } = await attempt();
    expect(callback.status).toBe(400);
    expect(meStatus).toBe(401);
  });

  it('refuses a userinfo answer about another person than the ID token’s', async () => {
    op.userinfoClaims = { ...op.userinfoClaims, sub: 'someone-else' };
    const { callback, meStatus } = await attempt();
    expect(callback.status).toBe(400);
    expect(meStatus).toBe(401);
  });
});

describe('collectivités’ SIRENs', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('are set from the configuration, kept when it says nothing, and never given to two collectivités', async () => {
    await ensureCollectivites(db, [{ slug: 'lyon', name: 'Ville de Lyon', siren: '216901231' }]);
    await ensureCollectivites(db, [{ slug: 'lyon', name: 'Ville de Lyon' }]);
    expect((await db.collectivite.findUnique({ where: { slug: 'lyon' } }))?.siren).toBe('216901231');
    await expect(ensureCollectivites(db, [{ slug: 'givors', name: 'Givors', siren: '216901231' }])).rejects.toThrow(
      'Le SIREN 216901231 de la collectivité « givors » est déjà celui de « lyon ».',
    );
    expect(await db.collectivite.findUnique({ where: { slug: 'givors' } })).toBeNull();
  });
});
