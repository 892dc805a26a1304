import { Router } from 'express';
import {
  boardIdParamsSchema,
  createBoardRequestSchema,
  homeBoardRequestSchema,
  saveBoardRequestSchema,
  updateBoardRequestSchema,
} from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import { principalOf } from '../http/guards.js';
import { interfaceLanguageOf } from '../http/language.js';
import { validated } from '../http/validate.js';
import { getBoard, getCurrentBoard, saveBoard } from './board-service.js';
import { chooseHomeBoard, createBoard, deleteBoard, listBoards, updateBoard } from './personal-boards.js';

export function boardRoutes(db: Db): Router {
  const router = Router();
  router.get('/boards', async (req, res) => {
    res.json(await listBoards(db, principalOf(req), interfaceLanguageOf(req)));
  });
  router.post(
    '/boards',
    validated({ body: createBoardRequestSchema }, async ({ body }, req, res) => {
      res.status(201).json(await createBoard(db, principalOf(req), body));
    }),
  );
  router.get('/boards/current', async (req, res) => {
    res.json(await getCurrentBoard(db, principalOf(req), interfaceLanguageOf(req)));
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
  router.patch(
    '/boards/:boardId',
    validated({ params: boardIdParamsSchema, body: updateBoardRequestSchema }, async ({ params, body }, req, res) => {
      res.json(await updateBoard(db, principalOf(req), params.boardId, body));
    }),
  );
  router.delete(
    '/boards/:boardId',
    validated({ params: boardIdParamsSchema }, async ({ params }, req, res) => {
      await deleteBoard(db, principalOf(req), params.boardId);
      res.status(204).end();
    }),
  );
  router.put(
    '/me/home-board',
    validated({ body: homeBoardRequestSchema }, async ({ body }, req, res) => {
      res.json(await chooseHomeBoard(db, principalOf(req), body));
    }),
  );
  return router;
}
