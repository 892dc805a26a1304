import { CONNECTOR_AUTH_MODES } from '@pleiade/contracts';
import { describe, expect, it } from 'vitest';
import { FAILURE_MESSAGES, failureMessage } from './states.js';

describe('failureMessage', () => {
  it('says what to do about a refused credential according to where it came from', () => {
    expect(failureMessage('credentials_refused', 'oidc_token')).toMatch(/reconnectez-vous/);
    // A token the person typed is not renewed by signing in again: they are asked for a new one.
    expect(failureMessage('credentials_refused', 'personal_secret')).toMatch(/saisissez-en un nouveau/);
    expect(failureMessage('credentials_refused', 'personal_secret')).not.toMatch(/reconnectez/);
    expect(failureMessage('credentials_refused', 'service_account')).toMatch(/administrateur/);
    expect(failureMessage('credentials_refused', 'service_account')).not.toMatch(/reconnectez/);
    for (const mode of CONNECTOR_AUTH_MODES) expect(failureMessage('credentials_refused', mode)).not.toBe('');
  });

  it('keeps the one message of every other state, whatever the mode', () => {
    expect(failureMessage('timeout', 'personal_secret')).toBe(FAILURE_MESSAGES.timeout);
    expect(failureMessage('credentials_refused')).toBe(FAILURE_MESSAGES.credentials_refused);
  });
});
