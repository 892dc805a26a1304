import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { drainAndClose } from './server.js';

function get(
  port: number,
  agent?: http.Agent,
): Promise<{ status: number; connection: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/', agent: agent ?? false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
      })
      .on('error', reject);
  });
}

describe('drainAndClose (SIGTERM, rolling restart)', () => {
  it('finishes the requests it accepted and refuses new connections', async () => {
    const drain = { active: false };
    let release: () => void = () => {};
    let accepted: () => void = () => {};
    const received = new Promise<void>((resolve) => (accepted = resolve));
    const server = http.createServer((_req, res) => {
      accepted();
      if (drain.active) res.setHeader('connection', 'close');
      // The first request is slow: it is in flight when the stop comes.
      new Promise<void>((resolve) => (release = resolve)).then(
        () => res.end('fini'),
        () => undefined,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const inFlight = get(port);
    await received;
    const closed = drainAndClose(server, drain);
    await expect(get(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    release();
    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'fini' });
    await closed;
    expect(server.listening).toBe(false);
  });
});
