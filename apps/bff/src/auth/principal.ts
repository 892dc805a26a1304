import type { Language, Role } from '@pleiade/contracts';
import type { TokenSet } from './token-vault.js';

/** The signed-in person as every route sees it: loaded from the database at each request. */
export interface Principal {
  userId: string;
  displayName: string;
  email: string | null;
  role: Role;
  groups: string[];
  collectiviteId: string;
  collectiviteSlug: string;
  collectiviteName: string;
  /** The interface language the person chose; null: none yet (the SPA follows the browser). */
  language: Language | null;
}

/**
 * The principal as loaded for each request, with the person's login at upstream applications
 * (preferred_username, else the e-mail's local part). Only the widget data route needs it.
 */
export interface LoadedPrincipal extends Principal {
  login: string;
}

/** What the session cookie's server-side record holds about the person. */
export interface SessionUser {
  userId: string;
  /** Id of the OpenID provider the person signed in with (ProviderSettings.id). */
  providerId: string;
}

/** Handed from the OIDC verify callback to the sign-in handler; never stored as such. */
export interface SignInResult extends SessionUser {
  tokens: TokenSet;
  subject: string;
  /** The ID token's sid claim, for front/back-channel logout. */
  oidcSid?: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own augmentation point
  namespace Express {
    interface User extends SessionUser, Partial<LoadedPrincipal>, Partial<Omit<SignInResult, keyof SessionUser>> {}
  }
}
