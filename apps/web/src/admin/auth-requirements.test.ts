import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS, connectorDefinition, secretFieldsOf } from '@pleiade/contracts';
import { authModesFor, missingSecrets } from './auth-requirements';

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
  });
});
