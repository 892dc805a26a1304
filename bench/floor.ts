/**
 * What this machine and the BFF's framework cost before any of Pléiade's code: the same load
 * generator, at the same fixed rate, against
 *   - `node:http` alone, answering a widget-sized JSON (node_http_floor_*),
 *   - Express 5 with express-session (a signed cookie with a lifetime, a session of the BFF's size
 *     read from memory and hashed four times per request, as every signed-in request of the BFF
 *     does), answering the same JSON (express_session_floor_*).
 * Both run on the bench's main thread, like the BFF in connectors.ts, so the figures compare.
 * They say how much of the BFF's latency and ceiling is the framework's and the machine's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import session from 'express-session';
import { ceilingInWorker, failureCount, rateInWorker, type Target } from './load.ts';

const RPS = Number(process.env.BENCH_OVERHEAD_RPS ?? 500);
const SECONDS = Number(process.env.BENCH_OVERHEAD_SECONDS ?? 10);
const CEILING_CONNECTIONS = Number(process.env.BENCH_CEILING_CONNECTIONS ?? 32);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 5);

/** About what a Nextcloud notifications widget answers. */
const PAYLOAD = JSON.stringify({
  status: 'ok',
  data: {
    items: Array.from({ length: 10 }, (_, i) => ({
      id: `n${i}`,
      subject: `Notification ${i} : un document partagé attend votre relecture`,
      time: new Date(Date.UTC(2026, 11, 5, 8, i)).toISOString(),
      link: `https://cloud.example.test/apps/files/?fileid=${1000 + i}`,
    })),
  },
});

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN).toFixed(2));
}

async function listen(handler: http.RequestListener): Promise<{ base: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function measure(targets: Target[]) {
  await rateInWorker(targets, 100, 2, false); // warm-up: JIT, sockets
  const rate = await rateInWorker(targets, RPS, SECONDS, false);
  await ceilingInWorker(targets, CEILING_CONNECTIONS, 1, false);
  const ceiling = await ceilingInWorker(targets, CEILING_CONNECTIONS, CEILING_SECONDS, false);
  const failures = failureCount(rate) + failureCount(ceiling);
  if (failures > 0) throw new Error(`floor: ${JSON.stringify({ ...rate.failures, ...ceiling.failures })}`);
  return {
    p50: percentile(rate.latencies, 50),
    p99: percentile(rate.latencies, 99),
    ceiling: Math.round(ceiling.ok / ceiling.seconds),
  };
}

export async function runFloorBench(): Promise<Record<string, number>> {
  const bare = await listen((_req, res) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(PAYLOAD);
  });
  const app = express();
  app.use(
    session({
      secret: 'banc-d-essai-'.repeat(4),
      store: new session.MemoryStore(),
      resave: false,
      saveUninitialized: false,
      // A cookie with a lifetime, as the BFF's: express-session then hashes the session once more
      // per request (to decide whether to send the cookie again).
      cookie: { maxAge: 8 * 3_600_000 },
    }),
  );
  app.post('/sign-in', (req, res) => {
    // The BFF's session: the person's ids and the provider's tokens, sealed (about 3 kB).
    Object.assign(req.session, {
      passport: { user: { userId: crypto.randomUUID(), providerId: 'demo' } },
      tokens: 'x'.repeat(3_000),
      signedInAt: Date.now(),
    });
    res.status(204).end();
  });
  app.get('/data', (req, res) => {
    if (!req.session.cookie || !('tokens' in req.session)) {
      res.status(401).end();
      return;
    }
    res.type('json').send(PAYLOAD);
  });
  const framework = await listen(app);
  try {
    const signedIn = await fetch(`${framework.base}/sign-in`, { method: 'POST' });
    const cookie = signedIn.headers.get('set-cookie')?.split(';')[0] ?? '';
    const node = await measure([{ url: `${bare.base}/data`, headers: {} }]);
    const sessionFloor = await measure([{ url: `${framework.base}/data`, headers: { cookie } }]);
    return {
      node_http_floor_p50_ms: node.p50,
      node_http_floor_p99_ms: node.p99,
      node_http_floor_ceiling_rps: node.ceiling,
      express_session_floor_p50_ms: sessionFloor.p50,
      express_session_floor_p99_ms: sessionFloor.p99,
      express_session_floor_ceiling_rps: sessionFloor.ceiling,
    };
  } finally {
    await bare.close();
    await framework.close();
  }
}
