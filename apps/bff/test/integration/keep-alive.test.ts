import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/*
 * A balancer keeps idle connections to Pléiade and reuses them. If Pléiade closes one (Node's
 * default: after 5 s idle) at the instant the balancer sends a request on it, that request fails.
 * So Pléiade keeps an idle connection longer than balancers do (HTTP_KEEP_ALIVE_SECONDS, 65 s),
 * and the setting is honoured both ways.
 */

let defaults: TestPleiade;
let shortLived: TestPleiade;

beforeAll(async () => {
  [defaults, shortLived] = await Promise.all([startTestPleiade(), startTestPleiade({ HTTP_KEEP_ALIVE_SECONDS: '1' })]);
});

afterAll(async () => {
  await Promise.all([defaults?.stop(), shortLived?.stop()]);
});

/** A raw kept-alive connection: send a request, read one whole response; tells when the server closes it. */
class Connection {
  private readonly socket: net.Socket;
  private buffered = '';
  readonly closed: Promise<void>;

  constructor(url: string) {
    const { hostname, port } = new URL(url);
    this.socket = net.connect(Number(port), hostname);
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => (this.buffered += chunk));
    this.closed = new Promise((resolve) => this.socket.once('close', () => resolve()));
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.socket.readyState === 'closed';
  }

  /** GET /healthz on this connection; resolves with the status line. */
  async healthz(): Promise<string> {
    this.buffered = '';
    this.socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
    for (let waited = 0; waited < 5_000; waited += 20) {
      const end = this.buffered.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(this.buffered)?.[1];
      if (end >= 0 && length !== undefined && this.buffered.length >= end + 4 + Number(length)) {
        return this.buffered.slice(0, this.buffered.indexOf('\r\n'));
      }
      if (this.isClosed) throw new Error('connection closed by the server');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no whole response: ${this.buffered.slice(0, 200)}`);
  }

  close(): void {
    this.socket.destroy();
  }
}

describe('idle kept-alive connections', () => {
  it('stay open past Node’s 5 s by default: a second request on the same connection is answered', async () => {
    const connection = new Connection(defaults.url);
    try {
      expect(await connection.healthz()).toBe('HTTP/1.1 200 OK');
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      expect(connection.isClosed).toBe(false);
      expect(await connection.healthz()).toBe('HTTP/1.1 200 OK');
    } finally {
      connection.close();
    }
  }, 15_000);

  it('are closed by the server once HTTP_KEEP_ALIVE_SECONDS have passed idle', async () => {
    const connection = new Connection(shortLived.url);
    try {
      expect(await connection.healthz()).toBe('HTTP/1.1 200 OK');
      // Closed by the server (1 s here), long before Node's default would have.
      await expect(
        Promise.race([connection.closed.then(() => 'closed'), sleep(4_000).then(() => 'open')]),
      ).resolves.toBe('closed');
    } finally {
      connection.close();
    }
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
