import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../index.js';

// A stand-in OpenID provider userinfo endpoint (the network edge): two valid tokens.
const CLAIMS: Record<string, object> = {
  'token-of-elu': { sub: 'f3a1-elu', preferred_username: 'elu', name: 'Dominique Leroy' },
  'token-without-username': { sub: 'f3a1-x' },
};
let provider: Server;
let userinfoUrl: string;
let clock = new Date('2026-03-02T09:00:00Z');
let sims: Simulators;

beforeAll(async () => {
  provider = createServer((req, res) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const claims = req.url === '/me' ? CLAIMS[token] : undefined;
    if (req.url === '/broken') {
      res.writeHead(502).end();
      return;
    }
    if (!claims) {
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(claims));
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  userinfoUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/me`;
  sims = await startSimulators({ nextcloudBearerUserinfoUrl: userinfoUrl, now: () => clock });
});
afterAll(async () => {
  await sims.close();
  await new Promise((resolve) => provider.close(resolve));
});

const notifications = (sim: Simulators, authorization: string) =>
  fetch(`${sim.urls.nextcloud}/ocs/v2.php/apps/notifications/api/v2/notifications?format=json`, {
    headers: { 'OCS-APIRequest': 'true', Authorization: authorization },
  });

describe('Nextcloud bearer validation at the provider userinfo endpoint', () => {
  it('maps preferred_username to the Nextcloud user, and reuses the answer for a while', async () => {
    const before = sims.nextcloudUserinfoCalls();
    const res = await notifications(sims, 'Bearer token-of-elu');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ocs: { data: { user: string }[] } };
    expect(body.ocs.data.length).toBeGreaterThan(0);
    expect(body.ocs.data.every((n) => n.user === 'elu')).toBe(true);
    expect((await notifications(sims, 'Bearer token-of-elu')).status).toBe(200);
    expect(sims.nextcloudUserinfoCalls() - before).toBe(1);

    clock = new Date(clock.getTime() + 31_000);
    expect((await notifications(sims, 'Bearer token-of-elu')).status).toBe(200);
    expect(sims.nextcloudUserinfoCalls() - before).toBe(2);
  });

  it('refuses a token the provider refuses, or one without the uid claim (401, OCS 997)', async () => {
    for (const token of ['revoked-token', 'token-without-username']) {
      const res = await notifications(sims, `Bearer ${token}`);
      expect(res.status, token).toBe(401);
      expect(await res.json()).toMatchObject({ ocs: { meta: { statuscode: 997 } } });
    }
  });

  it('keeps the demo app passwords and bearer tokens working without asking the provider', async () => {
    const before = sims.nextcloudUserinfoCalls();
    const c = sims.credentials.nextcloud.agent!;
    const basic = `Basic ${Buffer.from(`${c.user}:${c.appPassword}`).toString('base64')}`;
    expect((await notifications(sims, basic)).status).toBe(200);
    expect((await notifications(sims, `Bearer ${c.bearerToken}`)).status).toBe(200);
    expect(sims.nextcloudUserinfoCalls()).toBe(before);
  });

  it('takes another uid claim, and does not cache a provider failure', async () => {
    const bySub = await startSimulators({
      nextcloudBearerUserinfoUrl: userinfoUrl,
      nextcloudBearerUidClaim: 'sub',
      resolveNextcloudBearer: async (token) => (token === 'custom' ? 'admin' : undefined),
    });
    const broken = await startSimulators({ nextcloudBearerUserinfoUrl: userinfoUrl.replace(/\/me$/, '/broken') });
    try {
      // `sub` of the elu token is not a Nextcloud user of the simulator.
      expect((await notifications(bySub, 'Bearer token-of-elu')).status).toBe(401);
      // resolveNextcloudBearer may answer asynchronously, and is asked first.
      expect((await notifications(bySub, 'Bearer custom')).status).toBe(200);
      expect((await notifications(broken, 'Bearer token-of-elu')).status).toBe(401);
      expect((await notifications(broken, 'Bearer token-of-elu')).status).toBe(401);
      expect(broken.nextcloudUserinfoCalls()).toBe(2);
    } finally {
      await Promise.all([bySub.close(), broken.close()]);
    }
  });
});
