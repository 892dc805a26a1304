import { describe, expect, it } from 'vitest';
import { checkCredentialForm, credentialFormOf } from './credential-form';

describe('personal credential form', () => {
  it('sends the secret alone when the identifiant is left empty', () => {
    expect(checkCredentialForm({ username: '   ', secret: 'abcd-efgh' })).toEqual({
      ok: true,
      request: { secret: 'abcd-efgh' },
    });
  });

  it('trims the identifiant but sends the secret exactly as typed', () => {
    expect(checkCredentialForm({ username: ' cmartin ', secret: ' a b ' })).toEqual({
      ok: true,
      request: { username: 'cmartin', secret: ' a b ' },
    });
  });

  it('asks for the secret in French', () => {
    expect(checkCredentialForm({ username: 'cmartin', secret: '' })).toEqual({
      ok: false,
      errors: { secret: 'Le mot de passe d’application ou le jeton est requis.' },
    });
  });

  it('reports both fields when both are too long', () => {
    const check = checkCredentialForm({ username: 'u'.repeat(201), secret: 's'.repeat(4097) });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.username).toMatch(/200 caractères/);
    expect(check.errors.secret).toMatch(/trop long/);
  });

  it('names the secret as the application calls it, and asks a login only when the secret does not name one', () => {
    expect(credentialFormOf('matrix')).toEqual({ secretLabel: 'Jeton d’accès', askUsername: false });
    expect(credentialFormOf('nextcloud')).toEqual({ secretLabel: 'Mot de passe d’application', askUsername: true });
  });
});
