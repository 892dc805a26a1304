import { Router } from 'express';
import {
  appLinkIdParamsSchema,
  appLinkInputSchema,
  appLinkOrderRequestSchema,
  updateLookRequestSchema,
  uploadLogoRequestSchema,
  type AdminAppLinksResponse,
} from '@pleiade/contracts';
import type { ProviderSettings } from '../config.js';
import type { Db } from '../db/client.js';
import { principalOf, requireAllowed } from '../http/guards.js';
import { validated } from '../http/validate.js';
import {
  createAppLink,
  deleteAppLink,
  deleteLogo,
  listAdminAppLinks,
  orderAppLinks,
  readInstallation,
  readLogo,
  readLook,
  updateAppLink,
  updateLook,
  uploadLogo,
} from './service.js';

/**
 * The collectivité's look (/api/look for every member, /api/admin/look for its administrators),
 * its launcher links (/api/admin/app-links) and the operator's view (/api/operator/installation).
 * Each service function asks the policies first.
 */
export function lookRoutes(deps: { db: Db; providers: readonly ProviderSettings[] }): Router {
  const { db } = deps;
  const router = Router();
  // Role before input: an agent learns nothing of what these routes accept.
  const lookAdmin = requireAllowed('collectivite.administerLook');
  const linksAdmin = requireAllowed('collectivite.administerAppLinks');
  router.get('/look', async (req, res) => {
    res.json(await readLook(db, principalOf(req)));
  });
  router.get('/look/logo', async (req, res) => {
    const logo = await readLogo(db, principalOf(req));
    // The address changes with the image (?v=): it may be kept, by this person's browser only.
    res.set('Cache-Control', 'private, max-age=86400');
    res.set('Content-Security-Policy', "default-src 'none'; sandbox");
    res.type(logo.contentType).send(Buffer.from(logo.data));
  });
  router.put(
    '/admin/look',
    lookAdmin,
    validated({ body: updateLookRequestSchema }, async ({ body }, req, res) => {
      res.json(await updateLook(db, principalOf(req), body));
    }),
  );
  router.put(
    '/admin/look/logo',
    lookAdmin,
    validated({ body: uploadLogoRequestSchema }, async ({ body }, req, res) => {
      res.json(await uploadLogo(db, principalOf(req), body));
    }),
  );
  router.delete('/admin/look/logo', lookAdmin, async (req, res) => {
    await deleteLogo(db, principalOf(req));
    res.status(204).end();
  });

  router.get('/admin/app-links', linksAdmin, async (req, res) => {
    const body: AdminAppLinksResponse = { links: await listAdminAppLinks(db, principalOf(req)) };
    res.json(body);
  });
  router.post(
    '/admin/app-links',
    linksAdmin,
    validated({ body: appLinkInputSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createAppLink(db, principalOf(req), body));
    }),
  );
  router.put(
    '/admin/app-links/order',
    linksAdmin,
    validated({ body: appLinkOrderRequestSchema }, async ({ body }, req, res) => {
      const response: AdminAppLinksResponse = { links: await orderAppLinks(db, principalOf(req), body.ids) };
      res.json(response);
    }),
  );
  router.put(
    '/admin/app-links/:linkId',
    linksAdmin,
    validated({ params: appLinkIdParamsSchema, body: appLinkInputSchema }, async ({ params, body }, req, res) => {
      res.json(await updateAppLink(db, principalOf(req), params.linkId, body));
    }),
  );
  router.delete(
    '/admin/app-links/:linkId',
    linksAdmin,
    validated({ params: appLinkIdParamsSchema }, async ({ params }, req, res) => {
      await deleteAppLink(db, principalOf(req), params.linkId);
      res.status(204).end();
    }),
  );

  router.get('/operator/installation', async (req, res) => {
    res.json(await readInstallation(db, deps.providers, principalOf(req)));
  });
  return router;
}
