import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meSchema } from '@pleiade/contracts';
import { startDevIdp, type DevIdp } from '@pleiade/dev-idp';
import { attemptSignIn, signIn } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';
import { freePort } from '../../src/net.js';

/** Two OpenID providers, each vouching for one collectivité only (PLEIADE_CONFIG_FILE). */
describe('several OpenID providers', () => {
  let pleiade: TestPleiade;
  let idpA: DevIdp;
  let idpB: DevIdp;
  let dir: string;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://localhost:${port}`;
    const client = (secret: string) => ({
      clientId: 'pleiade',
      clientSecret: secret,
      redirectUris: [`${publicUrl}/auth/callback`],
      postLogoutRedirectUris: [`${publicUrl}/`],
    });
    idpA = await startDevIdp({ port: 0, clients: [client('secret-a')] });
    idpB = await startDevIdp({ port: 0, clients: [client('secret-b')] });
    dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-providers-'));
    const file = path.join(dir, 'pleiade.json');
    const roles = { agent: ['agents'], elu: ['elus'], admin: ['admins-{collectivite}'] };
    await writeFile(
      file,
      JSON.stringify({
        providers: [
          {
            id: 'ville-a',
            label: 'Agents de la commune A',
            issuer: idpA.issuer,
            clientId: 'pleiade',
            clientSecretEnv: 'SECRET_A',
            collectivites: ['demo-a'],
            roles,
          },
          {
            id: 'cc-b',
            label: 'Agents de la communauté B',
            issuer: idpB.issuer,
            clientId: 'pleiade',
            clientSecretEnv: 'SECRET_B',
            collectivites: ['demo-b'],
            roles,
          },
        ],
        collectivites: [
          { slug: 'demo-a', name: 'Commune A', appLinks: [{ label: 'Intranet A', url: 'https://intranet.a.test/' }] },
          { slug: 'demo-b', name: 'Communauté B' },
        ],
      }),
    );
    pleiade = await startTestPleiade({
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      SESSION_SECRET: 's'.repeat(40),
      PLEIADE_CONFIG_FILE: file,
      SECRET_A: 'secret-a',
      SECRET_B: 'secret-b',
    });
  });
  afterAll(async () => {
    await pleiade?.stop();
    await idpA?.close();
    await idpB?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('offers the choice of provider on the sign-in page', async () => {
    const response = await fetch(`${pleiade.url}/auth/login`, { redirect: 'manual' });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('href="/auth/login?provider=ville-a"');
    expect(html).toContain('Agents de la communauté B');
    expect((await fetch(`${pleiade.url}/auth/login?provider=inconnu`, { redirect: 'manual' })).status).toBe(404);
  });

  it('signs each person in through the provider of their collectivité', async () => {
    const agentA = await signIn(pleiade.url, 'agent', 'demo', '/auth/login?provider=ville-a');
    const meA = meSchema.parse(await (await api(agentA, `${pleiade.url}/api/me`)).json());
    expect(meA.collectivite).toMatchObject({ slug: 'demo-a', name: 'Commune A' });
    const links = (await (await api(agentA, `${pleiade.url}/api/apps`)).json()) as { links: { label: string }[] };
    expect(links.links.map((link) => link.label)).toEqual(['Intranet A']);

    const agentB = await signIn(pleiade.url, 'agent-b', 'demo', '/auth/login?provider=cc-b');
    expect(meSchema.parse(await (await api(agentB, `${pleiade.url}/api/me`)).json()).collectivite.slug).toBe('demo-b');
  });

  it('refuses a provider vouching for a collectivité it is not bound to', async () => {
    // idpB knows the account "agent" of demo-a, but cc-b may only sign people into demo-b.
    const done = await attemptSignIn(pleiade.url, 'agent', 'demo', '/auth/login?provider=cc-b');
    const browser = done.browser;
    expect(done.response.status).toBe(403);
    expect(await done.response.text()).toContain('Collectivité non reconnue');
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });
});

describe('roles from groups', () => {
  let pleiade: TestPleiade;
  beforeAll(async () => {
    pleiade = await startTestPleiade();
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  it.each([
    ['agent', 'agent'],
    ['elu', 'elu'],
    ['admin', 'admin'],
    ['operateur', 'operator'],
  ])('gives %s the role %s, refreshed from the groups at every sign-in', async (username, role) => {
    const browser = await signIn(pleiade.url, username);
    expect(meSchema.parse(await (await api(browser, `${pleiade.url}/api/me`)).json()).role).toBe(role);
  });
});
