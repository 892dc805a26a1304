import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardSchema,
  connectorListResponseSchema,
  connectorTestResultSchema,
  myConnectorListResponseSchema,
  todoEventSchema,
  widgetDataResponseSchema,
  type Board,
  type ConnectedWidgetKind,
  type WidgetDataOf,
} from '@pleiade/contracts';
import { DEMAT_DEMO_DATA } from '@pleiade/simulators';
import { refusalOf } from '../support/boards.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * The dematerialisation chain as the one-command start sets it up (DEMO_APPLICATIONS=1: the
 * simulators of i-Parapheur, S²low, i-delibRE and Pastell connected to demo-a and demo-b), read
 * through the widget data route by the demo accounts. i-delibRE, S²low and Pastell are read with a
 * technical account (pattern P4): these tests prove that nobody receives another person's or
 * another collectivité's items, and that a Pastell entity outside the collectivité is refused.
 */

let pleiade: TestPleiade;
const people: Record<'agent' | 'elu' | 'admin' | 'agentB', TestBrowser> = {} as never;
const bodies: string[] = [];

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${path}`, method, body);
  const text = await response.clone().text();
  bodies.push(text);
  return response;
}

async function boardOf(browser: TestBrowser): Promise<Board> {
  const response = await call(browser, '/api/boards/current');
  expect(response.status).toBe(200);
  return boardSchema.parse(await response.json());
}

/** Replaces the person's own board with these widgets, one per row. */
async function putWidgets(browser: TestBrowser, widgets: { kind: ConnectedWidgetKind; options?: object }[]) {
  const board = await boardOf(browser);
  const placed = widgets.map((widget, index) => ({
    id: randomUUID(),
    kind: widget.kind,
    options: widget.options ?? {},
    layout: { lg: { x: 0, y: index * 6, w: 6, h: 6 } },
  }));
  const response = await call(browser, `/api/boards/${board.id}`, 'PUT', { version: board.version, widgets: placed });
  expect(response.status, await response.clone().text()).toBe(200);
  return placed.map((widget) => widget.id);
}

async function widgetIdOf(browser: TestBrowser, kind: ConnectedWidgetKind): Promise<string> {
  const widget = (await boardOf(browser)).widgets.find((item) => item.kind === kind);
  if (!widget) throw new Error(`no ${kind} widget`);
  return widget.id;
}

async function read<K extends ConnectedWidgetKind>(browser: TestBrowser, kind: K, widgetId: string | undefined) {
  if (!widgetId) throw new Error('no widget id');
  const response = await call(browser, `/api/widgets/${widgetId}/data`);
  expect(response.status).toBe(200);
  return widgetDataResponseSchema(kind).parse(await response.json());
}

async function dataOf<K extends ConnectedWidgetKind>(
  browser: TestBrowser,
  kind: K,
  widgetId?: string,
): Promise<WidgetDataOf<K>> {
  const response = await read(browser, kind, widgetId ?? (await widgetIdOf(browser, kind)));
  if (response.status !== 'ok') throw new Error(`expected data, got ${JSON.stringify(response)}`);
  return response.data as WidgetDataOf<K>;
}

async function connectorIdOf(browser: TestBrowser, kind: string): Promise<string> {
  const response = await call(browser, '/api/me/connectors');
  const { connectors } = myConnectorListResponseSchema.parse(await response.json());
  const found = connectors.find((connector) => connector.kind === kind);
  if (!found) throw new Error(`no ${kind} connector`);
  return found.id;
}

beforeAll(async () => {
  pleiade = await startTestPleiade({ DEMO_APPLICATIONS: '1' });
  [people.agent, people.elu, people.admin, people.agentB] = await Promise.all([
    signIn(pleiade.url, 'agent'),
    signIn(pleiade.url, 'elu'),
    signIn(pleiade.url, 'admin'),
    signIn(pleiade.url, 'agent-b'),
  ]);
}, 120_000);
afterAll(async () => {
  await pleiade?.stop();
});

describe('the demo connectors of the dematerialisation chain', () => {
  it('give the élu their sittings and folders to sign, the agent the parapheur, télétransmission and Pastell', async () => {
    const kinds = async (browser: TestBrowser) =>
      (await boardOf(browser)).widgets.map((widget) => widget.kind).filter((kind) => kind !== null);
    expect(await kinds(people.elu)).toEqual(expect.arrayContaining(['seances', 'parapheur']));
    expect(await kinds(people.elu)).not.toContain('pastell');
    expect(await kinds(people.agent)).toEqual(expect.arrayContaining(['parapheur', 'teletransmission', 'pastell']));
  });

  it('reach S²low with its sealed certificate whichever read comes first, « À traiter » or the widget', async () => {
    // « À traiter » first: the connector's shared client is built by that read, and the widget's
    // read after it must still present the certificate (it once got a client without it).
    const stream = await call(people.agent, '/api/todo/stream');
    const events = (await stream.text())
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => todoEventSchema.parse(JSON.parse(line)));
    const sources = events.find((event) => event.type === 'sources');
    const s2low = sources?.type === 'sources' ? sources.sources.find((source) => source.kind === 's2low') : undefined;
    expect(s2low).toBeDefined();
    const outcome = events.find(
      (event) => (event.type === 'items' || event.type === 'failed') && event.connectorId === s2low?.connectorId,
    );
    expect(outcome?.type).toBe('items');
    const widgetId = await widgetIdOf(people.agent, 'teletransmission');
    expect((await read(people.agent, 'teletransmission', widgetId)).status).toBe('ok');
  });

  it('ask each person for their own i-Parapheur password, then show their desks only', async () => {
    const widgetId = await widgetIdOf(people.elu, 'parapheur');
    const before = await read(people.elu, 'parapheur', widgetId);
    expect(before.status).toBe('credentials_missing');
    const password = DEMAT_DEMO_DATA.iparapheur.accounts.find((account) => account.username === 'elu')?.password;
    const connectorId = await connectorIdOf(people.elu, 'iparapheur');
    const saved = await call(people.elu, `/api/me/connectors/${connectorId}/credential`, 'PUT', { secret: password });
    expect(saved.status).toBe(200);
    const data = await dataOf(people.elu, 'parapheur', widgetId);
    expect(data.desks.map((desk) => desk.name)).toEqual(['Signature du maire']);
    expect(data.folders.length).toBeGreaterThan(0);
    // The agent has not given theirs: the élu's password is never used for them.
    expect((await read(people.agent, 'parapheur', await widgetIdOf(people.agent, 'parapheur'))).status).toBe(
      'credentials_missing',
    );
  });

  it('keep each person to their own i-delibRE convocations, whoever else the token sees', async () => {
    const states = (data: WidgetDataOf<'seances'>) =>
      data.sittings.map((sitting) => [sitting.name, sitting.convocation?.state ?? null]);
    const elu = await dataOf(people.elu, 'seances');
    expect(states(elu)).toEqual([
      ['Commission urbanisme', 'to_confirm'],
      ['Conseil municipal', 'to_read'],
    ]);
    expect([elu.toRead, elu.toConfirm]).toEqual([1, 1]);
    // The administrator is only invited to the council; the agent is convoked to nothing.
    const [adminWidget] = await putWidgets(people.admin, [{ kind: 'seances' }]);
    const admin = await dataOf(people.admin, 'seances', adminWidget);
    expect(states(admin)).toEqual([
      ['Commission urbanisme', null],
      ['Conseil municipal', 'to_confirm'],
    ]);
    expect(admin.sittings[1]?.convocation?.category).toBe('invitation');
    const [agentWidget] = await putWidgets(people.agent, [{ kind: 'seances' }]);
    const agent = await dataOf(people.agent, 'seances', agentWidget);
    expect(states(agent)).toEqual([
      ['Commission urbanisme', null],
      ['Conseil municipal', null],
    ]);
    expect([agent.toRead, agent.toConfirm]).toEqual([0, 0]);
    // Another collectivité: its own structure's sittings, none of demo-a's.
    const [agentBWidget] = await putWidgets(people.agentB, [{ kind: 'seances' }]);
    const agentB = await dataOf(people.agentB, 'seances', agentBWidget);
    expect(agentB.sittings.map((sitting) => sitting.name)).toEqual(['Conseil communautaire']);
  });

  it('show each collectivité its own S²low acts, through the sealed client certificate', async () => {
    const [a] = await putWidgets(people.agent, [{ kind: 'teletransmission', options: { periodDays: 366 } }]);
    const [b] = await putWidgets(people.agentB, [{ kind: 'teletransmission', options: { periodDays: 366 } }]);
    const dataA = await dataOf(people.agent, 'teletransmission', a);
    const dataB = await dataOf(people.agentB, 'teletransmission', b);
    const current = (authorityId: number, status: number) =>
      DEMAT_DEMO_DATA.s2low.transactions.filter(
        (t) => t.authorityId === authorityId && t.workflow.at(-1)?.status === status,
      );
    expect(dataA.current.error).toBe(current(1, -1).length);
    expect(dataB.current.error).toBe(current(2, -1).length);
    const subjectsB = new Set(current(2, -1).map((t) => t.subject));
    expect(dataA.errors.some((act) => subjectsB.has(act.title))).toBe(false);
    expect(dataA.errors.map((act) => act.id).sort()).toEqual(
      current(1, -1)
        .map((t) => `acte:${t.id}`)
        .sort(),
    );
  });

  it('let an administrator test S²low: the handshake with the sealed certificate succeeds', async () => {
    const response = await call(people.admin, '/api/admin/connectors');
    const { connectors } = connectorListResponseSchema.parse(await response.json());
    const s2low = connectors.find((connector) => connector.kind === 's2low');
    expect(s2low?.secretNames.sort()).toEqual([
      'caCertificate',
      'clientCertificate',
      'clientKey',
      'password',
      'username',
    ]);
    const tested = await call(people.admin, `/api/admin/connectors/${s2low?.id ?? 'none'}/test`, 'POST', {});
    expect(tested.status).toBe(200);
    const result = connectorTestResultSchema.parse(await tested.json());
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });

  it('offer the entities of the person’s collectivité in Pastell, and refuse any other with 403', async () => {
    const [first, ccas, foreign] = await putWidgets(people.agent, [
      { kind: 'pastell' },
      { kind: 'pastell', options: { entityId: '2' } },
      { kind: 'pastell', options: { entityId: '3' } },
    ]);
    const shown = await dataOf(people.agent, 'pastell', first);
    expect(shown.entities.map((entity) => entity.name)).toEqual([
      'Commune de démonstration A',
      'CCAS de la commune de démonstration A',
    ]);
    expect(shown.entity?.id).toBe('1');
    expect((await dataOf(people.agent, 'pastell', ccas)).entity?.id).toBe('2');
    // Entity 3 is demo-b's: the technical account could read it, the BFF refuses it.
    const refused = await refusalOf(await call(people.agent, `/api/widgets/${foreign}/data`));
    expect(refused).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refused.message).toMatch(/collectivité/);
    const [b] = await putWidgets(people.agentB, [{ kind: 'pastell', options: { entityId: '1' } }]);
    expect((await call(people.agentB, `/api/widgets/${b}/data`)).status).toBe(403);
    const [own] = await putWidgets(people.agentB, [{ kind: 'pastell' }]);
    const dataB = await dataOf(people.agentB, 'pastell', own);
    expect(dataB.entities.map((entity) => entity.id)).toEqual(['3']);
  });

  it('never read another collectivité’s connector, even when a widget names it', async () => {
    const connectorA = await connectorIdOf(people.agent, 'idelibre');
    const [widget] = await putWidgets(people.agentB, [{ kind: 'seances', options: { connectorId: connectorA } }]);
    expect((await read(people.agentB, 'seances', widget)).status).toBe('not_configured');
  });

  it('send no secret of the technical accounts to the browser', () => {
    const s2low = DEMAT_DEMO_DATA.s2low.accounts.map((account) => account.password);
    const idelibre = DEMAT_DEMO_DATA.idelibre.structures.map((structure) => structure.apiToken);
    const pastell = DEMAT_DEMO_DATA.pastell.users.map((user) => user.password);
    const all = bodies.join('\n');
    for (const secret of [...s2low, ...idelibre, ...pastell]) expect(all).not.toContain(secret);
    expect(all).not.toContain('PRIVATE KEY');
  });
});
