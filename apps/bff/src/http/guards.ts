import type { Request, RequestHandler } from 'express';
import type { PolicyAction } from '@pleiade/contracts';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';

/** Actions decided on the collectivité as a whole. */
type CollectiviteAction = Extract<PolicyAction, `collectivite.${string}`>;

/** The header every state-changing API call must carry: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'pleiade';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing API calls must carry the custom header (a cross-site form cannot set it) and come
 * from our own origin (Sec-Fetch-Site, or Origin for browsers that do not send it).
 */
export function requireSameOriginMutation(publicUrl: string): RequestHandler {
  const ownOrigin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const fetchSite = req.get('sec-fetch-site');
    const origin = req.get('origin');
    const sameOrigin = fetchSite ? fetchSite === 'same-origin' : origin === undefined || origin === ownOrigin;
    if (req.get(CSRF_HEADER) === CSRF_HEADER_VALUE && sameOrigin) {
      next();
      return;
    }
    next(new AppError('FORBIDDEN', 'Requête refusée : elle ne vient pas de Pléiade.'));
  };
}

export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.method === 'DELETE' || req.is('application/json')) {
    next();
    return;
  }
  next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Le corps de la requête doit être du JSON (application/json).'));
};

/** API routes answer 401 JSON; they never redirect to the sign-in page. */
export const requireSignedIn: RequestHandler = (req, res, next) => {
  if (req.isAuthenticated() && req.user.collectiviteId) {
    next();
    return;
  }
  next(
    res.locals.sessionExpired
      ? new AppError('SESSION_EXPIRED', 'Votre session a expiré. Reconnectez-vous.')
      : new AppError('UNAUTHENTICATED', 'Vous n’êtes pas connecté.'),
  );
};

/** The principal of a request that went through requireSignedIn. */
export function principalOf(req: Request): Principal {
  const user = req.user;
  if (
    !user?.collectiviteId ||
    !user.role ||
    !user.collectiviteSlug ||
    !user.collectiviteName ||
    !user.displayName ||
    !user.groups
  ) {
    throw new AppError('UNAUTHENTICATED', 'Vous n’êtes pas connecté.');
  }
  return {
    userId: user.userId,
    displayName: user.displayName,
    email: user.email ?? null,
    role: user.role,
    groups: user.groups,
    collectiviteId: user.collectiviteId,
    collectiviteSlug: user.collectiviteSlug,
    collectiviteName: user.collectiviteName,
    language: user.language ?? null,
  };
}

/**
 * Lets through those the policy allows to do `action` on their own collectivité (administration
 * routes, whose lookups are all scoped to that collectivité); 403 for the others.
 */
export function requireAllowed(action: CollectiviteAction): RequestHandler {
  return (req, _res, next) => {
    const principal = principalOf(req);
    authorize(principal, action, { collectiviteId: principal.collectiviteId });
    next();
  };
}

/** Connector settings: the collectivité's administrators (policy `collectivite.administerConnectors`). */
export const requireCollectiviteAdmin: RequestHandler = requireAllowed('collectivite.administerConnectors');
