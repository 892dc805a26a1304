import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorBodySchema,
  boardSchema,
  connectorSchema,
  myConnectorListResponseSchema,
  myConnectorSchema,
  widgetFailureSchema,
  type Connector,
  type MyConnector,
} from '@pleiade/contracts';
import { FAILURE_MESSAGES } from '../../src/connectors/states.js';
import { parseKeyring, SecretBox } from '../../src/connectors/secret-box.js';
import { createLogger } from '../../src/logger.js';
import { personalCredentialContext } from '../../src/widget-data/personal-credentials.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

const APP_PASSWORD = `mot-de-passe-application-${randomBytes(12).toString('hex')}`;
const NEW_APP_PASSWORD = `nouveau-mot-de-passe-${randomBytes(12).toString('hex')}`;

let pleiade: TestPleiade;
let admin: TestBrowser;
let agent: TestBrowser;
let agentB: TestBrowser;
const logLines: string[] = [];
const responses: string[] = [];
let nextcloud: Connector;
let zimbra: Connector;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  pleiade = await startTestPleiade({}, createLogger('trace', sink));
  admin = await signIn(pleiade.url, 'admin');
  // Unreachable on purpose (nothing listens on port 9): these tests are about the credential itself.
  // Loopback is allow-listed by the operator, the only one who may.
  nextcloud = await createConnector(await signIn(pleiade.url, 'operateur'), {
    kind: 'nextcloud',
    label: 'Nextcloud',
    baseUrl: 'http://127.0.0.1:9/',
    authMode: 'personal_secret',
    allowPrivateNetworks: ['127.0.0.1/32'],
  });
  zimbra = await createConnector(admin, {
    kind: 'zimbra',
    label: 'Messagerie',
    baseUrl: 'https://mail.demo-a.pleiade.test/',
    authMode: 'zimbra_preauth',
    secrets: { preauthKey: randomBytes(32).toString('hex') },
  });
  agent = await signIn(pleiade.url, 'agent');
  agentB = await signIn(pleiade.url, 'agent-b');
});
afterAll(async () => {
  await pleiade?.stop();
});

