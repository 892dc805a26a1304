import type { Request, RequestHandler } from 'express';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors.js';

/** The header every state-changing API call must carry: a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_HEADER_VALUE = 'pleiade';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const requireCsrfHeader: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.get(CSRF_HEADER) === CSRF_HEADER_VALUE) {
    next();
    return;
  }
  next(new AppError('FORBIDDEN', 'Requête refusée : en-tête anti-falsification manquant.'));
};

export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || req.method === 'DELETE' || req.is('application/json')) {
    next();
    return;
  }
  next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Le corps de la requête doit être du JSON (application/json).'));
};

/** API routes answer 401 JSON; they never redirect to the sign-in page. */
export const requireSignedIn: RequestHandler = (req, _res, next) => {
  if (req.isAuthenticated() && req.user.collectiviteId) {
    next();
    return;
  }
  next(new AppError('UNAUTHENTICATED', 'Vous n’êtes pas connecté.'));
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
  };
}
