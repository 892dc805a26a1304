import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DECLARATIVE_PRESETS,
  apiErrorBodySchema,
  dataSourceListResponseSchema,
  indicatorDefinitionViewSchema,
  indicatorReadingSchema,
  indicatorSourceListSchema,
  periodStartAfter,
  periodStartOf,
  type DataSource,
  type IndicatorPeriod,
} from '@pleiade/contracts';
import { DEMAT_DEMO_DATA } from '@pleiade/simulators';
import { createDb, type Db } from '../../src/db/client.js';
import { IndicatorScheduler } from '../../src/indicators/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * Indicators read through the collectivité's connectors (issue 11): a declarative data source
 * giving a number, and the élus' presets on S²low and i-delibRE, on the demo simulators
 * (DEMO_APPLICATIONS=1). The scheduler under test uses the very registry the app's routes offer.
 */

let pleiade: TestPleiade;
let db: Db;
let admin: TestBrowser;
let adminB: TestBrowser;
const logLines: string[] = [];
const MINUTE = 60_000;
const DAY = 86_400_000;

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${path}`, method, body);
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

function presetName(id: string): string {
  const found = DECLARATIVE_PRESETS.find((preset) => preset.id === id);
  if (!found) throw new Error(id);
  return found.name;
}

async function dataSourceOf(browser: TestBrowser, presetId: string): Promise<DataSource> {
  const { status, json } = await call(browser, '/api/admin/data-sources');
  expect(status).toBe(200);
  const found = dataSourceListResponseSchema
    .parse(json)
    .dataSources.find((source) => source.name === presetName(presetId));
  if (!found) throw new Error(`no data source ${presetId}`);
  return found;
}

function definition(label: string, kind: string, period: IndicatorPeriod, params: object = {}) {
  return { label, unit: null, source: { kind, params }, period, direction: 'higher_is_better' };
}

async function createIndicator(browser: TestBrowser, body: object): Promise<string> {
  const { status, json } = await call(browser, '/api/admin/indicators', 'POST', body);
  expect(status, JSON.stringify(json)).toBe(201);
  return indicatorDefinitionViewSchema.parse(json).id;
}

async function refusedParam(browser: TestBrowser, body: object): Promise<string | undefined> {
  const { status, json } = await call(browser, '/api/admin/indicators', 'POST', body);
  expect(status, JSON.stringify(json)).toBe(400);
  const detail = apiErrorBodySchema
    .parse(json)
    .error.details?.find((item) => item.path === 'body.source.params.dataSourceId');
  return detail?.message;
}

function scheduler(): IndicatorScheduler {
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  return new IndicatorScheduler({ db, logger, sources: pleiade.running.app.indicatorSources, intervalMs: 0 });
}

async function currentValue(indicatorId: string): Promise<number | undefined> {
  const { status, json } = await call(admin, `/api/indicators/${indicatorId}`);
  expect(status).toBe(200);
  return indicatorReadingSchema.parse(json).current?.value;
}

beforeAll(async () => {
  // The product's own scheduler stays off: the test ticks its own, on the app's registry.
  pleiade = await startTestPleiade({ DEMO_APPLICATIONS: '1', INDICATOR_TICK_SECONDS: '0' });
  db = createDb(pleiade.running.databaseUrl);
  [admin, adminB] = await Promise.all([signIn(pleiade.url, 'admin'), signIn(pleiade.url, 'admin-b')]);
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await pleiade?.stop();
});

describe('the declarative source of indicators', () => {
  it('offers the collectivité’s number data sources only, as a list to choose from', async () => {
    const { status, json } = await call(admin, '/api/admin/indicator-sources');
    expect(status).toBe(200);
    const source = indicatorSourceListSchema.parse(json).sources.find((item) => item.kind === 'declarative');
    const field = source?.fields[0];
    if (field?.type !== 'select') throw new Error('expected a select');
    const budget = await dataSourceOf(admin, 'finance-budget-execution');
    expect(field.options).toContainEqual({ value: budget.id, label: budget.name });
    // A person's own balance, a list, another collectivité's source: not offered.
    const leave = await dataSourceOf(admin, 'time-leave-balance');
    const orders = await dataSourceOf(admin, 'finance-orders-to-approve');
    const budgetB = await dataSourceOf(adminB, 'finance-budget-execution');
    const offered = field.options.map((option) => option.value);
    for (const id of [leave.id, orders.id, budgetB.id]) expect(offered).not.toContain(id);
  });

  it('reads the data source’s number with the technical account, and the scheduler records it', async () => {
    const budget = await dataSourceOf(admin, 'finance-budget-execution');
    const indicatorId = await createIndicator(
      admin,
      definition('Exécution du budget', 'declarative', 'month', { dataSourceId: budget.id }),
    );
    expect(await currentValue(indicatorId)).toBeUndefined();
    const now = new Date();
    await scheduler().tick(now);
    expect(await currentValue(indicatorId)).toBe(47.32);
    const snapshot = await db.indicatorSnapshot.findUniqueOrThrow({
      where: { indicatorId_periodStart: { indicatorId, periodStart: periodStartOf('month', now) } },
    });
    expect(snapshot.value).toBe(47.32);
  });

  it('refuses a data source that depends on the person reading it, or that is not a number', async () => {
    const leave = await dataSourceOf(admin, 'time-leave-balance');
    expect(
      await refusedParam(admin, definition('Mes congés', 'declarative', 'month', { dataSourceId: leave.id })),
    ).toMatch(/dépend de la personne/);
    const orders = await dataSourceOf(admin, 'finance-orders-to-approve');
    expect(
      await refusedParam(admin, definition('Commandes', 'declarative', 'month', { dataSourceId: orders.id })),
    ).toMatch(/un nombre/);
  });

  it('refuses another collectivité’s data source, at creation and at reading', async () => {
    const budgetB = await dataSourceOf(adminB, 'finance-budget-execution');
    expect(
      await refusedParam(admin, definition('Budget d’à côté', 'declarative', 'month', { dataSourceId: budgetB.id })),
    ).toMatch(/n’existe pas dans votre collectivité/);
    // Written behind the API's back: the reading refuses it too, and records nothing.
    const collectiviteA = await db.collectivite.findUniqueOrThrow({ where: { slug: 'demo-a' } });
    const row = await db.indicator.create({
      data: {
        collectiviteId: collectiviteA.id,
        label: 'Budget d’à côté',
        sourceKind: 'declarative',
        sourceParams: { dataSourceId: budgetB.id },
        period: 'month',
        direction: 'higher_is_better',
        nextRunAt: new Date(0),
      },
    });
    logLines.length = 0;
    await scheduler().tick(new Date());
    expect(await db.indicatorSnapshot.count({ where: { indicatorId: row.id } })).toBe(0);
    expect(logLines.join('\n')).toContain('Donnée métier introuvable dans la collectivité de l’indicateur.');
  });
});

describe('the élus’ presets on the dematerialisation chain', () => {
  it('count the acts transmitted this month (S²low) and the sittings of the quarter (i-delibRE)', async () => {
    const acts = await createIndicator(admin, definition('Actes transmis', 'demat.acts-transmitted', 'month'));
    const sittings = await createIndicator(admin, definition('Séances', 'demat.sittings', 'quarter'));
    const now = new Date();
    await scheduler().tick(now);

    // What the simulators hold for demo-a: acts whose transmission or acknowledgement happened this month…
    const monthStart = periodStartOf('month', now).getTime();
    const expectedActs = DEMAT_DEMO_DATA.s2low.transactions.filter((act) => {
      const last = act.workflow.at(-1);
      return (
        act.authorityId === 1 &&
        last !== undefined &&
        [3, 4].includes(last.status) &&
        now.getTime() - last.minutesAgo * MINUTE >= monthStart
      );
    }).length;
    // …and its sittings, past and upcoming, within this quarter.
    const structureA = DEMAT_DEMO_DATA.idelibre.structures.find((structure) => structure.collectivite === 'demo-a');
    const [from, to] = [periodStartOf('quarter', now).getTime(), periodStartAfter('quarter', now).getTime()];
    const expectedSittings = DEMAT_DEMO_DATA.idelibre.sittings.filter((sitting) => {
      const at = now.getTime() + sitting.dayOffset * DAY;
      return sitting.structureId === structureA?.id && at >= from && at < to;
    }).length;

    expect(await currentValue(acts)).toBe(expectedActs);
    expect(await currentValue(sittings)).toBe(expectedSittings);
    // Not nothing: the demo data has acts and sittings in the current period.
    expect(expectedActs + expectedSittings).toBeGreaterThan(0);
  });

  it('record nothing, with a clear message, for a collectivité without the application', async () => {
    await db.connectorInstance.updateMany({ where: { kind: 's2low' }, data: { enabled: false } });
    try {
      const acts = await createIndicator(adminB, definition('Actes transmis', 'demat.acts-transmitted', 'week'));
      logLines.length = 0;
      await scheduler().tick(new Date());
      expect(await db.indicatorSnapshot.count({ where: { indicatorId: acts } })).toBe(0);
      expect(logLines.join('\n')).toContain('La collectivité n’a pas d’application S²low configurée.');
    } finally {
      await db.connectorInstance.updateMany({ where: { kind: 's2low' }, data: { enabled: true } });
    }
  });
});
