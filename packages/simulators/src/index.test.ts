import { describe, expect, it } from 'vitest';
import { DEMO_USERS, parisTimeToday, SIMULATED_APPS, startSimulators } from './index.js';

describe('startSimulators', () => {
  it('starts one loopback server per application and exposes credentials for every demo user', async () => {
    const sims = await startSimulators({ zimbraPreauthKeys: { 'demo-a.pleiade.test': 'ab'.repeat(32) } });
    try {
      for (const [app, url] of Object.entries(sims.urls)) {
        // S2low is reached over HTTPS only (client certificate); the others over plain HTTP.
        expect(url).toMatch(app === 's2low' ? /^https:\/\/127\.0\.0\.1:\d+$/ : /^http:\/\/127\.0\.0\.1:\d+$/);
      }
      expect(new Set(Object.values(sims.urls)).size).toBe(SIMULATED_APPS.length);
      const usernames = ['agent', 'elu', 'admin', 'operateur', 'agent-b', 'admin-b'];
      expect(Object.keys(sims.credentials.nextcloud).sort()).toEqual([...usernames].sort());
      expect(Object.keys(sims.credentials.matrix).sort()).toEqual([...usernames].sort());
      expect(sims.credentials.zimbra.preauthKeys['demo-a.pleiade.test']).toBe('ab'.repeat(32));
      expect(sims.credentials.zimbra.preauthKeys['demo-b.pleiade.test']).toMatch(/^[0-9a-f]{64}$/);
      expect(sims.getFault('nextcloud')).toBe('none');
      // i-Parapheur: the people who sign (not admin-b, who administers demo-b).
      expect(Object.keys(sims.credentials.iparapheur.accounts).sort()).toEqual(
        usernames.filter((username) => username !== 'admin-b').sort(),
      );
      expect(Object.keys(sims.credentials.s2low.accounts).sort()).toEqual(['demo-a', 'demo-b']);
      expect(sims.credentials.s2low.ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(Object.keys(sims.credentials.idelibre).sort()).toEqual(['demo-a', 'demo-b']);
      expect(sims.credentials.pastell['pleiade-technique']?.token).toBeTruthy();
    } finally {
      await sims.close();
    }
  });

  it('answers the public endpoints a connection test reads, without credentials', async () => {
    const sims = await startSimulators();
    try {
      const status = await fetch(`${sims.urls.nextcloud}/status.php`);
      expect(status.status).toBe(200);
      expect(await status.json()).toMatchObject({ installed: true, maintenance: false, productname: 'Nextcloud' });
      const versions = await fetch(`${sims.urls.matrix}/_matrix/client/versions`);
      expect(versions.status).toBe(200);
      expect(((await versions.json()) as { versions: string[] }).versions).toContain('v1.11');
      expect((await fetch(`${sims.urls.zimbra}/`)).status).toBe(200);
      expect((await fetch(`${sims.urls.jitsi}/`)).status).toBe(200);
      // Everything else still wants credentials.
      expect((await fetch(`${sims.urls.matrix}/_matrix/client/v3/sync`)).status).toBe(401);
    } finally {
      await sims.close();
    }
  });

  it('close() returns even while a request hangs', async () => {
    const sims = await startSimulators();
    sims.setFault('matrix', 'hang');
    const pending = fetch(`${sims.urls.matrix}/_matrix/client/v3/account/whoami`).catch(() => 'closed');
    await new Promise((r) => setTimeout(r, 50));
    await sims.close();
    expect(await pending).toBe('closed');
  });

  it('demo data: distinct credentials per user', () => {
    const tokens = DEMO_USERS.flatMap((u) => [
      u.nextcloud.appPassword,
      u.matrix.accessToken,
      ...u.nextcloud.bearerTokens,
    ]);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('parisTimeToday handles summer and winter time', () => {
    expect(parisTimeToday(new Date('2026-07-01T10:00:00Z'), '14:00').toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(parisTimeToday(new Date('2026-01-15T10:00:00Z'), '14:00').toISOString()).toBe('2026-01-15T13:00:00.000Z');
    // 23:30 UTC on 1 July is already 2 July in Paris.
    expect(parisTimeToday(new Date('2026-07-01T23:30:00Z'), '09:00').toISOString()).toBe('2026-07-02T07:00:00.000Z');
  });
});
