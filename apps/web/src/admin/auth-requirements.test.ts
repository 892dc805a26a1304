import { describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS } from '@pleiade/contracts';
import { authModesFor, expectedSecrets, missingSecrets } from './auth-requirements';
import { SUGGESTED_AUTH_MODE } from './labels';

describe('authentication requirements', () => {
  it('offer each kind its suggested mode, and keep a stored mode even if unusual', () => {
    for (const kind of CONNECTOR_KINDS)
      expect(authModesFor(kind, SUGGESTED_AUTH_MODE[kind])).toContain(SUGGESTED_AUTH_MODE[kind]);
    expect(authModesFor('nextcloud', 'oidc_token')).not.toContain('zimbra_preauth');
    expect(authModesFor('nextcloud', 'none')).toContain('none');
  });

  it('name the secrets a mode cannot work without', () => {
    expect(missingSecrets('zimbra', 'zimbra_preauth', [])).toEqual(['preauthKey']);
    expect(missingSecrets('imap', 'service_account', ['username'])).toEqual(['password']);
    expect(missingSecrets('matrix', 'service_account', [])).toEqual(['asToken']);
    expect(missingSecrets('nextcloud', 'oidc_token', [])).toEqual([]);
    // Jitsi works without its JWT secret (links without a token).
    expect(expectedSecrets('jitsi', 'none').map((secret) => secret.name)).toEqual(['jwtSecret']);
    expect(missingSecrets('jitsi', 'none', [])).toEqual([]);
  });
});
