import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { periodStartAfter, periodStartOf } from '@pleiade/contracts';
import { createDb, type Db } from '../../src/db/client.js';
import { IndicatorScheduler, type TickResult } from '../../src/indicators/scheduler.js';
import { defineIndicatorSource, type IndicatorSourceRegistry } from '../../src/indicators/source.js';
import { INDICATOR_SOURCES } from '../../src/indicators/sources.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/**
 * The indicator scheduler under two instances (issue 11): two schedulers, each with its own Prisma
 * client, on one database, ticking many times in parallel while time moves on month by month.
 * Exactly one snapshot per indicator and period; a failing source records nothing, is logged
 * without its parameters and succeeds at a later tick.
 */

let database: TestDatabase;
let dbA: Db;
let dbB: Db;
let collectiviteId: string;
const logLines: string[] = [];

/** Reads of the counting source, by instance. */
const readsBy = { a: 0, b: 0 };
let flakyFailuresLeft = 0;

/** Holds instance a's reads of the gated source until released; tells when one has begun. */
let gate: { began: () => void; released: Promise<void> } | undefined;

function sourcesFor(instance: 'a' | 'b'): IndicatorSourceRegistry {
  return {
    ...INDICATOR_SOURCES,
    'test.counter': defineIndicatorSource({
      kind: 'test.counter',
      label: 'Compteur de test',
      params: z.object({ step: z.number().default(1) }).strict(),
      async read({ now, params }) {
        readsBy[instance] += 1;
        // A slow upstream: lets the other instance's ticks run meanwhile.
        await new Promise((resolve) => setTimeout(resolve, 5));
        return now.getUTCMonth() * params.step;
      },
    }),
    'test.flaky': defineIndicatorSource({
      kind: 'test.flaky',
      label: 'Source capricieuse',
      params: z.object({ token: z.string() }).strict(),
      async read() {
        if (flakyFailuresLeft > 0) {
          flakyFailuresLeft -= 1;
          throw new Error('service indisponible (503)');
        }
        return 42;
      },
    }),
    'test.gated': defineIndicatorSource({
      kind: 'test.gated',
      label: 'Source retenue',
      params: z.object({}).strict(),
      async read() {
        if (instance === 'a' && gate) {
          gate.began();
          await gate.released;
        }
        return 7;
      },
    }),
    'test.empty': defineIndicatorSource({
      kind: 'test.empty',
      label: 'Source sans valeur',
      params: z.object({}).strict(),
      read: () => Promise.resolve(null),
    }),
  };
}

function schedulerOn(db: Db, instance: 'a' | 'b', batchSize?: number): IndicatorScheduler {
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  return new IndicatorScheduler({ db, logger, sources: sourcesFor(instance), intervalMs: 0, batchSize });
}

async function createIndicator(sourceKind: string, period: string, sourceParams: object = {}): Promise<string> {
  const row = await dbA.indicator.create({
    data: {
      collectiviteId,
      label: `Indicateur ${sourceKind} ${period}`,
      sourceKind,
      sourceParams,
      period,
      direction: 'higher_is_better',
      nextRunAt: new Date(0),
    },
  });
  return row.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  dbA = createDb(database.url);
  dbB = createDb(database.url);
  collectiviteId = (await dbA.collectivite.create({ data: { slug: 'sched', name: 'Commune de Test' } })).id;
  for (const [index, role] of (['AGENT', 'AGENT', 'ELU'] as const).entries()) {
    await dbA.user.create({
      data: { collectiviteId, issuer: 'https://idp.test', subject: `u${index}`, displayName: `U${index}`, role },
    });
  }
});

// Snapshots go with their indicator: each test starts from none, even after a failed one.
afterEach(async () => {
  gate = undefined;
  flakyFailuresLeft = 0;
  await dbA.indicator.deleteMany({});
});

afterAll(async () => {
  await dbA.$disconnect();
  await dbB.$disconnect();
  await database.drop();
});

const sum = (results: TickResult[], key: keyof TickResult) => results.reduce((total, result) => total + result[key], 0);

