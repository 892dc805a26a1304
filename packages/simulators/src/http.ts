// What every simulator shares: one node:http server per application, with the latency, the fault
// mode and the request counter that tests and benchmarks drive from the handle.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type SimulatedApp =
  | 'nextcloud'
  | 'zimbra'
  | 'matrix'
  | 'jitsi'
  // Business applications (issue 11): GLPI, an OData finance service, a SOAP time-management service, news feeds.
  | 'glpi'
  | 'finance'
  | 'time'
  | 'feeds';
export const SIMULATED_APPS: readonly SimulatedApp[] = [
  'nextcloud',
  'zimbra',
  'matrix',
  'jitsi',
  'glpi',
  'finance',
  'time',
  'feeds',
];

/**
 * - `none`: the documented behaviour;
 * - `hang`: the request is read and never answered (the client must time out);
 * - `http500`: an HTML 500 page, as a crashed PHP/Java backend behind its proxy would give;
 * - `garbage`: 200 with a JSON content type and a body that is not JSON.
 */
export type FaultMode = 'none' | 'hang' | 'http500' | 'garbage';

export interface AppControl {
  latencyMs: number;
  fault: FaultMode;
  requests: number;
}

/** A response already decided by the application; written after the latency. */
export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sends the body a few bytes at a time (a slow upstream that keeps the socket busy). */
  trickle?: { chunkBytes: number; intervalMs: number };
}

export type AppHandler = (req: IncomingMessage, body: string, baseUrl: string) => SimResponse | Promise<SimResponse>;

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function faultResponse(fault: Exclude<FaultMode, 'none' | 'hang'>): SimResponse {
  if (fault === 'http500') {
    return {
      status: 500,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html><body><h1>500 Internal Server Error</h1></body></html>',
    };
  }
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"ocs": {"meta": <<<' };
}

async function trickle(
  res: ServerResponse,
  body: Buffer,
  { chunkBytes, intervalMs }: { chunkBytes: number; intervalMs: number },
): Promise<void> {
  for (let offset = 0; offset < body.length; offset += chunkBytes) {
    if (res.destroyed) return;
    res.write(body.subarray(offset, offset + chunkBytes));
    await sleep(intervalMs);
  }
  if (!res.destroyed) res.end();
}

export async function startAppServer(
  control: AppControl,
  handler: AppHandler,
  host: string,
  port: number,
): Promise<RunningApp> {
  let baseUrl = '';
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    control.requests += 1;
    void (async () => {
      let response: SimResponse;
      try {
        const body = await readBody(req);
        const fault = control.fault;
        if (fault === 'hang') return; // keep the socket open, never answer
        if (control.latencyMs > 0) await sleep(control.latencyMs);
        response = fault === 'none' ? await handler(req, body, baseUrl) : faultResponse(fault);
      } catch {
        response = { status: 500, headers: { 'content-type': 'text/plain' }, body: 'simulator error' };
      }
      if (res.destroyed) return;
      res.writeHead(response.status, response.headers ?? {});
      if (response.trickle && response.body !== undefined) {
        await trickle(res, Buffer.from(response.body), response.trickle);
        return;
      }
      res.end(response.body ?? '');
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hung requests and keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
      }),
  };
}

/** Value of one request header (first one when repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Text for an HTML page: what an upstream's page would escape. */
export function htmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const auth = header(req, 'authorization');
  const match = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return match?.[1];
}
