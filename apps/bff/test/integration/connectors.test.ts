import { randomBytes, randomUUID } from 'node:crypto';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorBodySchema,
  PRIVATE_ADDRESS_NEEDS_OPERATOR,
  PRIVATE_ADDRESS_NOT_ALLOWED,
  PRIVATE_NETWORKS_OPERATOR_ONLY,
  connectorListResponseSchema,
  connectorSchema,
  connectorTestResultSchema,
  type Connector,
} from '@pleiade/contracts';
import { ConfigError } from '../../src/config.js';
import { provisionConnectors, resealConnectorSecrets } from '../../src/connector-settings/provisioning.js';
import { openSecrets } from '../../src/connector-settings/secrets.js';
import { FAILURE_MESSAGES } from '../../src/connectors/states.js';
import { parseKeyring, SecretBox } from '../../src/connectors/secret-box.js';
import { createDb } from '../../src/db/client.js';
import { createLogger } from '../../src/logger.js';
import { ensureCollectivites } from '../../src/seed/demo.js';
import { createTestDatabase, invalidationDelivered } from '../support/database.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, testConfig, type TestPleiade } from '../support/pleiade.js';

const SECRET_1 = `premier-secret-${randomBytes(12).toString('hex')}`;
const SECRET_2 = `second-secret-${randomBytes(12).toString('hex')}`;
const SECRET_3 = `troisieme-secret-${randomBytes(12).toString('hex')}`;

let pleiade: TestPleiade;
let admin: TestBrowser;
let operator: TestBrowser;
let agent: TestBrowser;
let elu: TestBrowser;
let agentB: TestBrowser;
const logLines: string[] = [];
/** Every API response body of this file, checked for secrets at the end. */
const responses: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  pleiade = await startTestPleiade({}, createLogger('trace', sink));
  admin = await signIn(pleiade.url, 'admin');
  operator = await signIn(pleiade.url, 'operateur');
  agent = await signIn(pleiade.url, 'agent');
  elu = await signIn(pleiade.url, 'elu');
  agentB = await signIn(pleiade.url, 'agent-b');
});
afterAll(async () => {
  await pleiade?.stop();
});

const connectorsUrl = () => `${pleiade.url}/api/admin/connectors`;

async function call(browser: TestBrowser, url: string, method = 'GET', body?: unknown) {
  const response = await api(browser, url, method, body);
  const text = await response.text();
  responses.push(text);
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function create(body: Record<string, unknown>, as = admin): Promise<Connector> {
  const { status, json } = await call(as, connectorsUrl(), 'POST', body);
  expect(status, JSON.stringify(json)).toBe(201);
  return connectorSchema.parse(json);
}

async function list(browser: TestBrowser): Promise<Connector[]> {
  const { status, json } = await call(browser, connectorsUrl());
  expect(status).toBe(200);
  return connectorListResponseSchema.parse(json).connectors;
}

async function storedSecrets(id: string): Promise<string | null | undefined> {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ secrets: string | null }>(
      'SELECT secrets FROM connector_instance WHERE id = $1',
      [id],
    );
    return rows[0]?.secrets;
  } finally {
    await client.end();
  }
}

