import type { RequestHandler } from 'express';

/**
 * After sign-in: every line a request logs carries, besides pino-http's request id, the person and
 * their collectivité, and so do the connector reads made for it (they log with the request's logger).
 */
export const logPrincipal: RequestHandler = (req, res, next) => {
  if (req.user) {
    req.log = req.log.child({ userId: req.user.userId, collectiviteId: req.user.collectiviteId });
    res.log = req.log;
  }
  next();
};
