import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS, connectorDefinition, secretFieldsOf } from '@pleiade/contracts';
import { testId } from '../test/factories';
import { authModesFor, missingSecrets, secretLabel, settingsProblems } from './auth-requirements';

describe('authentication requirements', () => {
  it('offer each kind its suggested mode, and keep a stored mode even if unusual', () => {
    for (const kind of CONNECTOR_KINDS) {
      const suggested = connectorDefinition(kind).suggestedAuthMode;
      expect(authModesFor(kind, suggested)).toContain(suggested);
    }
    expect(authModesFor('nextcloud', 'oidc_token')).not.toContain('zimbra_preauth');
    expect(authModesFor('nextcloud', 'none')).toContain('none');
  });

  it('name the secrets a mode cannot work without', () => {
    expect(missingSecrets('zimbra', 'zimbra_preauth', [])).toEqual(['preauthKey']);
    expect(missingSecrets('imap', 'service_account', ['username'])).toEqual(['password']);
    expect(missingSecrets('matrix', 'service_account', [])).toEqual(['asToken']);
    expect(missingSecrets('nextcloud', 'oidc_token', [])).toEqual([]);
    // Jitsi works without its JWT secret (links without a token).
    expect(secretFieldsOf('jitsi', 'none').map((secret) => secret.name)).toEqual(['jwtSecret']);
    expect(missingSecrets('jitsi', 'none', [])).toEqual([]);
    // Shown to people under their French names; a name the kind does not know stays as it is.
    expect(secretLabel('matrix', 'asToken')).toBe('Jeton du service d’application (as_token)');
    expect(secretLabel('zimbra', 'spare')).toBe('spare');
  });

  it('name in words the settings a connector can no longer work with', () => {
    const connector = {
      id: testId(),
      kind: 'zimbra' as const,
      label: 'Messagerie',
      baseUrl: 'https://mail.mairie.test',
      authMode: 'zimbra_preauth' as const,
      options: {},
      secretNames: ['preauthKey'],
      allowPrivateNetworks: [],
      enabled: true,
      createdAt: '2026-11-30T08:00:00.000Z',
      updatedAt: '2026-11-30T08:00:00.000Z',
    };
    expect(settingsProblems(connector)).toEqual([]);
    expect(settingsProblems({ ...connector, authMode: 'oidc_token', options: { port: 993 } })).toEqual([
      'Le mode « Jeton OpenID Connect de l’agent » n’est pas possible pour Zimbra : choisissez-en un autre.',
      'Des options ne conviennent plus à cette application : vérifiez-les.',
    ]);
  });
});
