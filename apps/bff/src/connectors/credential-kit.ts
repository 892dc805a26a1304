import type { FailureStatus } from './states.js';
import type { CredentialResolution, PersonalSecret, SessionTokens } from './definition.js';
import type { CredentialOfType, TargetUser } from './operation.js';
import type { SecretValue } from './secret-box.js';

/**
 * Credential adapters several kinds share, for their `credentials` record (`<kind>/index.ts`).
 * Each is typed by what it needs (the session, the person's own secret, the connector's
 * `username`/`password`) and what it produces: a kind can only use one whose input its mode
 * provides and whose credential its definition names.
 */

export function refused(status: FailureStatus): { ok: false; status: FailureStatus } {
  return { ok: false, status };
}

/** `oidc_token`: the person's current access token (kept fresh by the session layer). */
export const sessionBearer = {
  resolve({ session }: { session: SessionTokens }): CredentialResolution<CredentialOfType<'bearer'>> {
    return session.accessToken
      ? { ok: true, credential: { type: 'bearer', token: session.accessToken } }
      : refused('credentials_refused');
  },
};

/** `token_exchange`: a token for this application from the person's provider (RFC 8693). */
export const exchangedBearer = {
  resolve({
    exchange,
  }: {
    exchange(): Promise<CredentialResolution<CredentialOfType<'bearer'>>>;
  }): Promise<CredentialResolution<CredentialOfType<'bearer'>>> {
    return exchange();
  },
};

/** `personal_secret` sent as a token that names its user (a Matrix access token). */
export const personalBearer = {
  async resolve({
    personal,
  }: {
    personal(): Promise<PersonalSecret | undefined>;
  }): Promise<CredentialResolution<CredentialOfType<'bearer'>>> {
    const own = await personal();
    if (!own) return refused('credentials_missing');
    return {
      ok: true,
      credential: { type: 'bearer', token: own.secret.reveal() },
      version: own.updatedAt.toISOString(),
    };
  },
};

/**
 * `personal_secret` sent as login and app password; without a login of their own, the person's
 * `defaultLogin` at this application (mail and agenda servers log people in by address).
 */
export function personalBasic(defaultLogin: (user: TargetUser) => string) {
  return {
    async resolve({
      personal,
      user,
    }: {
      personal(): Promise<PersonalSecret | undefined>;
      user: TargetUser;
    }): Promise<CredentialResolution<CredentialOfType<'basic'>>> {
      const own = await personal();
      if (!own) return refused('credentials_missing');
      const username = own.username ?? defaultLogin(user);
      return {
        ok: true,
        credential: { type: 'basic', username, password: own.secret.reveal() },
        version: own.updatedAt.toISOString(),
      };
    },
  };
}

/** The person's login at the application, or their e-mail address when it logs people in by address. */
export const byLogin = (user: TargetUser): string => user.login;
export const byEmail = (user: TargetUser): string => user.email ?? user.login;

/**
 * `service_account` with the connector's `username` and `password` secrets; `login` may turn the
 * account's name into one acting for the person (Dovecot's master user `<person>*<master>`).
 */
export function serviceAccountBasic(login: (username: string, user: TargetUser) => string = (username) => username) {
  return {
    resolve({
      secrets,
      user,
    }: {
      secrets: { readonly username: SecretValue | undefined; readonly password: SecretValue | undefined };
      user: TargetUser;
    }): CredentialResolution<CredentialOfType<'basic'>> {
      const username = secrets.username?.reveal();
      const password = secrets.password;
      if (!username || !password) return refused('not_configured');
      return { ok: true, credential: { type: 'basic', username: login(username, user), password: password.reveal() } };
    },
  };
}

/** `none`: nothing to send. */
export const noCredential = {
  resolve(): CredentialResolution<CredentialOfType<'none'>> {
    return { ok: true, credential: { type: 'none' } };
  },
};
