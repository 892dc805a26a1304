import {
  DEFAULT_LEVEL_LABELS,
  INDICATOR_DIRECTIONS,
  INDICATOR_PERIODS,
  indicatorThresholdsSchema,
  levelOf,
  trendInHistory,
  type AuditAction,
  type IndicatorDefinitionInput,
  type IndicatorDefinitionList,
  type IndicatorDefinitionView,
  type IndicatorDirection,
  type IndicatorPeriod,
  type IndicatorPoint,
  type IndicatorReading,
  type IndicatorSourceList,
  type IndicatorSummaryList,
  type IndicatorThresholds,
} from '@pleiade/contracts';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type { Prisma } from '../generated/prisma/client.js';
import { issuesToDetails } from '../http/validate.js';
import type { IndicatorSourceRegistry } from './source.js';

type IndicatorRow = Prisma.IndicatorGetPayload<object>;

/** An indicator row parsed once into what the rest of the module works with. */
export interface IndicatorDefinition {
  id: string;
  collectiviteId: string;
  label: string;
  unit: string | null;
  sourceKind: string;
  sourceParams: Record<string, unknown>;
  period: IndicatorPeriod;
  direction: IndicatorDirection;
  thresholds: IndicatorThresholds;
  updatedAt: Date;
}

const NO_THRESHOLDS: IndicatorThresholds = { watch: null, critical: null, labels: { ...DEFAULT_LEVEL_LABELS } };

export function definitionOf(row: IndicatorRow): IndicatorDefinition {
  const params = row.sourceParams;
  const thresholds = indicatorThresholdsSchema.safeParse(row.thresholds);
  return {
    id: row.id,
    collectiviteId: row.collectiviteId,
    label: row.label,
    unit: row.unit,
    sourceKind: row.sourceKind,
    sourceParams: params && typeof params === 'object' && !Array.isArray(params) ? params : {},
    period: (INDICATOR_PERIODS as readonly string[]).includes(row.period) ? (row.period as IndicatorPeriod) : 'month',
    direction: (INDICATOR_DIRECTIONS as readonly string[]).includes(row.direction)
      ? (row.direction as IndicatorDirection)
      : 'higher_is_better',
    thresholds: thresholds.success ? thresholds.data : NO_THRESHOLDS,
    updatedAt: row.updatedAt,
  };
}

function viewOf(definition: IndicatorDefinition, sources: IndicatorSourceRegistry): IndicatorDefinitionView {
  return {
    id: definition.id,
    label: definition.label,
    unit: definition.unit,
    source: {
      kind: definition.sourceKind,
      label: sources[definition.sourceKind]?.label ?? 'Source qui n’est plus proposée',
      params: definition.sourceParams,
    },
    period: definition.period,
    direction: definition.direction,
    thresholds: definition.thresholds,
    updatedAt: definition.updatedAt.toISOString(),
  };
}

export async function listSources(
  db: Db,
  sources: IndicatorSourceRegistry,
  principal: Principal,
): Promise<IndicatorSourceList> {
  const scope = { db, collectiviteId: principal.collectiviteId };
  const listed = await Promise.all(
    Object.values(sources).map(async (source) => ({
      kind: source.kind,
      label: source.label,
      unit: source.unit ?? null,
      fields: source.fieldsFor ? await source.fieldsFor(scope) : source.fields,
    })),
  );
  return { sources: listed.sort((a, b) => a.label.localeCompare(b.label, 'fr')) };
}

/**
 * The source exists here, its parameters fit its schema and name only what belongs to the
 * collectivité; the parsed parameters are stored.
 */
async function checkedSource(
  db: Db,
  sources: IndicatorSourceRegistry,
  principal: Principal,
  input: IndicatorDefinitionInput,
): Promise<Record<string, unknown>> {
  const source = sources[input.source.kind];
  if (!source) {
    throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', [
      { path: 'body.source.kind', message: 'cette source n’existe pas : choisissez-en une de la liste' },
    ]);
  }
  const parsed = source.parseParams(input.source.params);
  if (!parsed.ok)
    throw new AppError(
      'VALIDATION_FAILED',
      'La requête est invalide.',
      issuesToDetails(parsed.issues, 'body.source.params'),
    );
  const problem = await source.checkParams?.({ db, collectiviteId: principal.collectiviteId, params: parsed.params });
  if (problem) {
    throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', [
      { path: `body.source.params.${problem.param}`, message: problem.message },
    ]);
  }
  return parsed.params;
}

function dataOf(input: IndicatorDefinitionInput, params: Record<string, unknown>) {
  return {
    label: input.label,
    unit: input.unit || null,
    sourceKind: input.source.kind,
    sourceParams: params as Prisma.InputJsonObject,
    period: input.period,
    direction: input.direction,
    thresholds: input.thresholds as unknown as Prisma.InputJsonObject,
  };
}

