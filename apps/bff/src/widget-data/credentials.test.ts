import { describe, expect, it } from 'vitest';
import type { ConnectorAuthMode, ConnectorKind } from '@pleiade/contracts';
import { connectorConfig } from '../../test/support/connectors.js';
import type { ConnectorSecrets } from '../connector-settings/secrets.js';
import { parseConnectorRow } from '../connectors/connector-config.js';
import type { TargetUser } from '../connectors/operation.js';
import { SecretValue } from '../connectors/secret-box.js';
import { createLogger } from '../logger.js';
import { resolveCredential, TokenExchanger, type CredentialRequest } from './credentials.js';

// Modes that need neither the database (personal secrets) nor a provider (token exchange).
const deps = {
  personal: {} as never,
  exchanger: new TokenExchanger(new Map(), createLogger('silent')),
};

const user: TargetUser = {
  userId: '7d1f3c52-2d4b-4b7e-9d8e-0a6f5c1e2b3a',
  login: 'camille.martin',
  email: 'camille.martin@mairie.test',
  displayName: 'Camille Martin',
};

function request(
  kind: ConnectorKind,
  authMode: ConnectorAuthMode,
  secrets: Record<string, string> = {},
  options: Record<string, unknown> = {},
): CredentialRequest {
  const connector = connectorConfig(kind, { authMode, options });
  const opened: ConnectorSecrets = Object.fromEntries(
    Object.entries(secrets).map(([name, value]) => [name, new SecretValue(value)]),
  );
  return {
    connector,
    secrets: opened,
    user,
    session: { sessionId: 's', providerId: 'demo', accessToken: 'access-token-of-the-session' },
  };
}

describe('resolveCredential', () => {
  it('sends the session’s access token for oidc_token, and refuses without one', async () => {
    expect(await resolveCredential(deps, request('nextcloud', 'oidc_token'))).toEqual({
      ok: true,
      credential: { type: 'bearer', token: 'access-token-of-the-session' },
    });
    const noToken = request('nextcloud', 'oidc_token');
    noToken.session.accessToken = undefined;
    expect(await resolveCredential(deps, noToken)).toEqual({ ok: false, status: 'credentials_refused' });
  });

  it('pre-authenticates the person’s e-mail address at Zimbra, with the connector’s key', async () => {
    expect(await resolveCredential(deps, request('zimbra', 'zimbra_preauth', { preauthKey: 'abc123' }))).toEqual({
      ok: true,
      credential: { type: 'zimbra_preauth', account: 'camille.martin@mairie.test', preauthKey: 'abc123' },
    });
    expect(await resolveCredential(deps, request('zimbra', 'zimbra_preauth'))).toEqual({
      ok: false,
      status: 'not_configured',
    });
  });

  it('logs a service account in as the person: Dovecot master user for IMAP, its own login elsewhere', async () => {
    const secrets = { username: 'pleiade-master', password: 'mot-de-passe-maitre' };
    expect(await resolveCredential(deps, request('imap', 'service_account', secrets))).toEqual({
      ok: true,
      credential: { type: 'basic', username: 'camille.martin*pleiade-master', password: 'mot-de-passe-maitre' },
    });
    expect(await resolveCredential(deps, request('caldav', 'service_account', secrets))).toEqual({
      ok: true,
      credential: { type: 'basic', username: 'pleiade-master', password: 'mot-de-passe-maitre' },
    });
    expect(await resolveCredential(deps, request('caldav', 'service_account', { username: 'x' }))).toEqual({
      ok: false,
      status: 'not_configured',
    });
  });

  it('acts for the session’s person through a Matrix application service, on the configured server name', async () => {
    expect(
      await resolveCredential(
        deps,
        request('matrix', 'service_account', { asToken: 'as-token' }, { serverName: 'mairie.fr' }),
      ),
    ).toEqual({
      ok: true,
      credential: { type: 'matrix_appservice', asToken: 'as-token', userId: '@camille.martin:mairie.fr' },
    });
    // Without a server name: the homeserver's host.
    expect(await resolveCredential(deps, request('matrix', 'service_account', { asToken: 'as-token' }))).toMatchObject({
      credential: { userId: '@camille.martin:app.mairie.test' },
    });
  });

  it('sends nothing only to a Jitsi: another kind in mode none does not even parse', async () => {
    expect(await resolveCredential(deps, request('jitsi', 'none'))).toEqual({
      ok: true,
      credential: { type: 'none' },
    });
    for (const kind of ['nextcloud', 'zimbra', 'matrix', 'imap', 'caldav'] as const) {
      const row = { ...connectorConfig(kind), authMode: 'none', options: {}, allowPrivateNetworks: [] };
      expect(parseConnectorRow(row), kind).toEqual({ ok: false, problem: 'AUTH_MODE' });
    }
  });

  it('refuses a token exchange when the session’s provider is unknown', async () => {
    expect(await resolveCredential(deps, request('nextcloud', 'token_exchange'))).toEqual({
      ok: false,
      status: 'credentials_refused',
    });
  });
});
