import { Router, type Request } from 'express';
import type { TodoEvent } from '@pleiade/contracts';
import type { Reader, WidgetDataDeps } from '../widget-data/service.js';
import { streamTodo } from './service.js';

/**
 * GET /api/todo/stream — « À traiter » as NDJSON, one event a line (contracts: todoEventSchema),
 * each line flushed as its source answers. `?refresh=1` reads the applications again.
 */
export function todoRoutes(deps: WidgetDataDeps, readerOf: (req: Request) => Reader): Router {
  const router = Router();
  router.get('/todo/stream', async (req, res, next) => {
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    // No buffering by a reverse proxy (nginx): the first lines must reach the page at once.
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const emit = (event: TodoEvent) => {
      res.write(`${JSON.stringify(event)}\n`);
    };
    try {
      await streamTodo(deps, readerOf(req), emit, { refresh: req.query.refresh === '1', stopped: () => gone });
      res.end();
    } catch (error) {
      // Headers are sent: the page sees the stream end without `done` and shows the error state.
      if (!gone) res.destroy(error instanceof Error ? error : undefined);
      else next(error);
    }
  });
  return router;
}