async function audit(
  tx: Prisma.TransactionClient,
  principal: Principal,
  action: AuditAction,
  label: string,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      collectiviteId: principal.collectiviteId,
      action,
      actorId: principal.userId,
      actorName: principal.displayName,
      boardName: label,
    },
  });
}

export async function listDefinitions(
  db: Db,
  sources: IndicatorSourceRegistry,
  principal: Principal,
): Promise<IndicatorDefinitionList> {
  const rows = await db.indicator.findMany({
    where: { collectiviteId: principal.collectiviteId },
    orderBy: [{ label: 'asc' }, { id: 'asc' }],
  });
  return { indicators: rows.map((row) => viewOf(definitionOf(row), sources)) };
}

export async function createDefinition(
  db: Db,
  sources: IndicatorSourceRegistry,
  principal: Principal,
  input: IndicatorDefinitionInput,
): Promise<IndicatorDefinitionView> {
  const params = await checkedSource(db, sources, principal, input);
  const row = await db.$transaction(async (tx) => {
    const created = await tx.indicator.create({
      // Read at the scheduler's next tick.
      data: { collectiviteId: principal.collectiviteId, ...dataOf(input, params), nextRunAt: new Date(0) },
    });
    await audit(tx, principal, 'indicator.created', created.label);
    return created;
  });
  return viewOf(definitionOf(row), sources);
}

const NOT_FOUND = 'Indicateur introuvable.';

export async function updateDefinition(
  db: Db,
  sources: IndicatorSourceRegistry,
  principal: Principal,
  indicatorId: string,
  input: IndicatorDefinitionInput,
): Promise<IndicatorDefinitionView> {
  const params = await checkedSource(db, sources, principal, input);
  const row = await db.$transaction(async (tx) => {
    const current = await tx.indicator.findFirst({
      where: { id: indicatorId, collectiviteId: principal.collectiviteId },
    });
    if (!current) throw new AppError('NOT_FOUND', NOT_FOUND);
    const sameReading =
      current.sourceKind === input.source.kind &&
      current.period === input.period &&
      JSON.stringify(current.sourceParams) === JSON.stringify(params);
    const updated = await tx.indicator.update({
      where: { id: indicatorId },
      // Another source or period: read again at the next tick (a period already recorded stays).
      data: { ...dataOf(input, params), ...(sameReading ? {} : { nextRunAt: new Date(0) }) },
    });
    await audit(tx, principal, 'indicator.updated', updated.label);
    return updated;
  });
  return viewOf(definitionOf(row), sources);
}

export async function deleteDefinition(db: Db, principal: Principal, indicatorId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.indicator.findFirst({
      where: { id: indicatorId, collectiviteId: principal.collectiviteId },
    });
    if (!current) throw new AppError('NOT_FOUND', NOT_FOUND);
    await tx.indicator.delete({ where: { id: indicatorId } });
    await audit(tx, principal, 'indicator.deleted', current.label);
  });
}

/** What a widget may show: every indicator of the person's collectivité. */
export async function listIndicators(db: Db, principal: Principal): Promise<IndicatorSummaryList> {
  const rows = await db.indicator.findMany({
    where: { collectiviteId: principal.collectiviteId },
    orderBy: [{ label: 'asc' }, { id: 'asc' }],
    select: { id: true, label: true, unit: true },
  });
  return { indicators: rows };
}

/** Value, trend against the previous period, level and the last `historySize` snapshots. */
export async function readIndicator(
  db: Db,
  principal: Principal,
  indicatorId: string,
  historySize: number,
): Promise<IndicatorReading> {
  const row = await db.indicator.findUnique({ where: { id: indicatorId } });
  if (!row) throw new AppError('NOT_FOUND', NOT_FOUND);
  authorize(principal, 'indicator.read', { collectiviteId: row.collectiviteId });
  const definition = definitionOf(row);
  const snapshots = await db.indicatorSnapshot.findMany({
    where: { indicatorId },
    orderBy: { periodStart: 'desc' },
    // One more than shown: the trend of the oldest shown needs none, the current one's may.
    take: historySize + 1,
  });
  const points: IndicatorPoint[] = snapshots.reverse().map((snapshot) => ({
    periodStart: snapshot.periodStart.toISOString(),
    value: snapshot.value,
    takenAt: snapshot.takenAt.toISOString(),
  }));
  const current = points.at(-1) ?? null;
  return {
    indicator: {
      id: definition.id,
      label: definition.label,
      unit: definition.unit,
      period: definition.period,
      direction: definition.direction,
    },
    current,
    trend: trendInHistory(points, definition.period, definition.direction),
    state: current ? levelOf(current.value, definition.direction, definition.thresholds) : null,
    history: points.slice(-historySize),
  };
}
