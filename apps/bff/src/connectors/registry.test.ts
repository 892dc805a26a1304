import {
  CONNECTOR_KINDS,
  authModeSpec,
  authModesOf,
  connectorDefinition,
  connectorKindLabel,
  secretFieldsOf,
  type ConnectorKind,
} from '@pleiade/contracts';
import { SIMULATED_APPS, type SimulatedApp } from '@pleiade/simulators';
import { describe, expect, it } from 'vitest';
import { connectorConfig, testUser } from '../../test/support/connectors.js';
import type { CredentialInput } from './definition.js';
import { CONNECTORS, connectorOf } from './registry.js';
import { SecretValue } from './secret-box.js';

/**
 * What each kind is read against in the tests: its simulator (packages/simulators), or the real
 * server the mailcal tier starts (Dovecot, Radicale). Typed by ConnectorKind: a new kind without
 * an answer here does not compile.
 */
const TESTED_AGAINST: { readonly [K in ConnectorKind]: { simulator: SimulatedApp } | { realServer: string } } = {
  nextcloud: { simulator: 'nextcloud' },
  zimbra: { simulator: 'zimbra' },
  matrix: { simulator: 'matrix' },
  imap: { realServer: 'Dovecot (test/mailcal)' },
  caldav: { realServer: 'Radicale (test/mailcal)' },
  jitsi: { simulator: 'jitsi' },
  iparapheur: { simulator: 'iparapheur' },
  s2low: { simulator: 's2low' },
  idelibre: { simulator: 'idelibre' },
  pastell: { simulator: 'pastell' },
  news: { simulator: 'feeds' },
  business: { simulator: 'finance' },
  glpi: { simulator: 'glpi' },
};

describe('the connector registry', () => {
  it('has, for every kind of the contracts, its implementation, a label and something to be tested against', () => {
    expect(Object.keys(CONNECTORS).sort()).toEqual([...CONNECTOR_KINDS].sort());
    for (const kind of CONNECTOR_KINDS) {
      expect(connectorKindLabel(kind).length, kind).toBeGreaterThan(0);
      const target = TESTED_AGAINST[kind];
      if ('simulator' in target) expect(SIMULATED_APPS, kind).toContain(target.simulator);
    }
  });

  it('reads every widget its definition feeds (the visio widget is composed by the route)', () => {
    for (const kind of CONNECTOR_KINDS) {
      const feeds = connectorDefinition(kind).feeds.filter((widget) => widget !== 'visio');
      expect(Object.keys(connectorOf(kind).operations).sort(), kind).toEqual([...feeds].sort());
      for (const entry of Object.values(connectorOf(kind).operations)) {
        expect(entry.ttlMs, kind).toBeGreaterThanOrEqual(10_000);
        expect(entry.ttlMs, kind).toBeLessThanOrEqual(15 * 60_000);
      }
      expect(connectorOf(kind).probePath, kind).toMatch(/^\//);
    }
  });

  it('resolves every mode of every kind to the credential its definition names', async () => {
    for (const kind of CONNECTOR_KINDS) {
      expect(Object.keys(connectorOf(kind).credentials).sort(), kind).toEqual(authModesOf(kind).sort());
      for (const mode of authModesOf(kind)) {
        const adapter = connectorOf(kind).credentials[mode];
        const secrets = Object.fromEntries(
          secretFieldsOf(kind, mode).map((secret) => [secret.name, new SecretValue(`${secret.name}-value`)]),
        );
        const input: CredentialInput = {
          connector: connectorConfig(kind, { authMode: mode }),
          secrets,
          user: { ...testUser, email: 'agent@mairie.test' },
          session: { sessionId: 's', providerId: 'demo', accessToken: 'session-token' },
          personal: () => Promise.resolve({ username: null, secret: new SecretValue('own'), updatedAt: new Date(0) }),
          exchange: () => Promise.resolve({ ok: true, credential: { type: 'bearer', token: 'exchanged' } }),
        };
        const resolved = await adapter?.resolve(input);
        expect(resolved?.ok, `${kind} ${mode}`).toBe(true);
        if (resolved?.ok)
          expect(resolved.credential.type, `${kind} ${mode}`).toBe(authModeSpec(kind, mode)?.credential);
      }
    }
  });

  it('answers « à configurer » when a required secret of the mode is missing', async () => {
    for (const kind of CONNECTOR_KINDS) {
      for (const mode of authModesOf(kind)) {
        if (!secretFieldsOf(kind, mode).some((secret) => !secret.optional)) continue;
        const resolved = await connectorOf(kind).credentials[mode]?.resolve({
          connector: connectorConfig(kind, { authMode: mode }),
          secrets: {},
          user: { ...testUser, email: 'agent@mairie.test' },
          session: { sessionId: 's', providerId: 'demo', accessToken: 'session-token' },
          personal: () => Promise.resolve(undefined),
          exchange: () => Promise.resolve({ ok: false, status: 'credentials_refused' }),
        });
        expect(resolved, `${kind} ${mode}`).toEqual({ ok: false, status: 'not_configured' });
      }
    }
  });

  it('shares the Nextcloud dashboard cache across the collectivité only when read with the service account', () => {
    const { operations } = CONNECTORS.nextcloud;
    expect(operations['nextcloud-dashboard'].scope(connectorConfig('nextcloud', { authMode: 'service_account' }))).toBe(
      'collectivite',
    );
    expect(operations['nextcloud-dashboard'].scope(connectorConfig('nextcloud', { authMode: 'oidc_token' }))).toBe(
      'user',
    );
    expect(
      operations['nextcloud-notifications'].scope(connectorConfig('nextcloud', { authMode: 'service_account' })),
    ).toBe('user');
    expect(CONNECTORS.nextcloud.clientHeaders).toMatchObject({ 'OCS-APIRequest': 'true' });
  });
});
