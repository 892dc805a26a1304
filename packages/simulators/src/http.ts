// What every simulator shares: one node:http server per application, with the latency, the fault
// mode and the request counter that tests and benchmarks drive from the handle.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type ServerOptions as TlsServerOptions } from 'node:https';
import type { AddressInfo } from 'node:net';

export type SimulatedApp =
  | 'nextcloud'
  | 'zimbra'
  | 'matrix'
  | 'jitsi'
  // Dematerialisation (issue 10): i-Parapheur 5 and 4, S2low, i-delibRE, Pastell.
  | 'iparapheur'
  | 'iparapheur4'
  | 's2low'
  | 'idelibre'
  | 'pastell'
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
  'iparapheur',
  'iparapheur4',
  's2low',
  'idelibre',
  'pastell',
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
  /** Text is sent as UTF-8; a Buffer as it is (an ISO-8859-1 body, for instance). */
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

/**
 * One application's server on `host:port`; with `tls`, HTTPS with those options (a server that
 * demands a client certificate sets `requestCert` and `rejectUnauthorized` there).
 */
export async function startAppServer(
  control: AppControl,
  handler: AppHandler,
  host: string,
  port: number,
  tls?: TlsServerOptions,
): Promise<RunningApp> {
  let baseUrl = '';
  const listener = (req: IncomingMessage, res: ServerResponse) => {
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
  };
  const server: Server = tls ? createTlsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actualPort } = server.address() as AddressInfo;
  baseUrl = `${tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
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

/** The Basic credentials of a request, if any. */
export function basicCredentials(req: IncomingMessage): { user: string; password: string } | undefined {
  const auth = header(req, 'authorization');
  const match = auth ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * JSON as PHP's json_encode writes it by default: `/` escaped, characters beyond ASCII as \uXXXX.
 * With `hexTags`, also `<`, `>`, `&`, `'`, `"` inside strings (Symfony JsonResponse's defaults).
 */
export function phpJson(value: unknown, options: { hexTags?: boolean } = {}): string {
  const text = JSON.stringify(value);
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    const code = c.charCodeAt(0);
    if (c === '\\') {
      const next = text[i + 1] ?? '';
      i += 1;
      out += options.hexTags && next === '"' ? '\\u0022' : `\\${next}`;
      continue;
    }
    if (c === '"') inString = !inString;
    if (inString && c === '/') out += '\\/';
    else if (inString && options.hexTags && "<>&'".includes(c)) out += `\\u00${code.toString(16).toUpperCase()}`;
    else if (code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/** Values of a form-urlencoded body (OAuth token requests). */
export function formBody(body: string): URLSearchParams {
  return new URLSearchParams(body);
}

/** A date as `YYYY-MM-DD HH:MM:SS` in Europe/Paris, as PHP applications of French servers store it. */
export function parisDateTime(date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The Europe/Paris UTC offset at `date`, as `+01:00` or `+02:00`. */
export function parisOffset(date: Date): string {
  const local = parisDateTime(date).replace(' ', 'T');
  const minutes = Math.round((Date.parse(`${local}Z`) - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** RFC 3339 in Europe/Paris with its offset (`2026-03-12T18:30:00+01:00`), as Symfony's serializer writes dates. */
export function parisRfc3339(date: Date): string {
  return `${parisDateTime(date).replace(' ', 'T')}${parisOffset(date)}`;
}
