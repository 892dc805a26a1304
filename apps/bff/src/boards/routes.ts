import { Router } from 'express';
import {
  boardIdParamsSchema,
  createBoardRequestSchema,
  homeBoardRequestSchema,
  saveBoardRequestSchema,
  updateBoardRequestSchema,
  type CreateBoardRequest,
  type HomeBoardRequest,
  type SaveBoardRequest,
  type UpdateBoardRequest,
} from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf } from '../http/guards.js';
import { validate } from '../http/validate.js';
import { getBoard, getCurrentBoard, saveBoard } from './board-service.js';
import { chooseHomeBoard, createBoard, deleteBoard, listBoards, updateBoard } from './personal-boards.js';

export function boardRoutes(db: Db): Router {
  const router = Router();
  router.get('/boards', async (req, res) => {
    res.json(await listBoards(db, principalOf(req)));
  });
  router.post('/boards', validate('body', createBoardRequestSchema), async (req, res) => {
    res.status(201).json(await createBoard(db, principalOf(req), req.body as CreateBoardRequest));
  });
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
  router.patch(
    '/boards/:boardId',
    validate('params', boardIdParamsSchema),
    validate('body', updateBoardRequestSchema),
    async (req, res) => {
      const body = req.body as UpdateBoardRequest;
      res.json(await updateBoard(db, principalOf(req), String(req.params.boardId), body));
    },
  );
  router.delete('/boards/:boardId', validate('params', boardIdParamsSchema), async (req, res) => {
    await deleteBoard(db, principalOf(req), String(req.params.boardId));
    res.status(204).end();
  });
  router.put('/me/home-board', validate('body', homeBoardRequestSchema), async (req, res) => {
    res.json(await chooseHomeBoard(db, principalOf(req), req.body as HomeBoardRequest));
  });
  return router;
}