describe('connector settings (administrator of demo-a)', () => {
  it('creates, lists, updates and deletes connectors; secrets go in, only their names come out', async () => {
    const created = await create({
      kind: 'nextcloud',
      label: 'Fichiers',
      baseUrl: 'https://cloud.demo-a.pleiade.test/nextcloud',
      authMode: 'service_account',
      secrets: { username: SECRET_1 },
    });
    expect(created).toMatchObject({
      kind: 'nextcloud',
      label: 'Fichiers',
      authMode: 'service_account',
      options: {},
      secretNames: ['username'],
      allowPrivateNetworks: [],
      enabled: true,
    });
    expect(Object.keys(created).sort()).toEqual(
      [
        'allowPrivateNetworks',
        'authMode',
        'baseUrl',
        'createdAt',
        'enabled',
        'id',
        'kind',
        'label',
        'options',
        'secretNames',
        'updatedAt',
      ].sort(),
    );
    expect((await list(admin)).map((connector) => connector.id)).toContain(created.id);

    const imap = await create({
      kind: 'imap',
      label: 'Messagerie',
      baseUrl: 'https://mail.demo-a.pleiade.test/',
      authMode: 'personal_secret',
      options: { port: 143 },
    });
    expect(imap.options).toEqual({ port: 143, tls: 'implicit' });
    expect(imap.secretNames).toEqual([]);

    const url = `${connectorsUrl()}/${created.id}`;
    const updated = await call(admin, url, 'PUT', {
      label: 'Fichiers partagés',
      secrets: { password: SECRET_2, username: null },
      enabled: false,
    });
    expect(updated.status).toBe(200);
    expect(connectorSchema.parse(updated.json)).toMatchObject({
      label: 'Fichiers partagés',
      secretNames: ['password'],
      enabled: false,
      baseUrl: 'https://cloud.demo-a.pleiade.test/nextcloud',
    });
    // Absent secrets are kept.
    const kept = await call(admin, url, 'PUT', { secrets: { username: SECRET_3 } });
    expect(connectorSchema.parse(kept.json).secretNames).toEqual(['password', 'username']);
    const untouched = await call(admin, url, 'PUT', { baseUrl: 'https://cloud2.demo-a.pleiade.test/' });
    expect(connectorSchema.parse(untouched.json).secretNames).toEqual(['password', 'username']);
    // A secret Nextcloud never reads is refused, and nothing changes.
    const unknown = await call(admin, url, 'PUT', { secrets: { asToken: SECRET_1, username: null } });
    expect(unknown.status).toBe(400);
    expect(apiErrorBodySchema.parse(unknown.json).error.details?.map((detail) => detail.path)).toEqual([
      'body.secrets.asToken',
    ]);

    // At rest: one sealed value, no plaintext; it opens to the secrets set through the API.
    const sealed = (await storedSecrets(created.id)) ?? '';
    expect(sealed).toMatch(/^sb1\.local\./);
    for (const secret of [SECRET_1, SECRET_2, SECRET_3]) expect(sealed).not.toContain(secret);
    const key = JSON.parse(await readFile(path.join(pleiade.dataDir, 'connector-keys.json'), 'utf8')) as string;
    const opened = openSecrets(new SecretBox(parseKeyring(key)), created.id, sealed);
    expect(Object.fromEntries(Object.entries(opened).map(([name, value]) => [name, value.reveal()]))).toEqual({
      password: SECRET_2,
      username: SECRET_3,
    });

    expect((await call(admin, url, 'DELETE')).status).toBe(204);
    expect((await list(admin)).map((connector) => connector.id)).not.toContain(created.id);
    expect((await call(admin, url, 'PUT', { enabled: true })).status).toBe(404);
    expect((await call(admin, url, 'DELETE')).status).toBe(404);
    expect(await storedSecrets(created.id)).toBeUndefined();
  });

  it('refuses to switch a connector to a mode its application cannot use, and keeps it as it was', async () => {
    const created = await call(admin, connectorsUrl(), 'POST', {
      kind: 'jitsi',
      label: 'Visio (mode)',
      baseUrl: 'https://visio.test/',
      authMode: 'none',
    });
    expect(created.status).toBe(201);
    const id = connectorSchema.parse(created.json).id;
    const { status, json } = await call(admin, `${connectorsUrl()}/${id}`, 'PUT', { authMode: 'personal_secret' });
    expect(status).toBe(400);
    expect(apiErrorBodySchema.parse(json).error.details?.map((detail) => detail.path)).toEqual(['body.authMode']);
    const list = connectorListResponseSchema.parse((await call(admin, connectorsUrl())).json);
    expect(list.connectors.find((connector) => connector.id === id)?.authMode).toBe('none');
    expect((await call(admin, `${connectorsUrl()}/${id}`, 'DELETE')).status).toBe(204);
  });

  it('refuses bad input with 400 and the field paths, and a label already used with 409', async () => {
    const base = { kind: 'imap', label: 'Invalide', baseUrl: 'https://mail.test/', authMode: 'personal_secret' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, kind: 'fax' }, 'body.kind'],
      [{ ...base, authMode: 'basic' }, 'body.authMode'],
      // A mode the application cannot use: IMAP has no anonymous access, Jitsi needs no account.
      [{ ...base, authMode: 'none' }, 'body.authMode'],
      [{ ...base, kind: 'jitsi', authMode: 'personal_secret' }, 'body.authMode'],
      [{ ...base, baseUrl: 'ftp://mail.test/' }, 'body.baseUrl'],
      [{ ...base, baseUrl: 'https://user:pw@mail.test/' }, 'body.baseUrl'],
      [{ ...base, baseUrl: 'https://mail.test/#x' }, 'body.baseUrl'],
      [{ ...base, baseUrl: '/relative' }, 'body.baseUrl'],
      [{ ...base, options: { port: 'imap' } }, 'body.options.port'],
      [{ ...base, options: { unknown: 1 } }, 'body.options'],
      [{ ...base, label: '' }, 'body.label'],
      [{ ...base, secrets: { 'bad name': 'x' } }, 'body.secrets'],
      // A secret IMAP never reads (a typo, or another application's).
      [{ ...base, secrets: { preauthKey: 'x' } }, 'body.secrets.preauthKey'],
      [{ ...base, allowPrivateNetworks: ['10.0.0.0/99'] }, 'body.allowPrivateNetworks.0'],
      [{ ...base, extra: true }, 'body'],
    ];
    for (const [body, expectedPath] of cases) {
      const { status, json } = await call(admin, connectorsUrl(), 'POST', body);
      expect(status, JSON.stringify(body)).toBe(400);
      const { code, details } = apiErrorBodySchema.parse(json).error;
      expect(code).toBe('VALIDATION_FAILED');
      expect(
        details?.some((detail) => detail.path === expectedPath || detail.path.startsWith(`${expectedPath}.`)),
        `${JSON.stringify(body)} → ${JSON.stringify(details)}`,
      ).toBe(true);
    }
    const existing = await create({ ...base, label: 'Doublon' });
    const duplicate = await call(admin, connectorsUrl(), 'POST', { ...base, label: 'Doublon' });
    expect(duplicate.status).toBe(409);
    expect(apiErrorBodySchema.parse(duplicate.json).error.code).toBe('CONNECTOR_LABEL_TAKEN');
    const url = `${connectorsUrl()}/${existing.id}`;
    const badOptions = await call(admin, url, 'PUT', { options: { port: 0 } });
    expect(badOptions.status).toBe(400);
    expect(apiErrorBodySchema.parse(badOptions.json).error.details?.[0]?.path).toBe('body.options.port');
    expect((await call(admin, url, 'PUT', { kind: 'jitsi' })).status).toBe(400);
    expect((await call(admin, `${connectorsUrl()}/not-a-uuid`, 'PUT', {})).status).toBe(400);
  });
});

