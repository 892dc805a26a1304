import { Router } from 'express';
import { announcementIdParamsSchema, announcementInputSchema, type AdminAnnouncementList } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf, requireAllowed } from '../http/guards.js';
import { validated } from '../http/validate.js';
import {
  createAnnouncement,
  deleteAnnouncement,
  dismissBanner,
  listAnnouncements,
  myAnnouncements,
  updateAnnouncement,
} from './service.js';

/**
 * Announcements. For people: what reaches them now, and closing a banner. For the collectivité's
 * administrators (`collectivite.administerAnnouncements`): list, create, change, delete.
 */
export function announcementRoutes(db: Db): Router {
  const router = Router();
  router.get('/announcements', async (req, res) => {
    res.json(await myAnnouncements(db, principalOf(req)));
  });
  router.post(
    '/announcements/:announcementId/dismiss',
    validated({ params: announcementIdParamsSchema }, async ({ params }, req, res) => {
      await dismissBanner(db, principalOf(req), params.announcementId);
      res.status(204).end();
    }),
  );

  const administers = requireAllowed('collectivite.administerAnnouncements');
  router.get('/admin/announcements', administers, async (req, res) => {
    const body: AdminAnnouncementList = { announcements: await listAnnouncements(db, principalOf(req)) };
    res.json(body);
  });
  router.post(
    '/admin/announcements',
    administers,
    validated({ body: announcementInputSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createAnnouncement(db, principalOf(req), body));
    }),
  );
  router.put(
    '/admin/announcements/:announcementId',
    administers,
    validated(
      { params: announcementIdParamsSchema, body: announcementInputSchema },
      async ({ params, body }, req, res) => {
        res.json(await updateAnnouncement(db, principalOf(req), params.announcementId, body));
      },
    ),
  );
  router.delete(
    '/admin/announcements/:announcementId',
    administers,
    validated({ params: announcementIdParamsSchema }, async ({ params }, req, res) => {
      await deleteAnnouncement(db, principalOf(req), params.announcementId);
      res.status(204).end();
    }),
  );
  return router;
}
