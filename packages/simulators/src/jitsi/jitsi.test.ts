import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../index.js';

const SECRET = 'jitsi-test-secret';
const APP_ID = 'pleiade-test';

/** HS256 JWT as the BFF mints it for Jitsi (lib-jitsi-meet doc/tokens.md). */
function jwt(claims: Record<string, unknown>, secret = SECRET, alg = 'HS256'): string {
  const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const unsigned = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: APP_ID,
  aud: 'jitsi',
  sub: '127.0.0.1',
  room: 'conseil-municipal',
  exp: nowSeconds() + 300,
  context: { user: { name: 'Dominique Leroy', email: 'elu@demo-a.pleiade.test' } },
  ...overrides,
});

describe('Jitsi simulator without token authentication', () => {
  let sims: Simulators;
  beforeAll(async () => {
    sims = await startSimulators();
  });
  afterAll(() => sims.close());

  it('answers the meeting page of any room, text-escaped, and records the join', async () => {
    const res = await fetch(`${sims.urls.jitsi}/Point-Hebdo`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain('<title>Visio point-hebdo</title>');
    expect(sims.jitsiJoins().map((j) => j.room)).toEqual(['point-hebdo']);
    expect(sims.credentials.jitsi).toBeUndefined();

    const hostile = await fetch(`${sims.urls.jitsi}/${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    const html = await hostile.text();
    expect(html).not.toContain('<img');
    expect(html).toContain('Visio &#60;img src=x onerror=alert(1)&#62;');
  });

  it('knows as rooms only the names jitsi-meet’s web server routes to a meeting', async () => {
    // nginx `location ~ ^/([^/?&:'"]+)$`, on the decoded path: these are no meeting.
    for (const name of ['a:b', 'a&b', "l'équipe", 'a"b', 'a/b', 'a?b']) {
      expect((await fetch(`${sims.urls.jitsi}/${encodeURIComponent(name)}`)).status, name).toBe(404);
    }
    expect((await fetch(`${sims.urls.jitsi}/${encodeURIComponent('réunion-été')}`)).status).toBe(200);
  });

  it('has a home page at the root, and no page below a room', async () => {
    const home = await fetch(`${sims.urls.jitsi}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Jitsi Meet');
    expect((await fetch(`${sims.urls.jitsi}/a/b`)).status).toBe(404);
  });
});

describe('Jitsi simulator with token authentication', () => {
  let sims: Simulators;
  beforeAll(async () => {
    sims = await startSimulators({ jitsiJwt: { secret: SECRET, appId: APP_ID } });
  });
  afterAll(() => sims.close());
  beforeEach(() => sims.clearJitsiJoins());

  const join = (room: string, token?: string) =>
    fetch(`${sims.urls.jitsi}/${room}${token === undefined ? '' : `?jwt=${token}`}`);

  it('exposes what prosody is configured with', () => {
    expect(sims.credentials.jitsi).toEqual({ appId: APP_ID, secret: SECRET, audiences: ['jitsi'] });
  });

  it('lets in a valid token for the room, or for every room with room "*"', async () => {
    const res = await join('Conseil-Municipal', jwt(claims()));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Visio conseil-municipal');
    expect((await join('autre-salle', jwt(claims({ room: '*', sub: '*' })))).status).toBe(200);
    expect(sims.jitsiJoins()).toEqual([
      { room: 'conseil-municipal', at: expect.any(Date), displayName: 'Dominique Leroy' },
      { room: 'autre-salle', at: expect.any(Date), displayName: 'Dominique Leroy' },
    ]);
  });

  it('answers 401 without a token or with a token that is not valid', async () => {
    const refused: [string, string | undefined][] = [
      ['no token', undefined],
      ['garbage', 'abc.def'],
      ['wrong secret', jwt(claims(), 'another-secret')],
      ['alg none', jwt(claims(), SECRET, 'none')],
      ['expired', jwt(claims({ exp: nowSeconds() - 1 }))],
      ['no exp', jwt(claims({ exp: undefined }))],
      ['not yet valid', jwt(claims({ nbf: nowSeconds() + 600 }))],
      ['other issuer', jwt(claims({ iss: 'someone-else' }))],
      ['other audience', jwt(claims({ aud: 'matrix' }))],
    ];
    for (const [why, token] of refused) {
      const res = await join('conseil-municipal', token);
      expect(res.status, why).toBe(401);
      expect(await res.text(), why).toContain('<h1>Authentification');
    }
    expect(sims.jitsiJoins()).toEqual([]);
  });

  it('answers 403 for a valid token of another room or domain', async () => {
    const other = await join('commission-finances', jwt(claims()));
    expect(other.status).toBe(403);
    expect(await other.text()).toContain('Accès refusé');
    expect((await join('conseil-municipal', jwt(claims({ sub: 'meet.example.org' })))).status).toBe(403);
    expect(sims.jitsiJoins()).toEqual([]);
  });
});
