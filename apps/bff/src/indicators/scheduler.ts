import { INDICATOR_PERIODS, periodStartAfter, periodStartOf, type IndicatorPeriod } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import type { IndicatorSourceRegistry } from './source.js';

export interface IndicatorSchedulerOptions {
  db: Db;
  logger: Logger;
  sources: IndicatorSourceRegistry;
  /** Between two ticks; the first tick comes one interval after start(). */
  intervalMs: number;
  /** The clock (tests move it on). */
  now?: () => Date;
  /** Indicators claimed per tick. */
  batchSize?: number;
  /** Longest read of one source before it is aborted (a failure: retried at the next tick). */
  readTimeoutMs?: number;
  /**
   * How long a claimed indicator stays with this instance: if it stops mid-read, another one
   * takes the indicator over once this has passed.
   */
  leaseMs?: number;
}

export interface TickResult {
  /** Snapshots inserted. */
  taken: number;
  /** The period already had its snapshot (another instance, an earlier read). */
  alreadyTaken: number;
  /** Sources that failed or had no value: nothing recorded, retried at the next tick. */
  failed: number;
}

interface ClaimedIndicator {
  id: string;
  collectivite_id: string;
  source_kind: string;
  source_params: unknown;
  period: string;
}

function periodOf(value: string): IndicatorPeriod {
  return (INDICATOR_PERIODS as readonly string[]).includes(value) ? (value as IndicatorPeriod) : 'month';
}

/** Only the error's kind and message: never the parameters, headers or bodies a source handled. */
function describeError(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message.slice(0, 300) };
  return { name: typeof error, message: 'échec sans message' };
}

/**
 * Takes each indicator's snapshot once per period. One per process; any number of processes on
 * one database: a tick claims the indicators that are due with `FOR UPDATE SKIP LOCKED` (another
 * instance's claim is skipped, never waited for) and moves their next run on by a lease, reads
 * their sources outside any transaction, then inserts `ON CONFLICT DO NOTHING` on (indicator,
 * period start): even a lease that ran out mid-read cannot give a period two snapshots.
 */
export class IndicatorScheduler {
  private readonly now: () => Date;
  private readonly batchSize: number;
  private readonly readTimeoutMs: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickResult> | undefined;
  private readonly stopping = new AbortController();

  constructor(private readonly options: IndicatorSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.batchSize = options.batchSize ?? 50;
    this.readTimeoutMs = options.readTimeoutMs ?? 20_000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
  }

  start(): void {
    if (this.timer || this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      // A tick still running (slow sources) is not doubled: the next interval tries again.
      if (this.running) return;
      this.tick().catch((error: unknown) =>
        this.options.logger.warn({ err: describeError(error) }, 'indicator scheduler tick failed'),
      );
    }, this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer, aborts the reads in flight and waits for the tick to end. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.stopping.abort();
    await this.running?.catch(() => undefined);
  }

  /** One pass: claims what is due at `now`, reads it, records it. */
  tick(now: Date = this.now()): Promise<TickResult> {
    const run = this.runTick(now).finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async runTick(now: Date): Promise<TickResult> {
    const result: TickResult = { taken: 0, alreadyTaken: 0, failed: 0 };
    if (this.stopping.signal.aborted) return result;
    const lease = new Date(now.getTime() + this.leaseMs);
    const claimed = await this.options.db.$queryRaw<ClaimedIndicator[]>`
      UPDATE "indicator" SET "next_run_at" = ${lease}
      WHERE "id" IN (
        SELECT "id" FROM "indicator" WHERE "next_run_at" <= ${now}
        ORDER BY "next_run_at" LIMIT ${this.batchSize}
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id", "collectivite_id", "source_kind", "source_params", "period"`;
    for (const indicator of claimed) {
      const outcome = await this.take(indicator, now);
      result[outcome] += 1;
    }
    return result;
  }

  private async take(indicator: ClaimedIndicator, now: Date): Promise<keyof TickResult> {
    const { db } = this.options;
    const period = periodOf(indicator.period);
    const periodStart = periodStartOf(period, now);
    const nextPeriod = periodStartAfter(period, now);
    const logger = this.options.logger.child({
      indicatorId: indicator.id,
      collectiviteId: indicator.collectivite_id,
      sourceKind: indicator.source_kind,
    });
    const existing = await db.indicatorSnapshot.findUnique({
      where: { indicatorId_periodStart: { indicatorId: indicator.id, periodStart } },
      select: { periodStart: true },
    });
    if (existing) {
      await this.reschedule(indicator.id, nextPeriod);
      return 'alreadyTaken';
    }
    const source = this.options.sources[indicator.source_kind];
    if (!source) {
      // A source no longer offered (its connector kind removed): nothing to read until it returns.
      logger.warn('indicator source unknown to this instance; tried again next period');
      await this.reschedule(indicator.id, nextPeriod);
      return 'failed';
    }
    const timeout = AbortSignal.timeout(this.readTimeoutMs);
    const signal = AbortSignal.any([timeout, this.stopping.signal]);
    let value: number | null;
    try {
      value = await abortable(
        source.read({
          db,
          collectiviteId: indicator.collectivite_id,
          now,
          period,
          periodStart,
          signal,
          logger,
          params: indicator.source_params,
        }),
        signal,
      );
    } catch (error) {
      logger.warn({ err: describeError(error) }, 'indicator source failed; retried at the next tick');
      await this.reschedule(indicator.id, now);
      return 'failed';
    }
    if (value === null || !Number.isFinite(value)) {
      logger.info('indicator source had no value; retried at the next tick');
      await this.reschedule(indicator.id, now);
      return 'failed';
    }
    const inserted = await db.$executeRaw`
      INSERT INTO "indicator_snapshot" ("indicator_id", "period_start", "value", "taken_at")
      VALUES (${indicator.id}::uuid, ${periodStart}, ${value}, ${now})
      ON CONFLICT ("indicator_id", "period_start") DO NOTHING`;
    await this.reschedule(indicator.id, nextPeriod);
    return inserted === 1 ? 'taken' : 'alreadyTaken';
  }

  private async reschedule(indicatorId: string, at: Date): Promise<void> {
    // updateMany: the indicator may have been deleted meanwhile.
    await this.options.db.indicator.updateMany({ where: { id: indicatorId }, data: { nextRunAt: at } });
  }
}

/** The read, or its signal's abort, whichever comes first (a source that ignores its signal). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('lecture interrompue'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('lecture trop longue, interrompue'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
