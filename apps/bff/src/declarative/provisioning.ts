import {
  declarativeDefinitionSchema,
  declarativePreset,
  dataSourceNameSchema,
  type DeclarativeDefinition,
} from '@pleiade/contracts';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import { definitionPathProblems } from './mapping.js';

/**
 * Declarative data sources an operator provisions in PLEIADE_CONFIG_FILE
 * (`collectivites[].dataSources[]`), or the demo start: created or updated by name at every start.
 * Each names its connector by label (one of the same collectivité) and gives its definition, or
 * starts from a preset (`"preset": "finance-budget-execution"`).
 */
export const dataSourceSeedSchema = z
  .object({
    name: dataSourceNameSchema,
    /** The connector's label in the same collectivité. */
    connector: z.string().trim().min(1).max(80),
    preset: z.string().min(1).max(80).optional(),
    definition: declarativeDefinitionSchema.optional(),
  })
  .strict()
  .transform((seed, ctx) => {
    const raw = seed.definition ?? (seed.preset ? declarativePreset(seed.preset)?.definition : undefined);
    if (!raw) {
      ctx.addIssue({
        code: 'custom',
        message: seed.preset
          ? `modèle inconnu : ${seed.preset}`
          : 'une définition (« definition ») ou un modèle (« preset »)',
      });
      return z.NEVER;
    }
    const definition = declarativeDefinitionSchema.parse(raw);
    for (const problem of definitionPathProblems(definition)) {
      ctx.addIssue({ code: 'custom', path: ['definition', ...problem.path], message: problem.message });
    }
    return { name: seed.name, connector: seed.connector, definition };
  });
export type DataSourceSeedInFile = z.output<typeof dataSourceSeedSchema>;

export interface DataSourceSeed {
  /** Slug of the collectivité. */
  collectivite: string;
  name: string;
  /** Label of the collectivité's connector it reads. */
  connector: string;
  definition: DeclarativeDefinition;
}

export function dataSourceSeedsOf(
  collectivites: readonly { slug: string; dataSources?: readonly DataSourceSeedInFile[] | undefined }[],
): DataSourceSeed[] {
  return collectivites.flatMap((collectivite) =>
    (collectivite.dataSources ?? []).map((seed) => ({ ...seed, collectivite: collectivite.slug })),
  );
}

/** Creates or updates the sources by (collectivité, name); a connector label that does not exist stops the start. */
export async function provisionDataSources(db: Db, seeds: readonly DataSourceSeed[]): Promise<number> {
  for (const seed of seeds) {
    const collectivite = await db.collectivite.findUniqueOrThrow({ where: { slug: seed.collectivite } });
    const connector = await db.connectorInstance.findUnique({
      where: { collectiviteId_label: { collectiviteId: collectivite.id, label: seed.connector } },
      select: { id: true },
    });
    if (!connector) {
      throw new Error(
        `PLEIADE_CONFIG_FILE : l’indicateur « ${seed.name} » de « ${seed.collectivite} » lit le connecteur « ${seed.connector} », qui n’existe pas.`,
      );
    }
    const data = { connectorId: connector.id, definition: seed.definition as Prisma.InputJsonObject };
    await db.dataSource.upsert({
      where: { collectiviteId_name: { collectiviteId: collectivite.id, name: seed.name } },
      create: { ...data, collectiviteId: collectivite.id, name: seed.name },
      update: data,
    });
  }
  return seeds.length;
}