describe('who may manage connectors', () => {
  it('refuses agents and élus (403), whatever the route', async () => {
    const target = await create({
      kind: 'matrix',
      label: 'Messagerie instantanée',
      baseUrl: 'https://matrix.test/',
      authMode: 'oidc_token',
    });
    for (const browser of [agent, elu, agentB]) {
      expect((await call(browser, connectorsUrl())).status).toBe(403);
      expect((await call(browser, connectorsUrl(), 'POST', { ...target, id: undefined, label: 'X' })).status).toBe(403);
      expect((await call(browser, `${connectorsUrl()}/${target.id}`, 'PUT', { enabled: false })).status).toBe(403);
      expect((await call(browser, `${connectorsUrl()}/${target.id}/test`, 'POST', {})).status).toBe(403);
      expect((await call(browser, `${connectorsUrl()}/${target.id}`, 'DELETE')).status).toBe(403);
    }
    expect((await list(admin)).find((connector) => connector.id === target.id)).toEqual(target);
  });

  it('hides one collectivité’s connectors from another’s administrator (404, not listed)', async () => {
    const target = await create({
      kind: 'zimbra',
      label: 'Zimbra',
      baseUrl: 'https://zimbra.demo-a.test/',
      authMode: 'zimbra_preauth',
      secrets: { preauthKey: SECRET_1 },
    });
    // agent-b (demo-b) made administrator of demo-b: the role is read from the database at each request.
    const client = new pg.Client({ connectionString: pleiade.database.url });
    await client.connect();
    await client.query(`UPDATE app_user SET role = 'ADMIN' WHERE subject = 'agent-b'`);
    await invalidationDelivered();
    await client.end();
    try {
      expect(await list(agentB)).toEqual([]);
      const own = await call(agentB, connectorsUrl(), 'POST', {
        kind: 'caldav',
        label: 'Zimbra',
        baseUrl: 'https://cal.b.test/',
        authMode: 'personal_secret',
        options: { calendarPath: '/{login}/agenda/' },
      });
      expect(own.status, 'same label in another collectivité').toBe(201);
      const error = async (id: string, method: string, suffix = '') => {
        const { status, json } = await call(
          agentB,
          `${connectorsUrl()}/${id}${suffix}`,
          method,
          method === 'PUT' ? { enabled: false } : method === 'POST' ? {} : undefined,
        );
        const { code, message } = apiErrorBodySchema.parse(json).error;
        return { status, code, message };
      };
      for (const [method, suffix] of [
        ['PUT', ''],
        ['DELETE', ''],
        ['POST', '/test'],
      ] as const) {
        const answer = await error(target.id, method, suffix);
        expect(answer.status).toBe(404);
        expect(answer).toEqual(await error(randomUUID(), method, suffix));
      }
      expect((await list(admin)).find((connector) => connector.id === target.id)).toEqual(target);
      expect((await list(admin)).filter((connector) => connector.label === 'Zimbra')).toEqual([target]);
      expect((await list(agentB)).map((connector) => connector.id)).toEqual([connectorSchema.parse(own.json).id]);
    } finally {
      const restore = new pg.Client({ connectionString: pleiade.database.url });
      await restore.connect();
      await restore.query(`UPDATE app_user SET role = 'AGENT' WHERE subject = 'agent-b'`);
      await invalidationDelivered();
      await restore.end();
    }
  });
});

