import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The test LemonLDAP::NG 2.16 of ../shared/idp/lemonldap (see its README) and how this suite talks
 * to it. The port is fixed: it is part of the redirect URIs registered at the provider by
 * scripts/lemonldap.mjs (keep both in step).
 */
export const INTEROP_PORT = 3190;
export const INTEROP_BASE_URL = `http://localhost:${INTEROP_PORT}`;
export const LEMONLDAP_ISSUER = 'http://auth.pleiade.localhost:8480';
export const LEMONLDAP_PORTAL = `${LEMONLDAP_ISSUER}/`;
/** Password of every directory user. */
export const LEMONLDAP_PASSWORD = 'Pleiade2024';
export const FRONTCHANNEL_LOGOUT_PATH = '/auth/frontchannel-logout';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const IDP_ENV_FILE = '/etc/pleiade-idp/idp.env';
const HOW_TO_SET_UP = 'as root: node scripts/lemonldap.mjs (or `npm test -- --only=interop`, which does it)';

/**
 * Fails early, with what to do, when the provider does not answer or was set up without this
 * suite's relying-party settings (a suite that could only fail at the first sign-in otherwise).
 */
export async function assertLemonldapReady(): Promise<void> {
  let issuer: unknown;
  try {
    const response = await fetch(`${LEMONLDAP_ISSUER}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(10_000),
    });
    issuer = ((await response.json()) as { issuer?: unknown }).issuer;
  } catch (error) {
    throw new Error(
      `LemonLDAP::NG does not answer at ${LEMONLDAP_ISSUER} (${(error as Error).message}). Set it up ${HOW_TO_SET_UP}.`,
    );
  }
  if (issuer !== LEMONLDAP_ISSUER) {
    throw new Error(`LemonLDAP::NG discovery names issuer ${String(issuer)}, expected ${LEMONLDAP_ISSUER}.`);
  }
  let settings: string;
  try {
    settings = readFileSync(IDP_ENV_FILE, 'utf8');
  } catch {
    return; // Not on the machine that ran setup.sh: the sign-ins will tell.
  }
  const expected = [`${INTEROP_BASE_URL}/auth/callback`, `${INTEROP_BASE_URL}/`, "OIDC_REQUIRE_PKCE='1'"];
  const missing = expected.filter((value) => !settings.includes(value));
  if (missing.length > 0) {
    throw new Error(
      `LemonLDAP::NG was set up without this suite's settings (${IDP_ENV_FILE} lacks ${missing.join(', ')}). Set it up again ${HOW_TO_SET_UP}.`,
    );
  }
}
