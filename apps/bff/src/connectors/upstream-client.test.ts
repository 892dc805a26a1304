import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { createSimulatorPki, type SimulatorPki } from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger.js';
import { AddressPolicy, ConnectorConfigError, isSpecialUseAddress, type LookupFunction } from './address-guard.js';
import { FAILURE_MESSAGES, type WidgetState } from './states.js';
import { UpstreamClient, pathOf, type UpstreamClientOptions } from './upstream-client.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A real upstream on loopback that counts the requests it receives. */
async function startUpstream(handler: Handler, tls?: { key: string; cert: string }) {
  const upstream = { requests: 0, url: '', close: async () => {} };
  const listener: Handler = (req, res) => {
    upstream.requests += 1;
    handler(req, res);
  };
  const server = tls ? https.createServer(tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  upstream.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  upstream.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return upstream;
}

const json =
  (body: unknown, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

const Items = z.object({ items: z.array(z.object({ title: z.string() })) });
const ITEMS = { items: [{ title: 'Conseil municipal' }] };

const clients: UpstreamClient[] = [];
function client(options: Partial<UpstreamClientOptions> & { baseUrl: string }) {
  const created = new UpstreamClient({
    instanceId: 'nextcloud-test',
    resilience: { retries: 0, breakerThreshold: 1_000 },
    ...options,
  });
  clients.push(created);
  return created;
}
afterEach(() => {
  for (const created of clients.splice(0)) created.close();
});

/** Resolves every name to the given addresses, as a hostile or rebinding DNS server would. */
const resolvingTo =
  (...addresses: string[]): LookupFunction =>
  (_hostname, _options, callback) =>
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('fixed paths under the base URL', () => {
  const nextcloud = new UpstreamClient({ instanceId: 'nc', baseUrl: 'https://cloud.mairie.fr/nextcloud' });
  afterAll(() => nextcloud.close());

  it('joins a fixed path to the base path', () => {
    expect(nextcloud.resolve('/ocs/v2.php/apps/notifications/api/v2/notifications').href).toBe(
      'https://cloud.mairie.fr/nextcloud/ocs/v2.php/apps/notifications/api/v2/notifications',
    );
    expect(nextcloud.resolve('/').href).toBe('https://cloud.mairie.fr/nextcloud/');
  });

  it.each([
    'https://evil.example/steal',
    'http:/evil.example',
    '//evil.example/steal',
    'javascript:alert(1)',
    'ocs/v2.php',
    '/../admin',
    '/ocs/../../etc/passwd',
    '/ocs/./x',
    '/ocs/%2e%2e/x',
    '/ocs/%2E./x',
    '/ocs\\..\\x',
    '/ocs?redirect=https://evil.example',
    '/ocs#x',
    '/ocs x',
    '',
  ])('refuses %j', (path) => {
    expect(() => nextcloud.resolve(path)).toThrow(ConnectorConfigError);
  });

  it('encodes values put into a path, which cannot add segments', () => {
    expect(pathOf`/api/v2/structures/${'a/../b'}/sittings/${42}`).toBe('/api/v2/structures/a%2F..%2Fb/sittings/42');
    expect(() => pathOf`/api/${'..'}`).toThrow(ConnectorConfigError);
    expect(nextcloud.resolve(pathOf`/dav/files/${'marie.dupont@mairie.fr'}/`).pathname).toBe(
      '/nextcloud/dav/files/marie.dupont%40mairie.fr/',
    );
  });

  it('refuses base URLs with credentials, queries or another scheme', () => {
    for (const baseUrl of ['ftp://cloud.mairie.fr', 'https://user:pw@cloud.mairie.fr', 'https://a.fr/?x=1', 'cloud']) {
      expect(() => new UpstreamClient({ instanceId: 'x', baseUrl })).toThrow(ConnectorConfigError);
    }
  });
});

describe('reads', () => {
  it('parses the JSON body with the schema and answers an ok state', async () => {
    let seen: http.IncomingMessage | undefined;
    const upstream = await startUpstream((req, res) => {
      seen = req;
      json(ITEMS)(req, res);
    });
    const nextcloud = client({
      baseUrl: `${upstream.url}/nextcloud/`,
      allowPrivateNetworks: ['127.0.0.1/32'],
      headers: { 'OCS-APIRequest': 'true' },
    });
    const before = Date.now();
    const state = await nextcloud.read({
      path: '/ocs/items',
      query: { limit: 7, 'widgets[]': ['a', 'b'] },
      schema: Items,
    });
    expect(state).toMatchObject({ status: 'ok', data: ITEMS, stale: false });
    expect(Date.parse((state as { fetchedAt: string }).fetchedAt)).toBeGreaterThanOrEqual(before - 1);
    expect(seen?.url).toMatch(/^\/nextcloud\/ocs\/items\?limit=7&widgets/);
    expect(seen?.headers['ocs-apirequest']).toBe('true');
    expect(seen?.headers.connection).toBe('keep-alive');
    await upstream.close();
  });

  it('reuses kept-alive connections', async () => {
    const ports = new Set<number>();
    const upstream = await startUpstream((req, res) => {
      ports.add(req.socket.remotePort ?? 0);
      json(ITEMS)(req, res);
    });
    const nextcloud = client({ baseUrl: upstream.url, allowPrivateNetworks: ['127.0.0.1'] });
    for (let i = 0; i < 5; i += 1) await nextcloud.read({ path: '/items', schema: Items });
    expect(ports.size).toBe(1);
    await upstream.close();
  });

  it('hands raw text to the schema for XML answers', async () => {
    const upstream = await startUpstream((_req, res) => res.end('<d:multistatus/>'));
    const dav = client({ baseUrl: upstream.url, allowPrivateNetworks: ['127.0.0.1/32'] });
    const state = await dav.read({
      method: 'PROPFIND',
      path: '/remote.php/dav/',
      body: '<d:propfind xmlns:d="DAV:"/>',
      headers: { 'content-type': 'application/xml', depth: '0' },
      responseType: 'text',
      schema: z.string().startsWith('<d:multistatus'),
    });
    expect(state.status).toBe('ok');
    await upstream.close();
  });
});

describe('SSRF protection', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  beforeAll(async () => {
    upstream = await startUpstream(json(ITEMS));
  });
  afterAll(() => upstream.close());

  const portOf = () => new URL(upstream.url).port;

  it('refuses a loopback address unless the operator allow-lists it', async () => {
    const refused = await client({ baseUrl: upstream.url }).read({ path: '/items', schema: Items });
    expect(refused.status).toBe('unreachable');
    const allowed = await client({ baseUrl: upstream.url, allowPrivateNetworks: ['127.0.0.1/32'] }).read({
      path: '/items',
      schema: Items,
    });
    expect(allowed.status).toBe('ok');
    expect(upstream.requests).toBe(1);
  });

  it('checks the address connected, not the host name (DNS rebinding)', async () => {
    const before = upstream.requests;
    const rebound = client({ baseUrl: `http://nextcloud.example.fr:${portOf()}`, lookup: resolvingTo('127.0.0.1') });
    expect(await rebound.read({ path: '/items', schema: Items })).toMatchObject({ status: 'unreachable' });
    expect(await rebound.testConnection({ path: '/items', schema: Items })).toMatchObject({
      ok: false,
      reason: 'ADDRESS_REFUSED',
    });
    // One private address among public ones is enough to refuse.
    const mixed = client({
      baseUrl: `http://nextcloud.example.fr:${portOf()}`,
      lookup: resolvingTo('93.184.215.14', '10.0.0.5'),
    });
    expect(await mixed.testConnection({ path: '/items', schema: Items })).toMatchObject({ reason: 'ADDRESS_REFUSED' });
    expect(upstream.requests).toBe(before);

    // The same lookup, allow-listed: the request goes through the custom lookup to the server.
    const allowed = client({
      baseUrl: `http://nextcloud.example.fr:${portOf()}`,
      lookup: resolvingTo('127.0.0.1'),
      allowPrivateNetworks: ['127.0.0.0/8'],
    });
    expect((await allowed.read({ path: '/items', schema: Items })).status).toBe('ok');
    const byName = client({
      baseUrl: `http://simulateur.local:${portOf()}`,
      lookup: resolvingTo('127.0.0.1'),
      allowPrivateNetworks: ['simulateur.local'],
    });
    expect((await byName.read({ path: '/items', schema: Items })).status).toBe('ok');
    expect(upstream.requests).toBe(before + 2);
  });

  it('refuses localhost, metadata and other special-use address literals', async () => {
    for (const baseUrl of [
      `http://localhost:${portOf()}`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:80',
      'http://[::ffff:127.0.0.1]:80',
      'http://0.0.0.0:80',
      'http://10.1.2.3',
      'http://[fd00::1]',
    ]) {
      const result = await client({ baseUrl }).testConnection({ path: '/', schema: z.unknown() });
      expect(result, baseUrl).toMatchObject({ ok: false, status: 'unreachable', reason: 'ADDRESS_REFUSED' });
    }
  });

  it('classifies addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.0.1',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a00:1',
      'not-an-ip',
    ]) {
      expect(isSpecialUseAddress(address), address).toBe(true);
    }
    for (const address of ['93.184.215.14', '172.32.0.1', '2a01:e0a:1::1', '::ffff:5db8:d70e']) {
      expect(isSpecialUseAddress(address), address).toBe(false);
    }
  });

  it('validates the allow-list', () => {
    const policy = new AddressPolicy(['10.20.0.0/16', 'fd00::/8', '192.168.1.10', 'Intranet.Mairie.local']);
    expect(policy.permits('x', '10.20.3.4')).toBe(true);
    expect(policy.permits('x', '10.21.3.4')).toBe(false);
    expect(policy.permits('x', 'fd00::1')).toBe(true);
    expect(policy.permits('x', '::ffff:192.168.1.10')).toBe(true);
    expect(policy.permits('intranet.mairie.local', '127.0.0.1')).toBe(true);
    for (const entry of ['10.0.0.0/33', '10.0.0.0/8/1', 'http://x', '::1/129', '']) {
      expect(() => new AddressPolicy([entry]), entry).toThrow(ConnectorConfigError);
    }
  });
});

