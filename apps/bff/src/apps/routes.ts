import { Router } from 'express';
import { languageRequestSchema, type Me } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf } from '../http/guards.js';
import { validated } from '../http/validate.js';
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
      language: principal.language,
    };
    res.json(me);
  });
  router.put(
    '/me/language',
    validated({ body: languageRequestSchema }, async ({ body }, req, res) => {
      // The row's trigger tells every instance to reload the person (db/invalidation.ts).
      await db.user.update({ where: { id: principalOf(req).userId }, data: { language: body.language } });
      res.status(204).end();
    }),
  );
  router.get('/apps', async (req, res) => {
    res.json(await listVisibleAppLinks(db, principalOf(req)));
  });
  return router;
}
