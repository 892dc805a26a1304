import { DECLARATIVE_PRESETS, declarativeDefinitionSchema, type DeclarativeDefinition } from '@pleiade/contracts';
import { parisTimeToday, startSimulators, type Simulators } from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamClient } from '../connectors/upstream-client.js';
import { readDeclarative } from './read.js';
import { buildHttpRead, odataLiteral, soapAnswerToJson, xmlEscape } from './request.js';

// The presets against the OData finance and Kelio-like SOAP simulators, on a fixed clock.
const now = parisTimeToday(new Date(), '15:00');
let sims: Simulators;
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  sims = await startSimulators({ now: () => now });
});
afterAll(() => sims.close());
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

function client(baseUrl: string): UpstreamClient {
  const created = new UpstreamClient({
    instanceId: 'declarative-test',
    baseUrl,
    allowPrivateNetworks: ['127.0.0.1/32'],
    resilience: { retries: 0 },
  });
  clients.push(created);
  return created;
}

function preset(id: string): DeclarativeDefinition {
  const found = DECLARATIVE_PRESETS.find((p) => p.id === id);
  if (!found) throw new Error(id);
  return declarativeDefinitionSchema.parse(found.definition);
}

const finance = () => {
  const account = sims.credentials.finance['demo-a'];
  return {
    client: client(sims.urls.finance),
    credential: { type: 'basic' as const, username: account.login, password: account.password },
  };
};
const time = () => {
  const account = sims.credentials.time['demo-a'];
  return {
    client: client(sims.urls.time),
    credential: { type: 'basic' as const, username: account.login, password: account.password },
  };
};

describe('declarative requests', () => {
  it('writes OData literals escaped and SOAP values XML-escaped, values from claims only', () => {
    expect(odataLiteral("o'brien")).toBe("'o''brien'");
    expect(odataLiteral(3)).toBe('3');
    expect(xmlEscape('<a&b>')).toBe('&lt;a&amp;b&gt;');
    const built = buildHttpRead(
      {
        protocol: 'odata',
        path: '/odata/BonsDeCommande',
        filter: [{ property: 'Valideur', operator: 'eq', value: { claim: 'login' } }],
        select: ['Numero'],
        count: false,
      },
      { login: "x' or 1 eq 1 or Valideur eq 'y" },
    );
    expect(built).toMatchObject({
      ok: true,
      value: { query: { $filter: "Valideur eq 'x'' or 1 eq 1 or Valideur eq ''y'", $select: 'Numero' } },
    });
  });

  it('refuses to read without the claim the definition names, in French', () => {
    const built = buildHttpRead(
      {
        protocol: 'soap',
        path: '/x',
        namespace: 'urn:x',
        operation: 'op',
        soapAction: '',
        fields: [{ name: 'id', value: { claim: 'employeeNumber' } }],
      },
      { login: 'agent' },
    );
    expect(built).toEqual({ ok: false, message: expect.stringMatching(/matricule/) });
  });

  it('reads a SOAP answer as JSON, refusing DOCTYPEs and envelopes without the response', () => {
    const answer =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><ns:opResponse xmlns:ns="urn:x">' +
      '<list><Item><a>1</a></Item></list></ns:opResponse></soap:Body></soap:Envelope>';
    expect(soapAnswerToJson(answer, 'op')).toEqual({ list: [{ Item: [{ a: '1' }] }] });
    expect(soapAnswerToJson(answer, 'other')).toBeUndefined();
    expect(soapAnswerToJson(`<!DOCTYPE x [<!ENTITY a "b">]>${answer}`, 'op')).toBeUndefined();
    expect(soapAnswerToJson('<not-closed>', 'op')).toBeUndefined();
  });
});

describe('the presets against the simulators', () => {
  it('reads the budget execution rate (OData, technical account)', async () => {
    const outcome = await readDeclarative({ ...finance(), person: {} }, preset('finance-budget-execution'));
    expect(outcome).toEqual({ ok: true, data: { shape: 'number', value: 47.32, decimals: 1, unit: '%' } });
  });

  it('reads each person’s own purchase orders and leave requests to approve', async () => {
    const orders = preset('finance-orders-to-approve');
    const admin = await readDeclarative({ ...finance(), person: { login: 'admin' } }, orders);
    const agent = await readDeclarative({ ...finance(), person: { login: 'agent' } }, orders);
    expect(admin).toMatchObject({ ok: true, data: { shape: 'table', total: 2 } });
    expect(agent).toMatchObject({ ok: true, data: { shape: 'table', total: 0 } });
    const requests = preset('hr-requests-to-validate');
    expect(await readDeclarative({ ...finance(), person: { login: 'admin' } }, requests)).toMatchObject({
      ok: true,
      data: { value: 3, unit: 'demandes' },
    });
  });

  it('reads the person’s leave balance, hours balance and today’s clock-ins (SOAP) by their matricule', async () => {
    const person = { login: 'agent', employeeNumber: 'A-00042' };
    expect(await readDeclarative({ ...time(), person }, preset('time-leave-balance'))).toEqual({
      ok: true,
      data: { shape: 'number', value: 4, decimals: 1, unit: 'jours' },
    });
    const hours = await readDeclarative({ ...time(), person }, preset('time-hours-balance'));
    expect(hours).toMatchObject({ ok: true, data: { unit: 'h' } });
    expect(hours.ok && hours.data.shape === 'number' && Math.round(hours.data.value * 60)).toBe(445);
    const clockings = await readDeclarative({ ...time(), person }, preset('time-clockings-today'));
    expect(clockings).toMatchObject({
      ok: true,
      data: {
        shape: 'table',
        rows: [
          ['08:12:00', 'Entrée', expect.any(String)],
          ['12:03:00', 'Sortie', expect.any(String)],
          ['13:31:00', 'Entrée', expect.any(String)],
        ],
      },
    });
  });

  it('answers a French message, not an exception, for refused credentials and SOAP faults', async () => {
    const refused = await readDeclarative(
      {
        client: client(sims.urls.finance),
        credential: { type: 'basic', username: 'x', password: 'y' },
        person: {},
      },
      preset('finance-budget-execution'),
    );
    expect(refused).toMatchObject({ ok: false, status: 'credentials_refused', reason: 'HTTP_401' });
    const unknown = await readDeclarative(
      { ...time(), person: { employeeNumber: 'Z-999' } },
      preset('time-leave-balance'),
    );
    expect(unknown).toMatchObject({ ok: false, message: expect.stringMatching(/\S/) });
  });
});
