import type { RequestHandler, Response } from 'express';
import type { Invalidations } from '../db/invalidation.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A request that may have written (POST, PUT, PATCH, DELETE) is answered once this instance has
 * applied the invalidations of its writes (Invalidations.caughtUp): the person's next request,
 * served here, reads what they just saved — their language, a widget's settings — never the value
 * the process cache held before. A refusal (4xx) wrote nothing and leaves at once. About one
 * PostgreSQL round trip per write; reads are untouched.
 */
export function answerAfterOwnWrites(invalidations: Invalidations | undefined): RequestHandler {
  return (req, res, next) => {
    if (!invalidations || READS.has(req.method)) {
      next();
      return;
    }
    waitBeforeEnd(res, invalidations);
    next();
  };
}

/** Holds `res.end` (what express-session and compression wrap too) until this instance has caught up. */
export function waitBeforeEnd(res: Response, invalidations: Invalidations): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    if (res.statusCode >= 400 && res.statusCode < 500) return end(...args);
    void invalidations.caughtUp().then(() => end(...args));
    return res;
  }) as Response['end'];
}
