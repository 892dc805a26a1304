import type { Request, RequestHandler } from 'express';
import { LRUCache } from 'lru-cache';
import type * as client from 'openid-client';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OidcProvider } from './oidc.js';
import type { TokenSet, TokenVault } from './token-vault.js';

declare module 'express-session' {
  interface SessionData {
    /** Epoch ms of the sign-in: the absolute lifetime counts from here. */
    startedAt?: number;
    /** Epoch ms of the last request seen, written at most once a minute (idle timeout). */
    lastSeenAt?: number;
    /** The provider's tokens, sealed by the TokenVault. */
    tokens?: string;
  }
}

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** Writes lastSeenAt at most this often (or a quarter of the idle timeout): one store write a minute per active person, not per request. */
const TOUCH_EVERY_MS = 60_000;
/** Refresh an access token this long before it expires, so an upstream call never carries a dead one. */
const REFRESH_MARGIN_MS = 30_000;

export function tokenSetFrom(
  response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  previous?: TokenSet,
): TokenSet {
  const expiresIn = response.expiresIn();
  return {
    idToken: response.id_token ?? previous?.idToken,
    accessToken: response.access_token,
    // LemonLDAP::NG does not rotate refresh tokens: keep the first one when none comes back.
    refreshToken: response.refresh_token ?? previous?.refreshToken,
    ...(expiresIn !== undefined ? { accessTokenExpiresAt: Date.now() + expiresIn * 1000 } : {}),
  };
}

function hasSignedInUser(req: Request): boolean {
  const data = req.session as unknown as { passport?: { user?: unknown } };
  return Boolean(data.passport?.user);
}

/**
 * Ends sessions past their idle timeout or absolute lifetime, before passport loads the user.
 * An ended session is replaced by an empty one; API calls then get 401 SESSION_EXPIRED.
 */
export function enforceSessionPolicy(
  policy: SessionPolicy,
  onEnd: (sessionId: string) => Promise<void>,
): RequestHandler {
  return (req, res, next) => {
    if (!req.session || !hasSignedInUser(req)) {
      next();
      return;
    }
    const now = Date.now();
    const startedAt = req.session.startedAt ?? 0;
    const lastSeenAt = req.session.lastSeenAt ?? startedAt;
    if (now - startedAt > policy.absoluteMs || now - lastSeenAt > policy.idleMs) {
      const endedId = req.sessionID;
      req.session.regenerate((error) => {
        if (error) {
          next(error);
          return;
        }
        res.locals.sessionExpired = true;
        onEnd(endedId).then(() => next(), next);
      });
      return;
    }
    if (now - lastSeenAt >= Math.min(TOUCH_EVERY_MS, policy.idleMs / 4)) req.session.lastSeenAt = now;
    next();
  };
}

/**
 * Keeps the provider's access token fresh for the API: refreshes it shortly before it expires
 * (one refresh at a time per session) and ends the session when the provider refuses — the person
 * then sees "session expirée" rather than widgets failing one by one.
 */
export class TokenKeeper {
  private readonly inFlight = new Map<string, Promise<TokenSet | undefined>>();
  /**
   * Sealed → opened: a session's tokens are opened once, not at every request. Keyed by the sealed
   * value itself, so a refresh (a new sealed value) or a session rewritten elsewhere is opened anew.
   */
  private readonly opened = new LRUCache<string, TokenSet>({ max: 20_000, ttl: 15 * 60_000 });

  constructor(
    private readonly vault: TokenVault,
    private readonly providers: Map<string, OidcProvider>,
    private readonly logger: Logger,
  ) {}

  store(req: Request, tokens: TokenSet): void {
    req.session.tokens = this.vault.seal(tokens);
  }

  read(req: Request): TokenSet | undefined {
    const sealed = req.session.tokens;
    if (!sealed) return undefined;
    const known = this.opened.get(sealed);
    if (known) return known;
    const tokens = this.vault.open(sealed);
    if (tokens) this.opened.set(sealed, tokens);
    return tokens;
  }

  /** Fresh tokens, or undefined when the session can no longer act for the person. */
  async fresh(req: Request, providerId: string): Promise<TokenSet | undefined> {
    const tokens = this.read(req);
    if (!tokens) return undefined;
    const expiresAt = tokens.accessTokenExpiresAt;
    if (expiresAt === undefined || expiresAt - Date.now() > REFRESH_MARGIN_MS) return tokens;
    const provider = this.providers.get(providerId);
    if (!tokens.refreshToken || !provider) return undefined;
    let pending = this.inFlight.get(req.sessionID);
    if (!pending) {
      pending = provider
        .refresh(tokens.refreshToken)
        .then((response) => tokenSetFrom(response, tokens))
        .catch((error: unknown) => {
          this.logger.info({ err: error, provider: providerId }, 'token refresh refused: session ends');
          return undefined;
        })
        .finally(() => this.inFlight.delete(req.sessionID));
      this.inFlight.set(req.sessionID, pending);
    }
    const refreshed = await pending;
    if (refreshed) this.store(req, refreshed);
    return refreshed;
  }

  /** API middleware: 401 SESSION_EXPIRED when the tokens cannot be kept fresh. */
  middleware(onEnd: (req: Request) => Promise<void>): RequestHandler {
    return (req, res, next) => {
      const providerId = req.user?.providerId;
      if (!providerId) {
        next();
        return;
      }
      this.fresh(req, providerId).then(async (tokens) => {
        if (tokens) {
          next();
          return;
        }
        await onEnd(req);
        res.locals.sessionExpired = true;
        next(new AppError('SESSION_EXPIRED', 'Votre session a expiré. Reconnectez-vous.'));
      }, next);
    };
  }
}
