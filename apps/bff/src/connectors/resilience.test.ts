import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorResilience, isRetryable } from './resilience.js';
import { UpstreamError } from './states.js';
import { UpstreamClient, type UpstreamClientOptions } from './upstream-client.js';

/** An upstream whose answers are scripted per request: status codes, or 'hang'. */
async function scriptedUpstream(script: Array<number | 'hang'>, then: number | 'hang' = 200) {
  const upstream = { requests: 0, methods: [] as string[], url: '', script };
  const server = http.createServer((req, res) => {
    upstream.requests += 1;
    upstream.methods.push(req.method ?? '');
    const answer = upstream.script.shift() ?? then;
    if (answer === 'hang') return;
    res.writeHead(answer, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: answer === 200 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return upstream;
}

const servers: http.Server[] = [];
const clients: UpstreamClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

function clientFor(baseUrl: string, options: Partial<UpstreamClientOptions> = {}) {
  const client = new UpstreamClient({
    instanceId: 'zimbra-test',
    baseUrl,
    allowPrivateNetworks: ['127.0.0.1/32'],
    resilience: { retries: 2, initialBackoffMs: 5, maxBackoffMs: 20 },
    ...options,
  });
  clients.push(client);
  return client;
}

const Answer = z.object({ ok: z.literal(true) });

describe('retries', () => {
  it('retries an idempotent read that failed transiently', async () => {
    const upstream = await scriptedUpstream([503]);
    const state = await clientFor(upstream.url).read({ path: '/search', schema: Answer });
    expect(state.status).toBe('ok');
    expect(upstream.requests).toBe(2);
  });

  it('retries PROPFIND and REPORT, and gives up after the configured attempts', async () => {
    const upstream = await scriptedUpstream([502, 503, 200, 504, 503, 503]);
    const dav = clientFor(upstream.url);
    expect((await dav.read({ method: 'PROPFIND', path: '/dav/', schema: Answer })).status).toBe('ok');
    expect(upstream.requests).toBe(3);
    expect(await dav.read({ method: 'REPORT', path: '/dav/', schema: Answer })).toMatchObject({
      status: 'unreachable',
    });
    expect(upstream.requests).toBe(6); // first attempt + 2 retries
  });

  it('does not retry a POST unless it is marked idempotent', async () => {
    const upstream = await scriptedUpstream([503, 503]);
    const zimbra = clientFor(upstream.url);
    expect((await zimbra.read({ method: 'POST', path: '/service/soap', body: {}, schema: Answer })).status).toBe(
      'unreachable',
    );
    expect(upstream.requests).toBe(1);
    const search = await zimbra.read({
      method: 'POST',
      path: '/service/soap',
      body: { Body: { SearchRequest: {} } },
      idempotent: true,
      schema: Answer,
    });
    expect(search.status).toBe('ok');
    expect(upstream.requests).toBe(3);
    expect(upstream.methods).toEqual(['POST', 'POST', 'POST']);
  });

  it('does not retry refused credentials or invalid answers', async () => {
    const upstream = await scriptedUpstream([401, 404]);
    const client = clientFor(upstream.url);
    expect((await client.read({ path: '/a', schema: Answer })).status).toBe('credentials_refused');
    expect((await client.read({ path: '/a', schema: Answer })).status).toBe('invalid_response');
    expect(upstream.requests).toBe(2);
  });

  it('knows which methods are reads', () => {
    expect(['GET', 'get', 'HEAD', 'PROPFIND', 'REPORT'].every((method) => isRetryable(method))).toBe(true);
    expect(['POST', 'PUT', 'PATCH', 'DELETE'].some((method) => isRetryable(method))).toBe(false);
    expect(isRetryable('POST', true)).toBe(true);
  });

  it('bounds the whole call, retries included, by its deadline', async () => {
    const upstream = await scriptedUpstream([], 'hang');
    const client = clientFor(upstream.url, { timeoutMs: 5_000, resilience: { deadlineMs: 150, retries: 2 } });
    const started = performance.now();
    expect((await client.read({ path: '/slow', schema: Answer })).status).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('circuit breaker', () => {
  const breakerOptions = { retries: 0, breakerThreshold: 3, halfOpenAfterMs: 150 };

  it('opens after consecutive failures and stops calling the upstream', async () => {
    const upstream = await scriptedUpstream([], 503);
    const client = clientFor(upstream.url, { resilience: breakerOptions });
    for (let i = 0; i < 3; i += 1)
      expect((await client.read({ path: '/a', schema: Answer })).status).toBe('unreachable');
    expect(client.resilience.circuit).toBe('open');
    for (let i = 0; i < 10; i += 1) {
      expect(await client.read({ path: '/a', schema: Answer })).toEqual({
        status: 'circuit_open',
        message: expect.stringContaining('momentanément suspendu'),
      });
    }
    expect(upstream.requests).toBe(3);
  });

  it('lets one trial call through after the pause: success closes, failure reopens', async () => {
    const upstream = await scriptedUpstream([503, 503, 503, 503], 200);
    const client = clientFor(upstream.url, { resilience: breakerOptions });
    for (let i = 0; i < 3; i += 1) await client.read({ path: '/a', schema: Answer });
    expect(client.resilience.circuit).toBe('open');

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await client.read({ path: '/a', schema: Answer })).status).toBe('unreachable'); // the trial failed
    expect(client.resilience.circuit).toBe('open');
    expect((await client.read({ path: '/a', schema: Answer })).status).toBe('circuit_open');
    expect(upstream.requests).toBe(4);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await client.read({ path: '/a', schema: Answer })).status).toBe('ok');
    expect(client.resilience.circuit).toBe('closed');
    expect((await client.read({ path: '/a', schema: Answer })).status).toBe('ok');
    expect(upstream.requests).toBe(6);
  });

  it('is not opened by one person’s refused credentials', async () => {
    const upstream = await scriptedUpstream([], 401);
    const client = clientFor(upstream.url, { resilience: breakerOptions });
    for (let i = 0; i < 10; i += 1) await client.read({ path: '/a', schema: Answer });
    expect(client.resilience.circuit).toBe('closed');
    expect(upstream.requests).toBe(10);
  });

  it('is shared by the clients of one connector instance', async () => {
    const upstream = await scriptedUpstream([], 503);
    const shared = new ConnectorResilience(breakerOptions);
    const first = clientFor(upstream.url, { resilience: shared });
    const second = clientFor(upstream.url, { resilience: shared });
    for (let i = 0; i < 3; i += 1) await first.read({ path: '/a', schema: Answer });
    expect((await second.read({ path: '/a', schema: Answer })).status).toBe('circuit_open');
    expect(upstream.requests).toBe(3);
  });

  it('maps the policies’ own errors to states', async () => {
    const resilience = new ConnectorResilience({ deadlineMs: 20, retries: 0 });
    await expect(resilience.execute(() => new Promise(() => {}), true)).rejects.toMatchObject({
      status: 'timeout',
      reason: 'DEADLINE',
    });
    await expect(
      resilience.execute(() => Promise.reject(new UpstreamError('invalid_response', 'SCHEMA')), true),
    ).rejects.toBeInstanceOf(UpstreamError);
  });
});