describe('two schedulers on one database', () => {
  it('take exactly one snapshot per indicator and period, however many ticks run at once', async () => {
    const counters = await Promise.all(
      ['day', 'week', 'month', 'quarter'].map((period) => createIndicator('test.counter', period)),
    );
    const members = await createIndicator('pleiade.members', 'month', { role: 'agent' });
    const a = schedulerOn(dbA, 'a');
    const b = schedulerOn(dbB, 'b');
    const start = new Date('2026-01-15T09:00:00Z');
    let taken = 0;
    // Six months, moving on by ten days; at each moment twenty ticks race, ten per instance.
    for (let step = 0; step < 18; step += 1) {
      const now = new Date(start.getTime() + step * 10 * 86_400_000);
      const results = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).tick(now)));
      expect(sum(results, 'failed'), `step ${step}`).toBe(0);
      taken += sum(results, 'taken');
    }
    const end = new Date(start.getTime() + 17 * 10 * 86_400_000);
    const rows = await dbA.indicatorSnapshot.findMany({ orderBy: [{ indicatorId: 'asc' }, { periodStart: 'asc' }] });
    expect(rows).toHaveLength(taken);
    const periodsOf = (id: string) =>
      rows.filter((row) => row.indicatorId === id).map((row) => row.periodStart.toISOString());
    // One per period start, never two (the primary key would refuse it; no tick even tried).
    for (const id of [...counters, members]) expect(new Set(periodsOf(id)).size).toBe(periodsOf(id).length);
    // The months from January to July 2026, each once, each at Paris midnight on the 1st.
    const months = periodsOf(counters[2] ?? '');
    expect(months).toEqual(
      Array.from({ length: 7 }, (_, index) => periodStartAfter('month', start, index).toISOString()).filter(
        (month) => new Date(month) <= end,
      ),
    );
    expect(periodsOf(counters[3] ?? '')).toEqual([
      periodStartOf('quarter', start).toISOString(),
      periodStartAfter('quarter', start).toISOString(),
      periodStartAfter('quarter', start, 2).toISOString(),
    ]);
    // Days and weeks: only the ones a tick fell in (every ten days), once each.
    expect(periodsOf(counters[0] ?? '')).toHaveLength(18);
    expect(periodsOf(counters[1] ?? '')).toHaveLength(18);
    // A real source, read from Pléiade's own data: the agents of the collectivité.
    expect(rows.filter((row) => row.indicatorId === members).map((row) => row.value)).toEqual(
      Array(months.length).fill(2),
    );
    // The counter's value is the month it was read in: read in that period, not a later one.
    expect(rows.filter((row) => row.indicatorId === counters[2]).map((row) => row.value)).toEqual(
      [0, 1, 2, 3, 4, 5, 6].slice(0, months.length),
    );
    // Each counter's period was read once, by one instance or the other: no read was doubled.
    // (Which instance wins each race depends on the machine's scheduling: see the next test for sharing.)
    expect(readsBy.a + readsBy.b).toBe(rows.filter((row) => counters.includes(row.indicatorId)).length);
  });

  it('an instance held up mid-read does not hold the other up: it takes what is left meanwhile', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => createIndicator('test.gated', 'month')));
    let release = () => {};
    const began = new Promise<void>((resolve) => {
      gate = { began: resolve, released: new Promise<void>((done) => (release = done)) };
    });
    // Instance a claims one indicator per tick and is held inside its source's read.
    const a = schedulerOn(dbA, 'a', 1);
    const b = schedulerOn(dbB, 'b');
    const now = new Date('2026-04-02T08:00:00Z');
    const heldTick = a.tick(now);
    await began;
    // Meanwhile b neither waits for a's claim nor takes it: it takes the two others.
    expect(await b.tick(now)).toEqual({ taken: 2, alreadyTaken: 0, failed: 0 });
    expect(await dbA.indicatorSnapshot.count()).toBe(2);
    release();
    expect(await heldTick).toEqual({ taken: 1, alreadyTaken: 0, failed: 0 });
    const rows = await dbA.indicatorSnapshot.findMany({ select: { indicatorId: true, value: true } });
    expect(rows.map((row) => row.indicatorId).sort()).toEqual([...ids].sort());
    expect(rows.every((row) => row.value === 7)).toBe(true);
  });

  it('a failing source records nothing, is logged without its parameters and is read again at the next tick', async () => {
    const flaky = await createIndicator('test.flaky', 'month', { token: 'jeton-tres-secret' });
    const empty = await createIndicator('test.empty', 'month');
    const a = schedulerOn(dbA, 'a');
    const b = schedulerOn(dbB, 'b');
    flakyFailuresLeft = 2;
    const now = new Date('2026-03-10T08:00:00Z');
    const first = await Promise.all([a.tick(now), b.tick(now)]);
    expect(sum(first, 'failed')).toBe(2);
    expect(await dbA.indicatorSnapshot.count({ where: { indicatorId: flaky } })).toBe(0);
    const later = new Date(now.getTime() + 60_000);
    expect(sum([await b.tick(later)], 'failed')).toBe(2);
    expect(await dbA.indicatorSnapshot.count()).toBe(0);
    const evenLater = new Date(later.getTime() + 60_000);
    const third = await Promise.all([a.tick(evenLater), b.tick(evenLater)]);
    expect(sum(third, 'taken')).toBe(1);
    expect(await dbA.indicatorSnapshot.findMany({ where: { indicatorId: flaky }, select: { value: true } })).toEqual([
      { value: 42 },
    ]);
    // The source with no value keeps being tried, recording nothing.
    expect(await dbA.indicatorSnapshot.count({ where: { indicatorId: empty } })).toBe(0);
    expect((await dbA.indicator.findUniqueOrThrow({ where: { id: empty } })).nextRunAt).toEqual(evenLater);

    const failures = logLines.filter((line) => line.includes(flaky));
    expect(failures).toHaveLength(2);
    for (const line of failures) {
      expect(JSON.parse(line)).toMatchObject({
        msg: 'indicator source failed; retried at the next tick',
        sourceKind: 'test.flaky',
        err: { message: 'service indisponible (503)' },
      });
    }
    expect(logLines.join('\n')).not.toContain('jeton-tres-secret');
  });

  it('an instance that stopped mid-read leaves the indicator to another once its lease has run out', async () => {
    const id = await createIndicator('test.counter', 'month');
    const now = new Date('2026-05-05T08:00:00Z');
    // Claimed by an instance that then vanished: the lease holds it for five minutes.
    await dbA.indicator.update({ where: { id }, data: { nextRunAt: new Date(now.getTime() + 5 * 60_000) } });
    const b = schedulerOn(dbB, 'b');
    expect((await b.tick(now)).taken).toBe(0);
    expect((await b.tick(new Date(now.getTime() + 5 * 60_000))).taken).toBe(1);
  });
});