describe('private networks (allowPrivateNetworks)', () => {
  async function storedNetworks(id: string): Promise<string[] | undefined> {
    const client = new pg.Client({ connectionString: pleiade.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ allow_private_networks: string[] }>(
        'SELECT allow_private_networks FROM connector_instance WHERE id = $1',
        [id],
      );
      return rows[0]?.allow_private_networks;
    } finally {
      await client.end();
    }
  }

  it('are the operator’s to open: an administrator cannot set or change them (403, naming the setting)', async () => {
    const count = (await list(admin)).length;
    const wide = {
      kind: 'nextcloud',
      label: 'Nextcloud interne',
      baseUrl: 'https://nextcloud.interne.invalid/',
      authMode: 'oidc_token',
      allowPrivateNetworks: ['0.0.0.0/0'],
    };
    const refused = await call(admin, connectorsUrl(), 'POST', wide);
    expect(refused.status).toBe(403);
    const error = apiErrorBodySchema.parse(refused.json).error;
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: PRIVATE_NETWORKS_OPERATOR_ONLY });
    expect(error.message).toContain('allowPrivateNetworks');
    expect(error.details?.map((detail) => detail.path)).toEqual(['body.allowPrivateNetworks']);
    expect(await list(admin)).toHaveLength(count);

    // The operator may; the administrator then edits the rest and may send the list back unchanged.
    const opened = await create({ ...wide, allowPrivateNetworks: ['10.20.0.0/16'] }, operator);
    expect(opened.allowPrivateNetworks).toEqual(['10.20.0.0/16']);
    const url = `${connectorsUrl()}/${opened.id}`;
    for (const networks of [['0.0.0.0/0'], ['10.20.0.0/16', '127.0.0.0/8'], []]) {
      const change = await call(admin, url, 'PUT', { label: 'Changé', allowPrivateNetworks: networks });
      expect(change.status, JSON.stringify(networks)).toBe(403);
      expect(apiErrorBodySchema.parse(change.json).error.message).toBe(PRIVATE_NETWORKS_OPERATOR_ONLY);
    }
    expect(await storedNetworks(opened.id)).toEqual(['10.20.0.0/16']);
    expect((await list(admin)).find((connector) => connector.id === opened.id)?.label).toBe('Nextcloud interne');
    const same = await call(admin, url, 'PUT', {
      label: 'Nextcloud du réseau',
      allowPrivateNetworks: ['10.20.0.0/16'],
    });
    expect(same.status).toBe(200);
    const narrowed = await call(operator, url, 'PUT', { allowPrivateNetworks: [] });
    expect(narrowed.status).toBe(200);
    expect(await storedNetworks(opened.id)).toEqual([]);
  });

  it('refuses at save time an address the guard would refuse, in French, naming the setting (400 on baseUrl)', async () => {
    const port = new URL(pleiade.url).port;
    const privateUrls = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      'http://169.254.169.254/latest/',
      'http://10.0.0.1/',
      'http://[::1]/',
      'http://[::ffff:0:7f00:1]/',
      'http://[::7f00:1]/',
      'http://0x7f.1/',
    ];
    const count = (await list(admin)).length;
    for (const [index, baseUrl] of privateUrls.entries()) {
      const body = { kind: 'nextcloud', label: `Privé ${index}`, baseUrl, authMode: 'oidc_token' };
      const byAdmin = await call(admin, connectorsUrl(), 'POST', body);
      expect(byAdmin.status, baseUrl).toBe(400);
      const error = apiErrorBodySchema.parse(byAdmin.json).error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details, baseUrl).toEqual([{ path: 'body.baseUrl', message: PRIVATE_ADDRESS_NEEDS_OPERATOR }]);
      const byOperator = await call(operator, connectorsUrl(), 'POST', body);
      expect(byOperator.status, baseUrl).toBe(400);
      expect(apiErrorBodySchema.parse(byOperator.json).error.details).toEqual([
        { path: 'body.baseUrl', message: PRIVATE_ADDRESS_NOT_ALLOWED },
      ]);
    }
    for (const message of [PRIVATE_ADDRESS_NEEDS_OPERATOR, PRIVATE_ADDRESS_NOT_ALLOWED]) {
      expect(message).toContain('Réseaux privés autorisés');
    }
    // The IMAP server's own host is checked too.
    const imap = await call(admin, connectorsUrl(), 'POST', {
      kind: 'imap',
      label: 'IMAP interne',
      baseUrl: 'https://webmail.interne.invalid/',
      authMode: 'personal_secret',
      options: { host: '192.168.1.10' },
    });
    expect(apiErrorBodySchema.parse(imap.json).error.details?.map((detail) => detail.path)).toEqual([
      'body.options.host',
    ]);
    expect(await list(admin)).toHaveLength(count);

    // An administrator cannot move a connector there either, but may edit one the operator opened.
    const publicOne = await create({
      kind: 'nextcloud',
      label: 'Public',
      baseUrl: 'https://cloud.public.invalid/',
      authMode: 'oidc_token',
    });
    const moved = await call(admin, `${connectorsUrl()}/${publicOne.id}`, 'PUT', { baseUrl: privateUrls[0] });
    expect(moved.status).toBe(400);
    expect((await list(admin)).find((connector) => connector.id === publicOne.id)?.baseUrl).toBe(
      'https://cloud.public.invalid/',
    );
    const opened = await create(
      {
        kind: 'nextcloud',
        label: 'Local',
        baseUrl: privateUrls[0],
        authMode: 'oidc_token',
        allowPrivateNetworks: ['127.0.0.1'],
      },
      operator,
    );
    expect((await call(admin, `${connectorsUrl()}/${opened.id}`, 'PUT', { label: 'Local (renommé)' })).status).toBe(
      200,
    );
  });
});

