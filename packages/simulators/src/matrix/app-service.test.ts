import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../index.js';

const AS_TOKEN = 'as-token-for-tests';
let sims: Simulators;

beforeAll(async () => {
  sims = await startSimulators({
    matrixAppService: { asToken: AS_TOKEN, userNamespaceRegex: '@[a-z-]+:demo-a\\.pleiade\\.test' },
  });
});
afterAll(() => sims.close());

function get(path: string, token: string) {
  return fetch(`${sims.urls.matrix}${path}`, { headers: { Authorization: `Bearer ${token}` } });
}
const as = (userId: string, path = '/_matrix/client/v3/account/whoami') =>
  get(`${path}${path.includes('?') ? '&' : '?'}user_id=${encodeURIComponent(userId)}`, AS_TOKEN);

describe('Matrix application service identity assertion', () => {
  it('acts as a user of its namespace named by user_id (whoami, sync)', async () => {
    const whoami = await as('@agent:demo-a.pleiade.test');
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toEqual({ user_id: '@agent:demo-a.pleiade.test', is_guest: false });

    const sync = await as('@elu:demo-a.pleiade.test', '/_matrix/client/v3/sync?timeout=0');
    expect(sync.status).toBe(200);
    const body = (await sync.json()) as { rooms: { join: Record<string, unknown> } };
    expect(Object.keys(body.rooms.join).sort()).toEqual(['!culture:demo-a.pleiade.test', '!elus:demo-a.pleiade.test']);
  });

  it('is the sender user without user_id', async () => {
    const res = await get('/_matrix/client/v3/account/whoami', AS_TOKEN);
    expect(await res.json()).toEqual({ user_id: '@pleiade:pleiade.test', is_guest: false });
    expect(sims.credentials.matrixAppService).toEqual({
      asToken: AS_TOKEN,
      userNamespaceRegex: '@[a-z-]+:demo-a\\.pleiade\\.test',
      senderUserId: '@pleiade:pleiade.test',
    });
  });

  it('refuses users outside its namespace, even by a prefix trick, with M_FORBIDDEN', async () => {
    for (const userId of ['@agent-b:demo-b.pleiade.test', '@agent:demo-a.pleiade.test.evil.org']) {
      const res = await as(userId, '/_matrix/client/v3/sync?timeout=0');
      expect(res.status, userId).toBe(403);
      expect(await res.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    }
    const unknown = await as('@personne:demo-a.pleiade.test');
    expect(unknown.status).toBe(403);
  });

  it('refuses a wrong as_token with M_UNKNOWN_TOKEN, and users keep their own tokens', async () => {
    const res = await get('/_matrix/client/v3/account/whoami?user_id=%40agent%3Ademo-a.pleiade.test', 'wrong');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
    // A user's own token ignores user_id: no one masquerades without the as_token.
    const own = await get(
      '/_matrix/client/v3/account/whoami?user_id=%40elu%3Ademo-a.pleiade.test',
      sims.credentials.matrix.agent!.accessToken,
    );
    expect(await own.json()).toMatchObject({ user_id: '@agent:demo-a.pleiade.test' });
  });

  it('is off without the option', async () => {
    const plain = await startSimulators();
    try {
      const res = await fetch(
        `${plain.urls.matrix}/_matrix/client/v3/account/whoami?user_id=@agent:demo-a.pleiade.test`,
        {
          headers: { Authorization: `Bearer ${AS_TOKEN}` },
        },
      );
      expect(res.status).toBe(401);
      expect(plain.credentials.matrixAppService).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
