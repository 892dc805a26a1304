import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { ApiError, apiErrorFromResponse, errorMessage, isTransientError, networkError } from './errors';
import { shouldRetry } from './queries';

describe('apiErrorFromResponse', () => {
  it('rebuilds a typed error from the API error body', () => {
    const error = apiErrorFromResponse(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'La requête est invalide.',
        requestId: 'req-42',
        details: [{ path: 'widgets.0.layout.lg.w', message: 'Largeur hors limites (2 à 12).' }],
      },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(Error);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('La requête est invalide.');
    expect(error.requestId).toBe('req-42');
    expect(error.details).toEqual([{ path: 'widgets.0.layout.lg.w', message: 'Largeur hors limites (2 à 12).' }]);
  });

  it('keeps the conflict code of a 409', () => {
    const error = apiErrorFromResponse(409, {
      error: { code: 'BOARD_VERSION_CONFLICT', message: 'Version périmée.', requestId: 'r1' },
    });
    expect(error.code).toBe('BOARD_VERSION_CONFLICT');
    expect(error.details).toEqual([]);
  });

  it('falls back to a French message and a code derived from the status for foreign bodies', () => {
    const error = apiErrorFromResponse(502, '<html>Bad gateway</html>', 'hdr-1');
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/HTTP 502/);
    expect(error.requestId).toBe('hdr-1');

    expect(apiErrorFromResponse(401, undefined).code).toBe('UNAUTHENTICATED');
    expect(apiErrorFromResponse(409, { error: 'nope' }).code).toBe('BOARD_VERSION_CONFLICT');
  });

  it('rejects a body whose code is not one of the contract codes', () => {
    const error = apiErrorFromResponse(403, { error: { code: 'NOPE', message: 'x', requestId: 'r' } });
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).not.toBe('x');
  });
});

describe('retry policy', () => {
  it('retries network failures and 5xx, not 4xx nor unknown errors', () => {
    expect(isTransientError(networkError())).toBe(true);
    expect(isTransientError(apiErrorFromResponse(503, undefined))).toBe(true);
    expect(isTransientError(apiErrorFromResponse(404, undefined))).toBe(false);
    expect(isTransientError(apiErrorFromResponse(401, undefined))).toBe(false);
    expect(isTransientError(new Error('boom'))).toBe(false);
  });

  it('stops after two retries', () => {
    const error = networkError();
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, error)).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
    expect(shouldRetry(0, apiErrorFromResponse(400, undefined))).toBe(false);
  });

  it('gives a readable message for anything thrown', () => {
    expect(errorMessage(networkError())).toMatch(/Impossible de joindre/);
    expect(errorMessage('oops')).toBe('Une erreur inattendue est survenue.');
  });
});

describe('the SPA’s own messages in English', () => {
  afterEach(async () => {
    await setLanguage('fr');
  });

  it('words the failures the SPA names itself in the interface’s language, keeps the codes and the server’s words', async () => {
    await setLanguage('en');
    expect(errorMessage(networkError())).toBe(
      'Cannot reach the Pléiade server. Check your connection, then try again.',
    );
    expect(errorMessage('oops')).toBe('An unexpected error occurred.');
    const forbidden = apiErrorFromResponse(403, '<html>Forbidden</html>');
    expect([forbidden.code, forbidden.message]).toEqual(['FORBIDDEN', 'You are not allowed to do this.']);
    expect(apiErrorFromResponse(502, undefined).message).toBe(
      'The server ran into an error (HTTP 502). Try again in a moment.',
    );
    expect(apiErrorFromResponse(418, undefined).message).toBe('The request failed (HTTP 418).');
    const fromServer = apiErrorFromResponse(409, {
      error: { code: 'BOARD_VERSION_CONFLICT', message: 'Version périmée.', requestId: 'r1' },
    });
    expect(errorMessage(fromServer)).toBe('Version périmée.');
  });

  it('words a network failure again when the language changed since', async () => {
    const failure = networkError();
    expect(errorMessage(failure)).toMatch(/^Impossible de joindre/);
    await setLanguage('en');
    expect(errorMessage(failure)).toMatch(/^Cannot reach/);
  });
});
