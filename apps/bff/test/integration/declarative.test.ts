import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DECLARATIVE_PRESETS,
  apiErrorBodySchema,
  boardSchema,
  connectorSchema,
  dataSourceSchema,
  declarativeReadResponseSchema,
  indicatorWidgetResponseSchema,
  type Board,
  type Connector,
  type DataSource,
  wsdlResponseSchema,
} from '@pleiade/contracts';
import { startSimulators, type Simulators } from '@pleiade/simulators';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * Declarative data sources end to end: an administrator previews and saves indicators on the
 * OData finance, Kelio-like SOAP and GLPI simulators; people read them through a « Données métier »
 * widget, each getting their own records, whatever the browser sends.
 */

let pleiade: TestPleiade;
let sims: Simulators;
let admin: TestBrowser;
let operator: TestBrowser;
let agent: TestBrowser;
let elu: TestBrowser;
let finance: Connector;
let time: Connector;
let glpi: Connector;

function preset(id: string) {
  const found = DECLARATIVE_PRESETS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(id);
  return found.definition;
}

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${path}`, method, body);
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function createConnector(body: Record<string, unknown>): Promise<Connector> {
  const { status, json } = await call(operator, '/api/admin/connectors', 'POST', {
    allowPrivateNetworks: ['127.0.0.1/32'],
    ...body,
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return connectorSchema.parse(json);
}

async function save(name: string, connector: Connector, definition: unknown): Promise<DataSource> {
  const { status, json } = await call(admin, '/api/admin/data-sources', 'POST', {
    name,
    connectorId: connector.id,
    definition,
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return dataSourceSchema.parse(json);
}

async function currentBoard(browser: TestBrowser): Promise<Board> {
  const { status, json } = await call(browser, '/api/boards/current');
  expect(status).toBe(200);
  return boardSchema.parse(json);
}

/** Puts a « Données métier » widget showing `dataSourceId` on the person's board; its id. */
async function addIndicator(browser: TestBrowser, dataSourceId: string): Promise<string> {
  const board = await currentBoard(browser);
  const id = randomUUID();
  const widget = {
    id,
    kind: 'business-data',
    options: { dataSourceId },
    layout: { lg: { x: 0, y: 40, w: 4, h: 4 } },
  };
  const { status, json } = await call(browser, `/api/boards/${board.id}`, 'PUT', {
    version: board.version,
    widgets: [...board.widgets, widget],
  });
  expect(status, JSON.stringify(json)).toBe(200);
  return id;
}

async function readIndicator(browser: TestBrowser, widgetId: string) {
  const { status, json } = await call(browser, `/api/widgets/${widgetId}/business-data`);
  expect(status, JSON.stringify(json)).toBe(200);
  return indicatorWidgetResponseSchema.parse(json);
}

beforeAll(async () => {
  pleiade = await startTestPleiade();
  sims = await startSimulators();
  operator = await signIn(pleiade.url, 'operateur');
  admin = await signIn(pleiade.url, 'admin');
  agent = await signIn(pleiade.url, 'agent');
  elu = await signIn(pleiade.url, 'elu');
  const account = sims.credentials.finance['demo-a'];
  finance = await createConnector({
    kind: 'business',
    label: 'Finances',
    baseUrl: sims.urls.finance,
    authMode: 'service_account',
    secrets: { username: account.login, password: account.password },
  });
  const timeAccount = sims.credentials.time['demo-a'];
  time = await createConnector({
    kind: 'business',
    label: 'Temps',
    baseUrl: sims.urls.time,
    authMode: 'service_account',
    secrets: { username: timeAccount.login, password: timeAccount.password },
  });
  const technical = sims.credentials.glpi.technicalAccounts['demo-a'];
  glpi = await createConnector({
    kind: 'glpi',
    label: 'GLPI',
    baseUrl: sims.urls.glpi,
    authMode: 'service_account',
    secrets: {
      username: technical.login,
      password: technical.password,
      ...(sims.credentials.glpi.appToken ? { appToken: sims.credentials.glpi.appToken } : {}),
    },
  });
}, 120_000);

afterAll(async () => {
  await sims?.close();
  await pleiade?.stop();
});

describe('« Lire les opérations du service (WSDL) »', () => {
  it('lists the SOAP operations of a business application and their request fields', async () => {
    const { status, json } = await call(admin, '/api/admin/data-sources/wsdl', 'POST', {
      connectorId: time.id,
      path: '/open/services/ClockingService',
    });
    expect(status, JSON.stringify(json)).toBe(200);
    const answer = wsdlResponseSchema.parse(json);
    if (answer.status !== 'ok') throw new Error(answer.message);
    // What the preset types by hand, found in the service's own description.
    const request = preset('time-clockings-today').request;
    if (request.protocol !== 'soap') throw new Error('the preset reads SOAP');
    expect(answer.namespace).toBe(request.namespace);
    const exportClockings = answer.operations.find((operation) => operation.name === request.operation);
    expect(exportClockings?.fields.map((field) => field.name)).toEqual(
      expect.arrayContaining((request.fields ?? []).map((field) => field.name)),
    );
    expect(exportClockings?.fields.find((field) => field.name === 'relativeStartDate')?.type).toMatch(/int$/);
  });

  it('says in French why nothing could be read, and refuses what is not a business application', async () => {
    const missing = await call(admin, '/api/admin/data-sources/wsdl', 'POST', {
      connectorId: time.id,
      path: '/open/services/NoSuchService',
    });
    expect(missing.status).toBe(200);
    const answer = wsdlResponseSchema.parse(missing.json);
    expect(answer.status).toBe('error');
    if (answer.status === 'error') expect(answer.message).toMatch(/[éèàù]|application|WSDL/);

    const onGlpi = await call(admin, '/api/admin/data-sources/wsdl', 'POST', { connectorId: glpi.id, path: '/' });
    expect(onGlpi.status).toBe(400);
    expect(apiErrorBodySchema.parse(onGlpi.json).error.details?.[0]?.message).toMatch(/application métier/);
    const elsewhere = await call(admin, '/api/admin/data-sources/wsdl', 'POST', {
      connectorId: randomUUID(),
      path: '/open/services/ClockingService',
    });
    expect(elsewhere.status).toBe(404);
    const climbing = await call(admin, '/api/admin/data-sources/wsdl', 'POST', { connectorId: time.id, path: '/../x' });
    expect(climbing.status).toBe(400);
    expect(
      (await call(agent, '/api/admin/data-sources/wsdl', 'POST', { connectorId: time.id, path: '/' })).status,
    ).toBe(403);
  });
});

describe('the administration of declarative data sources', () => {
  it('previews a definition on live data, as the administrator, before saving', async () => {
    const { status, json } = await call(admin, '/api/admin/data-sources/preview', 'POST', {
      connectorId: finance.id,
      definition: preset('finance-orders-to-approve'),
    });
    expect(status).toBe(200);
    const preview = declarativeReadResponseSchema.parse(json);
    expect(preview).toMatchObject({ status: 'ok', data: { shape: 'table', total: 2 } });
  });

  it('previews a mapping that does not fit the answer with a French message, not an error', async () => {
    const { status, json } = await call(admin, '/api/admin/data-sources/preview', 'POST', {
      connectorId: finance.id,
      definition: {
        request: { protocol: 'odata', path: '/odata/SyntheseBudgetaire' },
        result: { shape: 'number', path: '$.value[0].Inexistant' },
      },
    });
    expect(status).toBe(200);
    expect(json).toEqual({
      status: 'error',
      message: 'La réponse de l’application ne contient pas la valeur attendue.',
    });
  });

  it('refuses invalid definitions with 400 and the path of what is wrong, in French', async () => {
    const cases: [unknown, string][] = [
      [
        { ...preset('finance-budget-execution'), result: { shape: 'number', path: '$.value[' } },
        'body.definition.result.path',
      ],
      [
        { ...preset('finance-budget-execution'), request: { protocol: 'rest', path: 'https://ailleurs.example/x' } },
        'body.definition.request.path',
      ],
      [
        { ...preset('finance-budget-execution'), request: { protocol: 'rest', path: '/a/../../b' } },
        'body.definition.request.path',
      ],
      [preset('glpi-my-tickets'), 'body.definition.request.protocol'],
    ];
    for (const [definition, path] of cases) {
      const { status, json } = await call(admin, '/api/admin/data-sources', 'POST', {
        name: `Essai ${path}`,
        connectorId: finance.id,
        definition,
      });
      expect(status, JSON.stringify(json)).toBe(400);
      const body = apiErrorBodySchema.parse(json);
      expect(body.error.details?.map((detail) => detail.path)).toContain(path);
    }
  });

  it('keeps the administration to the collectivité’s administrators', async () => {
    for (const browser of [agent, elu]) {
      const { status } = await call(browser, '/api/admin/data-sources');
      expect(status).toBe(403);
      const preview = await call(browser, '/api/admin/data-sources/preview', 'POST', {
        connectorId: finance.id,
        definition: preset('finance-budget-execution'),
      });
      expect(preview.status).toBe(403);
    }
    const agentB = await signIn(pleiade.url, 'admin-b');
    const other = await call(agentB, '/api/admin/data-sources/preview', 'POST', {
      connectorId: finance.id,
      definition: preset('finance-budget-execution'),
    });
    expect(other.status).toBe(404);
  });
});

describe('indicators read for each person', () => {
  it('gives each person their own records, whatever the browser asks', async () => {
    const source = await save('Bons de commande à viser', finance, preset('finance-orders-to-approve'));
    expect(source.perPerson).toBe(true);
    const mine = await addIndicator(admin, source.id);
    const theirs = await addIndicator(agent, source.id);
    const adminRead = await readIndicator(admin, mine);
    const agentRead = await readIndicator(agent, theirs);
    expect(adminRead).toMatchObject({
      name: 'Bons de commande à viser',
      response: { status: 'ok', data: { total: 2 } },
    });
    expect(agentRead).toMatchObject({ response: { status: 'ok', data: { total: 0 } } });
    // A query string naming someone else changes nothing: the login comes from the session.
    const forced = await call(agent, `/api/widgets/${theirs}/business-data?login=admin&Valideur=admin`);
    expect(indicatorWidgetResponseSchema.parse(forced.json)).toMatchObject({ response: { data: { total: 0 } } });
    // Another person's widget id answers as a missing widget.
    expect((await call(agent, `/api/widgets/${mine}/business-data`)).status).toBe(404);
  });

  it('reads the person’s time-management balance by the matricule from their sign-in', async () => {
    const source = await save('Solde de congés annuels', time, preset('time-leave-balance'));
    const widget = await addIndicator(agent, source.id);
    expect(await readIndicator(agent, widget)).toMatchObject({
      response: { status: 'ok', data: { shape: 'number', value: 4, unit: 'jours' } },
    });
  });

  it('shows an agent their own GLPI tickets through a technical account', async () => {
    const source = await save('Mes tickets', glpi, preset('glpi-my-tickets'));
    const widget = await addIndicator(agent, source.id);
    const read = await readIndicator(agent, widget);
    expect(read.response).toMatchObject({
      status: 'ok',
      data: {
        shape: 'table',
        columns: [{ label: 'Ticket' }, { label: 'Statut' }, { label: 'Priorité' }],
        rows: expect.arrayContaining([expect.any(Array)]),
      },
    });
  });

  it('lists the sources members may choose from, and refuses a duplicate name', async () => {
    const { status, json } = await call(agent, '/api/data-sources');
    expect(status).toBe(200);
    expect(json).toMatchObject({
      dataSources: expect.arrayContaining([expect.objectContaining({ name: 'Mes tickets' })]),
    });
    const duplicate = await call(admin, '/api/admin/data-sources', 'POST', {
      name: 'Mes tickets',
      connectorId: glpi.id,
      definition: preset('glpi-my-tickets'),
    });
    expect(duplicate.status).toBe(400);
  });
});