describe('tester la connexion', () => {
  let upstream: http.Server;
  let upstreamUrl: string;
  let hits = 0;

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      hits += 1;
      if (req.url?.startsWith('/protected/')) {
        res.writeHead(401, { 'www-authenticate': 'Basic' }).end('Texte interne de l’application');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Texte interne de l’application</html>');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
  });

  async function test(id: string) {
    const { status, json } = await call(admin, `${connectorsUrl()}/${id}/test`, 'POST', {});
    expect(status).toBe(200);
    const result = connectorTestResultSchema.parse(json);
    const text = JSON.stringify(json);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('Texte interne');
    return result;
  }

  it('reaches an allow-listed private address, and refuses it (SSRF) without calling it once it is not', async () => {
    const connector = await create(
      {
        kind: 'caldav',
        label: 'Agenda local',
        baseUrl: `${upstreamUrl}/dav/`,
        authMode: 'personal_secret',
        options: { calendarPath: '/{login}/agenda/' },
        allowPrivateNetworks: ['127.0.0.1/32'],
      },
      operator,
    );
    const before = hits;
    const ok = await test(connector.id);
    expect(ok.ok).toBe(true);
    expect(ok.message).toMatch(/répond/);
    expect(hits).toBe(before + 1);

    // The API no longer saves such a connector; one saved before, or a name that now resolves to a
    // private address (DNS rebinding), is still refused at the connection.
    const client = new pg.Client({ connectionString: pleiade.database.url });
    await client.connect();
    await client.query(`UPDATE connector_instance SET allow_private_networks = '{}' WHERE id = $1`, [connector.id]);
    await invalidationDelivered();
    await client.end();
    const refused = await test(connector.id);
    expect(refused).toMatchObject({
      ok: false,
      status: 'unreachable',
      reason: 'ADDRESS_REFUSED',
      message: FAILURE_MESSAGES.unreachable,
    });
    expect(hits, 'no request reached the server').toBe(before + 1);
  });

  it('counts 401 as reachable, and a closed port as unreachable', async () => {
    const protectedApp = await create(
      {
        kind: 'nextcloud',
        label: 'Protégé',
        baseUrl: `${upstreamUrl}/protected/`,
        authMode: 'personal_secret',
        allowPrivateNetworks: ['127.0.0.1'],
      },
      operator,
    );
    expect(await test(protectedApp.id)).toMatchObject({ ok: true, httpStatus: 401 });
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = await create(
      {
        kind: 'nextcloud',
        label: 'Éteint',
        baseUrl: `http://127.0.0.1:${port}/`,
        authMode: 'personal_secret',
        allowPrivateNetworks: ['127.0.0.0/8'],
      },
      operator,
    );
    expect(await test(down.id)).toMatchObject({ ok: false, status: 'unreachable', reason: 'ECONNREFUSED' });
  });
});

