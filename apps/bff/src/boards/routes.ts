import { Router } from 'express';
import { boardIdParamsSchema, saveBoardRequestSchema, type SaveBoardRequest } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf } from '../http/guards.js';
import { validate } from '../http/validate.js';
import { getBoard, getCurrentBoard, saveBoard } from './board-service.js';

export function boardRoutes(db: Db): Router {
  const router = Router();
  router.get('/boards/current', async (req, res) => {
    res.json(await getCurrentBoard(db, principalOf(req)));
  });
  router.get('/boards/:boardId', validate('params', boardIdParamsSchema), async (req, res) => {
    res.json(await getBoard(db, principalOf(req), String(req.params.boardId)));
  });
  router.put(
    '/boards/:boardId',
    validate('params', boardIdParamsSchema),
    validate('body', saveBoardRequestSchema),
    async (req, res) => {
      const body = req.body as SaveBoardRequest;
      res.json(await saveBoard(db, principalOf(req), String(req.params.boardId), body));
    },
  );
  return router;
}
