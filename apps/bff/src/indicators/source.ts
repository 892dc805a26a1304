import type { IndicatorPeriod, IndicatorSourceField } from '@pleiade/contracts';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';

/** What a source is given to read one value. */
export interface IndicatorReadInput {
  db: Db;
  collectiviteId: string;
  /** The scheduler's clock (tests move it on): « this month » is the month of `now`, in Paris. */
  now: Date;
  /** The indicator's period and the start of the one `now` is in (« ce mois-ci »: [periodStart, next start)). */
  period: IndicatorPeriod;
  periodStart: Date;
  /** Aborted when the read takes too long or the process stops: pass it to upstream calls. */
  signal: AbortSignal;
  logger: Logger;
}

/**
 * Where an indicator's number comes from: Pléiade's own data, a connector kind (dematerialisation,
 * declarative connector)… One entry of INDICATOR_SOURCES (sources.ts), keyed by `kind`.
 */
export interface IndicatorSource {
  kind: string;
  /** French, as the administration's list of sources shows it. */
  label: string;
  /** Suggested unit (« actes », « jours »), the administrator may change it. */
  unit?: string;
  /** The parameters' fields, as the administration's form shows them. */
  fields: IndicatorSourceField[];
  /** Checks parameters before they are stored; the parsed form is what is stored. */
  parseParams(raw: unknown): { ok: true; params: Record<string, unknown> } | { ok: false; issues: z.core.$ZodIssue[] };
  /**
   * What the parameters name must belong to the administrator's collectivité (a data source…):
   * the problem in French, with the parameter it is about; undefined when all is well.
   */
  checkParams?(input: CollectiviteScope & { params: Record<string, unknown> }): Promise<ParamsProblem | undefined>;
  /** The fields as this collectivité's form shows them (choices among its own data), when they depend on it. */
  fieldsFor?(input: CollectiviteScope): Promise<IndicatorSourceField[]>;
  /** One value now; null when there is none to record (retried at the next tick). Throws on failure. */
  read(input: IndicatorReadInput & { params: unknown }): Promise<number | null>;
}

export interface CollectiviteScope {
  db: Db;
  collectiviteId: string;
}

export interface ParamsProblem {
  /** The parameter's name. */
  param: string;
  message: string;
}

export type IndicatorSourceRegistry = Readonly<Record<string, IndicatorSource>>;

/**
 * A source with typed parameters: `params` is its zod schema (an object); `read` receives them
 * parsed. The registry only sees the erased IndicatorSource.
 */
export function defineIndicatorSource<S extends z.ZodType<Record<string, unknown>>>(definition: {
  kind: string;
  label: string;
  unit?: string;
  params: S;
  fields?: IndicatorSourceField[];
  fieldsFor?: IndicatorSource['fieldsFor'];
  checkParams?(input: CollectiviteScope & { params: z.output<S> }): Promise<ParamsProblem | undefined>;
  read(input: IndicatorReadInput & { params: z.output<S> }): Promise<number | null>;
}): IndicatorSource {
  return {
    kind: definition.kind,
    label: definition.label,
    ...(definition.unit ? { unit: definition.unit } : {}),
    fields: definition.fields ?? [],
    ...(definition.fieldsFor ? { fieldsFor: definition.fieldsFor } : {}),
    ...(definition.checkParams
      ? {
          checkParams: (input: CollectiviteScope & { params: Record<string, unknown> }) =>
            definition.checkParams?.({ ...input, params: definition.params.parse(input.params) }) ??
            Promise.resolve(undefined),
        }
      : {}),
    parseParams(raw) {
      const parsed = definition.params.safeParse(raw);
      return parsed.success ? { ok: true, params: parsed.data } : { ok: false, issues: parsed.error.issues };
    },
    read(input) {
      return definition.read({ ...input, params: definition.params.parse(input.params) });
    },
  };
}
