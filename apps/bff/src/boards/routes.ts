import { Router } from 'express';
import { boardIdParamsSchema, saveBoardRequestSchema } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf } from '../http/guards.js';
import { validated } from '../http/validate.js';
import { getBoard, getCurrentBoard, saveBoard } from './board-service.js';

export function boardRoutes(db: Db): Router {
  const router = Router();
  router.get('/boards/current', async (req, res) => {
    res.json(await getCurrentBoard(db, principalOf(req)));
  });
  router.get(
    '/boards/:boardId',
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      res.json(await getBoard(db, principalOf(req), params.boardId));
    }),
  );
  router.put(
    '/boards/:boardId',
    validated({ params: boardIdParamsSchema, body: saveBoardRequestSchema }, async ({ params, body }, req, res) => {
      res.json(await saveBoard(db, principalOf(req), params.boardId, body));
    }),
  );
  return router;
}
