import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { logPrincipal, requestLog } from './request-log.js';

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  req?: { method: string; path: string };
  res?: { statusCode: number };
  responseTime?: number;
  account?: unknown;
  userId?: string;
  collectiviteId?: string;
}

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** An app with the request log first, its lines parsed as they are written. */
async function appWithLog(routes: (app: express.Express) => void) {
  const lines: Line[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as Line) });
  const app = express();
  app.use(requestLog(logger));
  routes(app);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { lines, base };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('request log', () => {
  it('writes one line per answered request: id, method, path without the query, status, duration', async () => {
    const { lines, base } = await appWithLog((app) => {
      app.get('/auth/callback', (req, res) => {
        req.log.info({ step: 'inside' }, 'handler line');
        res.status(303).end();
      });
    });
    const response = await fetch(`${base}/auth/callback?code=secret-code&state=secret-state`, { redirect: 'manual' });
    await settle();
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      level: 30,
      reqId: id,
      req: { method: 'GET', path: '/auth/callback' },
      res: { statusCode: 303 },
    });
    expect(completed[0]?.responseTime).toBeGreaterThanOrEqual(0);
    // The handler's own lines carry the same id.
    expect(lines.find((line) => line.msg === 'handler line')?.reqId).toBe(id);
    expect(JSON.stringify(lines)).not.toContain('secret-code');
  });

  it('names the signed-in person on the completion line and on the lines of the handlers', async () => {
    const { lines, base } = await appWithLog((app) => {
      const signedIn: express.RequestHandler = (req, _res, next) => {
        req.user = { userId: 'u-1', collectiviteId: 'c-1' } as Express.User;
        next();
      };
      app.get('/quiet', signedIn, logPrincipal, (_req, res) => res.json({}));
      // The request's logger used before and after the person is known.
      app.get(
        '/talkative',
        (req, _res, next) => {
          req.log.info('before');
          next();
        },
        signedIn,
        logPrincipal,
        (req, res) => {
          req.log.info('after');
          res.json({});
        },
      );
    });
    for (const path of ['/quiet', '/talkative']) await (await fetch(base + path)).arrayBuffer();
    await settle();
    const person = { userId: 'u-1', collectiviteId: 'c-1' };
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed.map((line) => [line.req?.path, line.userId, line.collectiviteId])).toEqual([
      ['/quiet', 'u-1', 'c-1'],
      ['/talkative', 'u-1', 'c-1'],
    ]);
    const talkativeId = completed[1]?.reqId;
    expect(lines.find((line) => line.msg === 'before')).toMatchObject({ reqId: talkativeId });
    expect(lines.find((line) => line.msg === 'before')?.userId).toBeUndefined();
    expect(lines.find((line) => line.msg === 'after')).toMatchObject({ reqId: talkativeId, ...person });
    expect(completed[0]?.reqId).not.toBe(talkativeId);
  });

  it('logs a 5xx as an error, a 4xx as information, and never the probes', async () => {
    const { lines, base } = await appWithLog((app) => {
      app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
      app.get('/boom', (_req, res) => res.status(500).json({}));
      app.get('/missing', (_req, res) => res.status(404).json({}));
    });
    for (const path of ['/healthz', '/boom', '/missing']) await (await fetch(base + path)).arrayBuffer();
    await settle();
    expect(lines.map((line) => [line.req?.path, line.level])).toEqual([
      ['/boom', 50],
      ['/missing', 30],
    ]);
  });

  it('says when the client left before the answer, and still masks secrets in lines', async () => {
    const { lines, base } = await appWithLog((app) => {
      app.get('/stream', (req, res) => {
        req.log.info({ account: { password: 'hunter2' } }, 'credential checked');
        res.write('début');
      });
    });
    const controller = new AbortController();
    const response = await fetch(`${base}/stream`, { signal: controller.signal });
    await response.body?.getReader().read();
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines.find((line) => line.msg === 'request aborted')).toMatchObject({ level: 30, req: { path: '/stream' } });
    expect(lines.find((line) => line.msg === 'credential checked')?.account).toEqual({ password: '[masqué]' });
  });
});
