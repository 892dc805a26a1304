import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { settleReads } from './settle.js';
import { FAILURE_MESSAGES, UpstreamError, okState, type WidgetState } from './states.js';
import { UpstreamClient } from './upstream-client.js';

describe('settleReads', () => {
  let server: http.Server;
  let client: UpstreamClient;
  let aborted = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang') {
        req.on('close', () => (aborted += 1));
        return;
      }
      if (req.url === '/broken') {
        res.writeHead(500);
        return res.end('Internal Server Error: stack trace with /var/www/secret');
      }
      setTimeout(() => res.end(JSON.stringify({ count: Number(req.url?.slice(6)) })), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new UpstreamClient({
      instanceId: 'fan-out',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      allowPrivateNetworks: ['127.0.0.1/32'],
      timeoutMs: 60_000,
      resilience: { retries: 0, deadlineMs: 60_000 },
    });
  });
  afterAll(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const Count = z.object({ count: z.number() });

  it('lets the fast reads answer while one hangs and one fails', async () => {
    const fast = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `fast${i}`,
        { read: (signal: AbortSignal) => client.read({ path: `/fast/${i}`, schema: Count, signal }) },
      ]),
    );
    const timings: Record<string, number> = {};
    const started = performance.now();
    const timed = <T>(id: string, read: Promise<WidgetState<T>>) =>
      read.finally(() => (timings[id] = performance.now() - started));
    const batch = settleReads(
      {
        ...Object.fromEntries(
          Object.entries(fast).map(([id, task]) => [
            id,
            { read: (signal: AbortSignal) => timed(id, task.read(signal)) },
          ]),
        ),
        hanging: { read: (signal) => client.read({ path: '/hang', schema: Count, signal }), timeoutMs: 1_000 },
        broken: { read: (signal) => client.read({ path: '/broken', schema: Count, signal }) },
      },
      { timeoutMs: 2_000 },
    );
    const states = await batch;
    const total = performance.now() - started;

    const byId: Record<string, WidgetState<unknown> | undefined> = states;
    for (let i = 0; i < 10; i += 1) {
      expect(byId[`fast${i}`]).toMatchObject({ status: 'ok', data: { count: i }, stale: false });
      expect(timings[`fast${i}`]).toBeLessThan(500);
    }
    expect(states.hanging).toEqual({ status: 'timeout', message: FAILURE_MESSAGES.timeout });
    expect(states.broken).toEqual({ status: 'unreachable', message: FAILURE_MESSAGES.unreachable });
    expect(total).toBeGreaterThanOrEqual(990);
    expect(total).toBeLessThan(2_500);
    await expect.poll(() => aborted).toBe(1); // the hanging request was cancelled, not left open
  });

  it('turns throws into failure states and keeps each read’s type', async () => {
    const states = await settleReads({
      count: { read: async () => okState(3) },
      label: { read: async () => okState('trois') },
      refused: {
        read: async (): Promise<WidgetState<number>> => {
          throw new UpstreamError('credentials_refused', 'HTTP_401');
        },
      },
      bug: {
        read: (): Promise<WidgetState<number>> => {
          throw new TypeError('x is undefined');
        },
      },
    });
    expectTypeOf(states.count).toEqualTypeOf<WidgetState<number>>();
    expectTypeOf(states.label).toEqualTypeOf<WidgetState<string>>();
    expect(states.count).toMatchObject({ status: 'ok', data: 3 });
    expect(states.refused.status).toBe('credentials_refused');
    expect(states.bug.status).toBe('unreachable');
  });
});