describe('secrets', () => {
  it('never appear in an API response nor in the logs', () => {
    const logs = logLines.join('');
    expect(logs).toContain('/api/admin/connectors');
    for (const secret of [SECRET_1, SECRET_2, SECRET_3]) {
      expect(logs).not.toContain(secret);
      for (const body of responses) expect(body).not.toContain(secret);
    }
    expect(logs).not.toMatch(/sb1\./);
    expect(responses.join('')).not.toMatch(/sb1\./);
  });
});

describe('connectors of PLEIADE_CONFIG_FILE', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-connectors-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function configWith(collectivites: unknown[], env: Record<string, string> = {}) {
    const file = path.join(dir, `${randomUUID()}.json`);
    await writeFile(
      file,
      JSON.stringify({
        providers: [
          {
            id: 'sso',
            label: 'SSO',
            issuer: 'http://127.0.0.1:1/',
            clientId: 'pleiade',
            clientSecretEnv: 'SSO_SECRET',
            roles: { agent: ['agents'] },
          },
        ],
        collectivites,
      }),
    );
    return testConfig({
      PLEIADE_CONFIG_FILE: file,
      PUBLIC_URL: 'http://localhost:3000',
      SESSION_SECRET: 'x'.repeat(40),
      SSO_SECRET: 'sso',
      ...env,
    });
  }

  const ville = (secrets: Record<string, string>, options: unknown = { port: 993 }) => ({
    slug: 'ville',
    name: 'Ville',
    connectors: [
      {
        kind: 'imap',
        label: 'Messagerie',
        baseUrl: 'https://imap.ville.test/',
        authMode: 'service_account',
        options,
        secrets,
      },
    ],
  });

  it('are created, then updated at each start, with their secrets sealed; rotation reseals them', async () => {
    const database = await createTestDatabase();
    const db = createDb(database.url);
    try {
      const k1 = randomBytes(32).toString('base64');
      const k2 = randomBytes(32).toString('base64');
      const box1 = new SecretBox(parseKeyring(`k1:${k1}`));
      const first = await configWith([ville({ password: 'env:IMAP_PASSWORD', username: 'svc-pleiade' })], {
        IMAP_PASSWORD: SECRET_1,
      });
      expect(String(first.connectorSeeds[0]?.secrets.password)).toBe('[masqué]');
      await ensureCollectivites(db, first.collectivites);
      expect(await provisionConnectors(db, box1, first.connectorSeeds)).toBe(1);
      const [row] = await db.connectorInstance.findMany();
      expect(row).toMatchObject({ kind: 'imap', label: 'Messagerie', options: { port: 993, tls: 'implicit' } });
      expect(row?.secrets).toMatch(/^sb1\.k1\./);
      expect(row?.secrets).not.toContain(SECRET_1);
      expect(row?.secrets).not.toContain('svc-pleiade');
      const opened = openSecrets(box1, row?.id ?? '', row?.secrets ?? null);
      expect(opened.password?.reveal()).toBe(SECRET_1);
      expect(opened.username?.reveal()).toBe('svc-pleiade');

      const second = await configWith([ville({ password: 'env:IMAP_PASSWORD' })], { IMAP_PASSWORD: SECRET_2 });
      await provisionConnectors(db, box1, second.connectorSeeds);
      const rows = await db.connectorInstance.findMany();
      expect(rows.map((updated) => updated.id)).toEqual([row?.id]);
      const reopened = openSecrets(box1, row?.id ?? '', rows[0]?.secrets ?? null);
      expect(Object.keys(reopened)).toEqual(['password']);
      expect(reopened.password?.reveal()).toBe(SECRET_2);

      // CONNECTOR_KEYS="k2:…,k1:…": still opens, and is sealed again under k2 at start.
      const rotated = new SecretBox(parseKeyring(`k2:${k2},k1:${k1}`));
      expect(openSecrets(rotated, row?.id ?? '', rows[0]?.secrets ?? null).password?.reveal()).toBe(SECRET_2);
      expect(await resealConnectorSecrets(db, rotated, createLogger('silent'))).toBe(1);
      const resealed = await db.connectorInstance.findUniqueOrThrow({ where: { id: row?.id ?? '' } });
      expect(resealed.secrets).toMatch(/^sb1\.k2\./);
      const onlyK2 = new SecretBox(parseKeyring(`k2:${k2}`));
      expect(openSecrets(onlyK2, resealed.id, resealed.secrets).password?.reveal()).toBe(SECRET_2);
      expect(await resealConnectorSecrets(db, rotated, createLogger('silent'))).toBe(0);
    } finally {
      await db.$disconnect();
      await database.drop();
    }
  });

  it('are refused with the JSON path of the problem', async () => {
    const problems = async (collectivites: unknown[], env: Record<string, string> = {}) => {
      try {
        await configWith(collectivites, env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems.join('\n');
      }
      throw new Error('configuration accepted');
    };
    expect(await problems([ville({ password: 'env:ABSENT_VARIABLE' })])).toMatch(
      /collectivites\.0\.connectors\.0\.secrets\.password : variable d’environnement ABSENT_VARIABLE/,
    );
    expect(await problems([ville({}, { port: 'x' })])).toMatch(/collectivites\.0\.connectors\.0\.options\.port : /);
    expect(await problems([ville({ passwd: 'x' })])).toMatch(
      /collectivites\.0\.connectors\.0\.secrets\.passwd : secret inconnu de Messagerie IMAP/,
    );
    expect(
      await problems([{ ...ville({}), connectors: [{ ...ville({}).connectors[0], baseUrl: 'https://a:b@x.test/' }] }]),
    ).toMatch(/collectivites\.0\.connectors\.0\.baseUrl : /);
  });
});