async function call(browser: TestBrowser, url: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${url}`, method, body);
  const text = await response.text();
  responses.push(text);
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function createConnector(browser: TestBrowser, body: Record<string, unknown>): Promise<Connector> {
  const { status, json } = await call(browser, '/api/admin/connectors', 'POST', body);
  expect(status, JSON.stringify(json)).toBe(201);
  return connectorSchema.parse(json);
}

async function myConnectors(browser: TestBrowser): Promise<MyConnector[]> {
  const { status, json } = await call(browser, '/api/me/connectors');
  expect(status).toBe(200);
  return myConnectorListResponseSchema.parse(json).connectors;
}

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

const credentialUrl = (connectorId: string) => `/api/me/connectors/${connectorId}/credential`;

describe('GET /api/me/connectors', () => {
  it('lists the enabled connectors of the person’s collectivité, with their own credential for personal ones', async () => {
    const disabled = await createConnector(admin, {
      kind: 'matrix',
      label: 'Messagerie instantanée (désactivée)',
      baseUrl: 'https://matrix.demo-a.pleiade.test/',
      authMode: 'personal_secret',
      enabled: false,
    });
    const mine = await myConnectors(agent);
    expect(mine.map((connector) => connector.id).sort()).toEqual([nextcloud.id, zimbra.id].sort());
    expect(mine.find((connector) => connector.id === nextcloud.id)).toEqual({
      id: nextcloud.id,
      kind: 'nextcloud',
      label: 'Nextcloud',
      authMode: 'personal_secret',
      appUrl: 'http://127.0.0.1:9/',
      personalCredential: { set: false, username: null, updatedAt: null },
    });
    // A connector the collectivité authenticates for has no personal credential to show.
    expect(mine.find((connector) => connector.id === zimbra.id)).not.toHaveProperty('personalCredential');
    expect(mine.map((connector) => connector.id)).not.toContain(disabled.id);
    // Another collectivité's connectors do not exist for agent-b.
    expect(await myConnectors(agentB)).toEqual([]);
  });
});

describe('PUT and DELETE /api/me/connectors/:connectorId/credential', () => {
  it('stores the secret sealed to the person and the connector, shows only that it is set, and revokes it', async () => {
    const put = await call(agent, credentialUrl(nextcloud.id), 'PUT', { username: 'camille', secret: APP_PASSWORD });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const shown = myConnectorSchema.parse(put.json);
    expect(shown.personalCredential).toMatchObject({ set: true, username: 'camille' });
    expect(Date.parse(shown.personalCredential?.updatedAt ?? '')).not.toBeNaN();
    expect((await myConnectors(agent)).find((connector) => connector.id === nextcloud.id)?.personalCredential).toEqual(
      shown.personalCredential,
    );
    // Only the agent's own: the administrator of the same collectivité has none.
    expect(
      (await myConnectors(admin)).find((connector) => connector.id === nextcloud.id)?.personalCredential?.set,
    ).toBe(false);

    const [row] = await query<{ user_id: string; secret: string; username: string | null }>(
      'SELECT user_id, secret, username FROM user_connector_credential WHERE connector_id = $1',
      [nextcloud.id],
    );
    expect(row?.username).toBe('camille');
    expect(row?.secret).toMatch(/^sb1\./);
    expect(row?.secret).not.toContain(APP_PASSWORD);
    const key = JSON.parse(await readFile(path.join(pleiade.dataDir, 'connector-keys.json'), 'utf8')) as string;
    const box = new SecretBox(parseKeyring(key));
    const userId = row?.user_id ?? '';
    expect(box.open(row?.secret ?? '', personalCredentialContext(nextcloud.id, userId)).reveal()).toBe(APP_PASSWORD);
    // Bound to this person and this connector: copied to another row, it does not open.
    expect(() => box.open(row?.secret ?? '', personalCredentialContext(nextcloud.id, randomUUID()))).toThrow();
    expect(() => box.open(row?.secret ?? '', personalCredentialContext(zimbra.id, userId))).toThrow();

    // Replaced: a new secret, the username back to the default when not given.
    const replaced = await call(agent, credentialUrl(nextcloud.id), 'PUT', { secret: NEW_APP_PASSWORD });
    expect(myConnectorSchema.parse(replaced.json).personalCredential).toMatchObject({ set: true, username: null });

    const revoked = await call(agent, credentialUrl(nextcloud.id), 'DELETE');
    expect(revoked.status).toBe(204);
    expect((await myConnectors(agent)).find((connector) => connector.id === nextcloud.id)?.personalCredential).toEqual({
      set: false,
      username: null,
      updatedAt: null,
    });
    expect(await query('SELECT 1 FROM user_connector_credential WHERE connector_id = $1', [nextcloud.id])).toEqual([]);
    // Revoking again changes nothing.
    expect((await call(agent, credentialUrl(nextcloud.id), 'DELETE')).status).toBe(204);
  });

  it('refuses bad input with 400 and the field paths', async () => {
    const cases: [unknown, string][] = [
      [{}, 'body.secret'],
      [{ secret: '' }, 'body.secret'],
      [{ secret: 'x'.repeat(4097) }, 'body.secret'],
      [{ secret: 'x', username: '' }, 'body.username'],
      [{ secret: 'x', extra: true }, 'body'],
    ];
    for (const [body, expectedPath] of cases) {
      const { status, json } = await call(agent, credentialUrl(nextcloud.id), 'PUT', body);
      expect(status, JSON.stringify(body)).toBe(400);
      const { code, details } = apiErrorBodySchema.parse(json).error;
      expect(code).toBe('VALIDATION_FAILED');
      expect(
        details?.some((detail) => detail.path === expectedPath),
        JSON.stringify(details),
      ).toBe(true);
    }
    const badId = await call(agent, credentialUrl('not-a-uuid'), 'PUT', { secret: 'x' });
    expect(badId.status).toBe(400);
  });

  it('refuses a connector the collectivité authenticates for, with a French message, and stores nothing', async () => {
    for (const method of ['PUT', 'DELETE'] as const) {
      const { status, json } = await call(
        agent,
        credentialUrl(zimbra.id),
        method,
        method === 'PUT' ? { secret: APP_PASSWORD } : undefined,
      );
      expect(status).toBe(400);
      const { code, message } = apiErrorBodySchema.parse(json).error;
      expect(code).toBe('VALIDATION_FAILED');
      expect(message).toMatch(/mot de passe d’application personnel/);
    }
    expect(await query('SELECT 1 FROM user_connector_credential WHERE connector_id = $1', [zimbra.id])).toEqual([]);
  });

  it('answers 404 for another collectivité’s connector, a disabled one and one that does not exist', async () => {
    const disabled = await createConnector(admin, {
      kind: 'nextcloud',
      label: 'Nextcloud (désactivé)',
      baseUrl: 'https://cloud.demo-a.pleiade.test/',
      authMode: 'personal_secret',
      enabled: false,
    });
    const answers = [];
    for (const [browser, id] of [
      [agentB, nextcloud.id],
      [agent, disabled.id],
      [agent, randomUUID()],
    ] as const) {
      const { status, json } = await call(browser, credentialUrl(id), 'PUT', { secret: APP_PASSWORD });
      answers.push({ status, code: apiErrorBodySchema.parse(json).error.code });
    }
    expect(answers).toEqual(Array(3).fill({ status: 404, code: 'NOT_FOUND' }));
    expect(await query('SELECT 1 FROM user_connector_credential')).toEqual([]);
  });

  it('is deleted with its connector', async () => {
    const temporary = await createConnector(admin, {
      kind: 'imap',
      label: 'IMAP temporaire',
      baseUrl: 'https://imap.demo-a.pleiade.test/',
      authMode: 'personal_secret',
    });
    expect((await call(agent, credentialUrl(temporary.id), 'PUT', { secret: APP_PASSWORD })).status).toBe(200);
    expect(await query('SELECT 1 FROM user_connector_credential WHERE connector_id = $1', [temporary.id])).toHaveLength(
      1,
    );
    expect((await call(admin, `/api/admin/connectors/${temporary.id}`, 'DELETE')).status).toBe(204);
    expect(await query('SELECT 1 FROM user_connector_credential WHERE connector_id = $1', [temporary.id])).toEqual([]);
  });
});

describe('a widget of a personal_secret connector', () => {
  it('asks the person to link their account until they give a secret, and again once it is revoked', async () => {
    const board = boardSchema.parse((await call(agent, '/api/boards/current')).json);
    const notifications = board.widgets.find((widget) => widget.kind === 'nextcloud-notifications');
    expect(notifications, 'the default board has the Nextcloud notifications widget').toBeDefined();
    const read = async () => {
      const { status, json } = await call(agent, `/api/widgets/${notifications?.id ?? ''}/data`);
      expect(status).toBe(200);
      return json as { status: string };
    };
    const missing = widgetFailureSchema.parse(await read());
    expect(missing).toEqual({
      status: 'credentials_missing',
      message: FAILURE_MESSAGES.credentials_missing,
      source: { id: nextcloud.id, kind: 'nextcloud', label: 'Nextcloud', authMode: 'personal_secret' },
    });
    expect((await call(agent, credentialUrl(nextcloud.id), 'PUT', { secret: APP_PASSWORD })).status).toBe(200);
    // Given: the read goes upstream (nothing listens on port 9 here).
    expect((await read()).status).toBe('unreachable');
    expect((await call(agent, credentialUrl(nextcloud.id), 'DELETE')).status).toBe(204);
    expect((await read()).status).toBe('credentials_missing');
  });
});

describe('secrets', () => {
  it('never appear in an API response nor in the logs', () => {
    const logs = logLines.join('');
    expect(logs).toContain('/api/me/connectors');
    for (const secret of [APP_PASSWORD, NEW_APP_PASSWORD]) {
      expect(logs).not.toContain(secret);
      expect(responses.join('\n')).not.toContain(secret);
    }
    expect(responses.join('\n')).not.toMatch(/sb1\./);
  });
});