describe('TLS verification', () => {
  let dir: string;
  let tls: { key: string; cert: string };
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pleiade-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    tls = {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a self-signed certificate, whatever the environment says', async () => {
    const upstream = await startUpstream(json(ITEMS), tls);
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const selfSigned = client({
        baseUrl: upstream.url,
        allowPrivateNetworks: ['127.0.0.1/32'],
        // @ts-expect-error: there is no option to turn verification off
        rejectUnauthorized: false,
      });
      expect(await selfSigned.read({ path: '/items', schema: Items })).toEqual({
        status: 'unreachable',
        message: FAILURE_MESSAGES.unreachable,
      });
      expect(await selfSigned.testConnection({ path: '/items', schema: Items })).toMatchObject({ reason: 'TLS' });
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }
    expect(upstream.requests).toBe(0);
    // An internal PKI is trusted by adding its CA; verification stays on.
    const trusted = client({ baseUrl: upstream.url, allowPrivateNetworks: ['127.0.0.1/32'], ca: tls.cert });
    expect((await trusted.read({ path: '/items', schema: Items })).status).toBe('ok');
    await upstream.close();
  });
});

describe('TLS client certificate', () => {
  let pki: SimulatorPki;
  let other: SimulatorPki;
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    [pki, other] = await Promise.all([
      createSimulatorPki({ clients: ['mairie'] }),
      createSimulatorPki({ clients: ['intrus'], caName: 'Autre autorité' }),
    ]);
    const server = https.createServer(
      { key: pki.server.key, cert: pki.server.cert, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        const cn = (req.socket as TLSSocket).getPeerCertificate().subject?.CN;
        seen.push(Array.isArray(cn) ? cn.join(',') : cn);
        json(ITEMS)(req, res);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    upstream = {
      requests: 0,
      url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  });
  afterAll(() => upstream.close());

  const base = () => ({ baseUrl: upstream.url, allowPrivateNetworks: ['127.0.0.1/32'], ca: pki.ca.cert });

  it('presents the configured certificate, and the upstream refuses the handshake without it', async () => {
    const withCertificate = client({ ...base(), clientCertificate: pki.clients.mairie });
    expect(await withCertificate.read({ path: '/items', schema: Items })).toMatchObject({ status: 'ok', data: ITEMS });
    expect(seen).toEqual(['mairie']);

    const without = client(base());
    expect(await without.read({ path: '/items', schema: Items })).toEqual({
      status: 'unreachable',
      message: FAILURE_MESSAGES.unreachable,
    });
    const stranger = client({ ...base(), clientCertificate: other.clients.intrus });
    expect((await stranger.read({ path: '/items', schema: Items })).status).toBe('unreachable');
    expect(seen).toEqual(['mairie']);
  });

  it('still verifies the server: a client certificate does not make an unknown CA trusted', async () => {
    const untrusted = client({
      baseUrl: upstream.url,
      allowPrivateNetworks: ['127.0.0.1/32'],
      ca: other.ca.cert,
      clientCertificate: pki.clients.mairie,
    });
    expect(await untrusted.testConnection({ path: '/items', schema: Items })).toMatchObject({
      ok: false,
      reason: 'TLS',
    });
  });

  it('refuses a client certificate for plain http and an unreadable PEM, without quoting it', () => {
    expect(() => client({ baseUrl: 'http://s2low.test', clientCertificate: pki.clients.mairie! })).toThrow(
      ConnectorConfigError,
    );
    const secretKey = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleQ==\n-----END PRIVATE KEY-----\n';
    let error: unknown;
    try {
      client({ baseUrl: 'https://s2low.test', clientCertificate: { cert: pki.clients.mairie!.cert, key: secretKey } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConnectorConfigError);
    expect(String((error as Error).message)).not.toContain('c2VjcmV0');
    // A key that is not the certificate's is refused too.
    expect(() =>
      client({
        baseUrl: 'https://s2low.test',
        clientCertificate: { cert: pki.clients.mairie!.cert, key: other.clients.intrus!.key },
      }),
    ).toThrow(ConnectorConfigError);
  });
});

describe('error mapping', () => {
  const SECRET = 'app-password-s3cr3t';
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  beforeAll(async () => {
    upstream = await startUpstream((req, res) => {
      const route = req.url ?? '';
      const leak = `upstream says: ${SECRET} at ${upstream.url}`;
      if (route === '/ok') return json(ITEMS)(req, res);
      if (route === '/unauthorized') return json({ error: leak }, 401)(req, res);
      if (route === '/forbidden') return json({ error: leak }, 403)(req, res);
      if (route === '/broken') return json({ error: leak }, 500)(req, res);
      if (route === '/unavailable') return json({ error: leak }, 503)(req, res);
      if (route === '/missing') return json({ error: leak }, 404)(req, res);
      if (route === '/html') return res.end(`<html>${leak}</html>`);
      if (route === '/wrong-shape') return json({ items: [{ title: 42 }] })(req, res);
      if (route === '/huge') return json({ items: [{ title: 'x'.repeat(10_000) }] })(req, res);
      if (route === '/redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/' });
        return res.end();
      }
      if (route === '/hang') return; // never answers
      res.writeHead(418);
      res.end();
    });
  });
  afterAll(() => upstream.close());

  const cases: Array<[string, WidgetState<unknown>['status'], string]> = [
    ['/ok', 'ok', ''],
    ['/unauthorized', 'credentials_refused', 'HTTP_401'],
    ['/forbidden', 'credentials_refused', 'HTTP_403'],
    ['/broken', 'unreachable', 'HTTP_500'],
    ['/unavailable', 'unreachable', 'HTTP_503'],
    ['/missing', 'invalid_response', 'HTTP_404'],
    ['/html', 'invalid_response', 'JSON'],
    ['/wrong-shape', 'invalid_response', 'SCHEMA'],
    ['/huge', 'invalid_response', 'TOO_LARGE'],
    ['/redirect', 'invalid_response', 'HTTP_302_REDIRECT'],
    ['/hang', 'timeout', 'TIMEOUT'],
  ];

  it.each(cases)('%s → %s', async (route, status, reason) => {
    const lines: string[] = [];
    const logger = createLogger(
      'debug',
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const nextcloud = client({
      baseUrl: upstream.url,
      allowPrivateNetworks: ['127.0.0.1/32'],
      headers: { authorization: `Basic ${Buffer.from(`marie:${SECRET}`).toString('base64')}` },
      timeoutMs: 150,
      maxContentLength: 4_096,
      logger,
    });
    const state = await nextcloud.read({ path: route, schema: Items });
    expect(state.status).toBe(status);
    if (state.status !== 'ok') {
      expect(state).toEqual({ status: state.status, message: FAILURE_MESSAGES[state.status] });
      const test = await nextcloud.testConnection({ path: route, schema: Items });
      expect(test).toMatchObject({ ok: false, status, reason });
      const said = JSON.stringify([state, test, lines]);
      for (const leak of [SECRET, '127.0.0.1', new URL(upstream.url).port, route, 'upstream says']) {
        expect(said).not.toContain(leak);
      }
      expect(lines.join('')).toContain('nextcloud-test');
    }
  });

  it('maps refused connections and unknown names to unreachable', async () => {
    const closed = await startUpstream(json(ITEMS));
    await closed.close();
    const refused = client({ baseUrl: closed.url, allowPrivateNetworks: ['127.0.0.1/32'] });
    expect(await refused.testConnection({ path: '/', schema: z.unknown() })).toMatchObject({
      ok: false,
      status: 'unreachable',
      reason: 'ECONNREFUSED',
    });
    const unknownName: LookupFunction = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    const unknown = client({ baseUrl: 'https://nulle-part.invalid', lookup: unknownName });
    expect(await unknown.testConnection({ path: '/', schema: z.unknown() })).toMatchObject({
      status: 'unreachable',
      reason: 'ENOTFOUND',
    });
  });

  it('reports the latency of a successful connection test', async () => {
    const nextcloud = client({ baseUrl: upstream.url, allowPrivateNetworks: ['127.0.0.1/32'] });
    expect(await nextcloud.testConnection({ path: '/ok', schema: Items })).toMatchObject({ ok: true });
  });
});
