import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorBodySchema,
  auditLogSchema,
  indicatorDefinitionListSchema,
  indicatorDefinitionViewSchema,
  indicatorReadingSchema,
  indicatorSourceListSchema,
  indicatorSummaryListSchema,
  periodStartAfter,
  type IndicatorDefinitionRequest,
} from '@pleiade/contracts';
import { createDb, type Db } from '../../src/db/client.js';
import { IndicatorScheduler } from '../../src/indicators/scheduler.js';
import { INDICATOR_SOURCES } from '../../src/indicators/sources.js';
import { createLogger } from '../../src/logger.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * Indicators through the API (issue 11): administrators of the collectivité define them; every
 * member reads value, trend, level and history (élus included); another collectivité's do not
 * exist; each change is in the audit log.
 */

let pleiade: TestPleiade;
let db: Db;
let agent: TestBrowser;
let elu: TestBrowser;
let admin: TestBrowser;
let agentB: TestBrowser;
let adminB: TestBrowser;

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${path}`, method, body);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function refusal(pending: ReturnType<typeof call>) {
  const { status, body } = await pending;
  const { code, message, details } = apiErrorBodySchema.parse(body).error;
  return { status, code, message, ...(details ? { details } : {}) };
}

const definition: IndicatorDefinitionRequest = {
  label: 'Agents inscrits',
  unit: 'agents',
  source: { kind: 'pleiade.members', params: { role: 'agent' } },
  period: 'month',
  direction: 'higher_is_better',
  thresholds: { watch: 3, critical: 1 },
};

beforeAll(async () => {
  pleiade = await startTestPleiade({ INDICATOR_TICK_SECONDS: '0' });
  db = createDb(pleiade.database.url);
  [agent, elu, admin, agentB, adminB] = await Promise.all([
    signIn(pleiade.url, 'agent'),
    signIn(pleiade.url, 'elu'),
    signIn(pleiade.url, 'admin'),
    signIn(pleiade.url, 'agent-b'),
    signIn(pleiade.url, 'admin-b'),
  ]);
});

afterAll(async () => {
  await db?.$disconnect();
  await pleiade?.stop();
});

describe('defining indicators', () => {
  it('offers the registry’s sources to administrators only', async () => {
    const { status, body } = await call(admin, '/api/admin/indicator-sources');
    expect(status).toBe(200);
    const kinds = indicatorSourceListSchema.parse(body).sources.map((source) => source.kind);
    expect(kinds).toEqual(expect.arrayContaining(Object.keys(INDICATOR_SOURCES)));
    for (const browser of [agent, elu, agentB]) {
      expect(await refusal(call(browser, '/api/admin/indicator-sources'))).toMatchObject({
        status: 403,
        message: 'Réservé aux administrateurs de la collectivité.',
      });
    }
  });

  it('refuses, with French details, an unknown source, bad parameters and thresholds in the wrong order', async () => {
    expect(
      await refusal(call(admin, '/api/admin/indicators', 'POST', { ...definition, source: { kind: 'pleiade.nope' } })),
    ).toMatchObject({
      status: 400,
      details: [{ path: 'body.source.kind', message: 'cette source n’existe pas : choisissez-en une de la liste' }],
    });
    const badParams = await refusal(
      call(admin, '/api/admin/indicators', 'POST', {
        ...definition,
        source: { kind: 'pleiade.members', params: { role: 'maire' } },
      }),
    );
    expect(badParams).toMatchObject({ status: 400, details: [{ path: 'body.source.params.role' }] });
    expect(
      await refusal(
        call(admin, '/api/admin/indicators', 'POST', { ...definition, thresholds: { watch: 1, critical: 3 } }),
      ),
    ).toMatchObject({ status: 400, details: [{ path: 'body.thresholds.critical' }] });
    expect(
      await refusal(call(admin, '/api/admin/indicators', 'POST', { ...definition, period: 'year' })),
    ).toMatchObject({
      status: 400,
      details: [{ path: 'body.period' }],
    });
    expect(await db.indicator.count()).toBe(0);
  });

  it('lets only the collectivité’s administrators create, change and delete, each change in the audit log', async () => {
    for (const browser of [agent, elu]) {
      expect((await call(browser, '/api/admin/indicators', 'POST', definition)).status).toBe(403);
    }
    const created = await call(admin, '/api/admin/indicators', 'POST', definition);
    expect(created.status).toBe(201);
    const indicator = indicatorDefinitionViewSchema.parse(created.body);
    expect(indicator).toMatchObject({
      label: 'Agents inscrits',
      source: { kind: 'pleiade.members', label: 'Personnes inscrites sur Pléiade', params: { role: 'agent' } },
      thresholds: { watch: 3, critical: 1, labels: { good: 'Bon', watch: 'À surveiller', critical: 'Critique' } },
    });
    // Another collectivité's administrator: the indicator does not exist for them.
    const path = `/api/admin/indicators/${indicator.id}`;
    const missing = `/api/admin/indicators/${randomUUID()}`;
    for (const method of ['PUT', 'DELETE'] as const) {
      const body = method === 'PUT' ? definition : undefined;
      expect(await refusal(call(adminB, path, method, body))).toEqual(
        await refusal(call(adminB, missing, method, body)),
      );
      expect((await call(adminB, path, method, body)).status).toBe(404);
    }
    expect(indicatorDefinitionListSchema.parse((await call(adminB, '/api/admin/indicators')).body).indicators).toEqual(
      [],
    );

    const renamed = await call(admin, path, 'PUT', { ...definition, label: 'Agents sur Pléiade' });
    expect(renamed.status).toBe(200);
    expect(indicatorDefinitionListSchema.parse((await call(admin, '/api/admin/indicators')).body).indicators).toEqual([
      expect.objectContaining({ id: indicator.id, label: 'Agents sur Pléiade' }),
    ]);
    const extra = indicatorDefinitionViewSchema.parse(
      (await call(admin, '/api/admin/indicators', 'POST', { ...definition, label: 'À supprimer' })).body,
    );
    expect((await call(admin, `/api/admin/indicators/${extra.id}`, 'DELETE')).status).toBe(204);
    expect((await call(admin, `/api/indicators/${extra.id}`)).status).toBe(404);

    const log = auditLogSchema.parse((await call(admin, '/api/admin/audit-log')).body).events;
    expect(log.slice(0, 4).map((event) => [event.action, event.board.name, event.actorName])).toEqual([
      ['indicator.deleted', 'À supprimer', expect.any(String)],
      ['indicator.created', 'À supprimer', expect.any(String)],
      ['indicator.updated', 'Agents sur Pléiade', expect.any(String)],
      ['indicator.created', 'Agents inscrits', expect.any(String)],
    ]);
    expect(auditLogSchema.parse((await call(adminB, '/api/admin/audit-log')).body).events).toEqual([]);
  });
});

describe('reading an indicator', () => {
  it('gives every member, élus included, its value, trend, level and history; other collectivités get 404', async () => {
    const [indicator] = indicatorDefinitionListSchema.parse(
      (await call(admin, '/api/admin/indicators')).body,
    ).indicators;
    if (!indicator) throw new Error('no indicator');
    const path = `/api/indicators/${indicator.id}`;
    const empty = indicatorReadingSchema.parse((await call(elu, path)).body);
    expect(empty).toMatchObject({ current: null, trend: null, state: null, history: [] });

    // Snapshots over three months, as the scheduler takes them; one more agent each month.
    const scheduler = new IndicatorScheduler({
      db,
      logger: createLogger('silent'),
      sources: INDICATOR_SOURCES,
      intervalMs: 0,
    });
    const collectiviteId = (await db.collectivite.findUniqueOrThrow({ where: { slug: 'demo-a' } })).id;
    const first = new Date(Date.now() + 60_000);
    for (let month = 0; month < 3; month += 1) {
      await db.user.create({
        data: {
          collectiviteId,
          issuer: 'https://idp.test',
          subject: `extra-${month}`,
          displayName: `Agent ${month}`,
          role: 'AGENT',
        },
      });
      expect((await scheduler.tick(periodStartAfter('month', first, month))).taken).toBe(1);
    }
    const agents = await db.user.count({ where: { collectiviteId, role: 'AGENT' } });

    const reading = indicatorReadingSchema.parse((await call(elu, `${path}?history=2`)).body);
    expect(reading.indicator).toMatchObject({ label: 'Agents sur Pléiade', unit: 'agents', period: 'month' });
    expect(reading.current?.value).toBe(agents);
    expect(reading.history.map((point) => point.value)).toEqual([agents - 1, agents]);
    expect(reading.trend).toMatchObject({ direction: 'up', delta: 1, favourable: true });
    expect(reading.state).toEqual({
      level: agents >= 3 ? 'good' : agents >= 1 ? 'watch' : 'critical',
      label: expect.any(String),
    });
    expect(indicatorReadingSchema.parse((await call(agent, path)).body).history).toHaveLength(3);

    expect(indicatorSummaryListSchema.parse((await call(elu, '/api/indicators')).body).indicators).toEqual([
      { id: indicator.id, label: 'Agents sur Pléiade', unit: 'agents' },
    ]);
    expect(indicatorSummaryListSchema.parse((await call(agentB, '/api/indicators')).body).indicators).toEqual([]);
    for (const browser of [agentB, adminB]) {
      expect(await refusal(call(browser, path))).toEqual(
        await refusal(call(browser, `/api/indicators/${randomUUID()}`)),
      );
      expect(await refusal(call(browser, path))).toMatchObject({ status: 404, message: 'Indicateur introuvable.' });
    }
    expect(await refusal(call(elu, `${path}?history=0`))).toMatchObject({
      status: 400,
      details: [{ path: 'query.history' }],
    });
    expect(await refusal(call(elu, '/api/indicators/pas-un-uuid'))).toMatchObject({
      status: 400,
      details: [{ path: 'params.indicatorId' }],
    });
  });
});
