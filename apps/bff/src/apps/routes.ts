import { Router } from 'express';
import type { Me } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf } from '../http/guards.js';
import { listVisibleAppLinks } from './app-links.js';

export function identityRoutes(db: Db): Router {
  const router = Router();
  router.get('/me', (req, res) => {
    const principal = principalOf(req);
    const me: Me = {
      id: principal.userId,
      displayName: principal.displayName,
      email: principal.email,
      role: principal.role,
      groups: principal.groups,
      collectivite: {
        id: principal.collectiviteId,
        slug: principal.collectiviteSlug,
        name: principal.collectiviteName,
      },
      language: null,
    };
    res.json(me);
  });
  router.get('/apps', async (req, res) => {
    res.json(await listVisibleAppLinks(db, principalOf(req)));
  });
  return router;
}
