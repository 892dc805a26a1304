import { Router } from 'express';
import {
  applyTemplateUpdateRequestSchema,
  boardIdParamsSchema,
  createSharedBoardRequestSchema,
  restoreRevisionRequestSchema,
  revisionParamsSchema,
  saveSharedBoardRequestSchema,
  type AuditLog,
  type BoardRevisionList,
} from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf, requireAllowed } from '../http/guards.js';
import { validated } from '../http/validate.js';
import { listAuditEvents, listRevisions } from './history.js';
import {
  createSharedBoard,
  deleteSharedBoard,
  exportSharedBoard,
  getSharedBoard,
  importSharedBoard,
  listAudiences,
  listSharedBoards,
  publishSharedBoard,
  restoreRevision,
} from './shared-board-service.js';
import { applyTemplateUpdate, getKioskBoard, getTemplateUpdate } from './templates.js';

/** A file name people recognise, from the board's name (letters and digits only). */
function fileNameOf(kind: string, name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${kind === 'template' ? 'modele' : 'tableau-publie'}-${slug || 'sans-nom'}.json`;
}

/**
 * Boards the collectivité prepares. For people: the kiosk mode of the boards published to them
 * (they list them among their tabs: GET /api/boards), and the newer
 * versions of the template their board copies (see, merge, reset). For its administrators
 * (`collectivite.administerBoards`, then `board.administer` per board): templates and published
 * boards, their versions, history, import and export, the audiences; the audit log
 * (`collectivite.readAuditLog`).
 */
export function sharedBoardRoutes(db: Db): Router {
  const router = Router();

  router.get(
    '/kiosk/:boardId',
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      res.json(await getKioskBoard(db, principalOf(req), params.boardId));
    }),
  );
  router.get(
    '/boards/:boardId/template-update',
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      res.json(await getTemplateUpdate(db, principalOf(req), params.boardId));
    }),
  );
  for (const mode of ['merge', 'reset'] as const) {
    router.post(
      `/boards/:boardId/template-update/${mode}`,
      validated(
        { params: boardIdParamsSchema, body: applyTemplateUpdateRequestSchema },
        async ({ params, body }, req, res) => {
          res.json(await applyTemplateUpdate(db, principalOf(req), params.boardId, body.version, mode));
        },
      ),
    );
  }

  // The guard on each route (not router.use), so a path or method that is no route answers 404.
  const admin = Router();
  const administers = requireAllowed('collectivite.administerBoards');
  admin.get('/', administers, async (req, res) => {
    res.json(await listSharedBoards(db, principalOf(req)));
  });
  admin.post(
    '/',
    administers,
    validated({ body: createSharedBoardRequestSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createSharedBoard(db, principalOf(req), body));
    }),
  );
  admin.get(
    '/:boardId',
    administers,
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      res.json(await getSharedBoard(db, principalOf(req), params.boardId));
    }),
  );
  admin.put(
    '/:boardId',
    administers,
    validated(
      { params: boardIdParamsSchema, body: saveSharedBoardRequestSchema },
      async ({ params, body }, req, res) => {
        res.json(await publishSharedBoard(db, principalOf(req), params.boardId, body));
      },
    ),
  );
  admin.delete(
    '/:boardId',
    administers,
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      await deleteSharedBoard(db, principalOf(req), params.boardId);
      res.status(204).end();
    }),
  );
  admin.get(
    '/:boardId/revisions',
    administers,
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      await getSharedBoard(db, principalOf(req), params.boardId);
      const body: BoardRevisionList = { revisions: await listRevisions(db, params.boardId) };
      res.json(body);
    }),
  );
  admin.post(
    '/:boardId/revisions/:number/restore',
    administers,
    validated(
      { params: revisionParamsSchema, body: restoreRevisionRequestSchema },
      async ({ params, body }, req, res) => {
        res.json(await restoreRevision(db, principalOf(req), params.boardId, params.number, body.version));
      },
    ),
  );
  admin.get(
    '/:boardId/export',
    administers,
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      const document = await exportSharedBoard(db, principalOf(req), params.boardId);
      res.attachment(fileNameOf(document.kind, document.name)).json(document);
    }),
  );
  router.use('/admin/boards', admin);
  // The body is the document itself: a file exported from here, or written by hand. Not under
  // /admin/boards, where « import » would read as a board's id.
  router.post('/admin/board-imports', administers, async (req, res) => {
    res.status(201).json(await importSharedBoard(db, principalOf(req), req.body));
  });

  router.get('/admin/audiences', requireAllowed('collectivite.administerBoards'), async (req, res) => {
    res.json(await listAudiences(db, principalOf(req)));
  });
  router.get('/admin/audit-log', requireAllowed('collectivite.readAuditLog'), async (req, res) => {
    const body: AuditLog = { events: await listAuditEvents(db, principalOf(req).collectiviteId) };
    res.json(body);
  });
  return router;
}
