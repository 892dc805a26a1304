import { randomUUID } from 'node:crypto';
import type { ConnectorSeedInFile } from '../config-file.js';
import type { Db } from '../db/client.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { SecretBox, SecretValue } from '../connectors/secret-box.js';
import { secretsContext, sealSecrets } from './secrets.js';

/** A connector of PLEIADE_CONFIG_FILE, its secrets resolved (from `env:VARIABLE` or the file). */
export type ConnectorSeed = Omit<ConnectorSeedInFile, 'secrets'> & {
  /** Slug of the collectivité it belongs to. */
  collectivite: string;
  secrets: Record<string, SecretValue>;
};

/**
 * Creates or updates (by collectivité and label) the connectors the operator declared: the file
 * wins over edits made in the API for these connectors, and their secrets are sealed again under
 * the current key. Connectors created in the API are left alone.
 */
export async function provisionConnectors(db: Db, box: SecretBox, seeds: ConnectorSeed[]): Promise<number> {
  for (const seed of seeds) {
    const collectivite = await db.collectivite.findUniqueOrThrow({ where: { slug: seed.collectivite } });
    const existing = await db.connectorInstance.findUnique({
      where: { collectiviteId_label: { collectiviteId: collectivite.id, label: seed.label } },
      select: { id: true },
    });
    const id = existing?.id ?? randomUUID();
    const data = {
      kind: seed.kind,
      baseUrl: seed.baseUrl,
      authMode: seed.authMode,
      options: seed.options as Prisma.InputJsonObject,
      secrets: sealSecrets(box, id, seed.secrets),
      allowPrivateNetworks: seed.allowPrivateNetworks,
      enabled: seed.enabled,
    };
    if (existing) await db.connectorInstance.update({ where: { id }, data });
    else
      await db.connectorInstance.create({ data: { ...data, id, label: seed.label, collectiviteId: collectivite.id } });
  }
  return seeds.length;
}

/**
 * Key rotation: seals again, under the current key, every connector's secrets sealed under an older
 * one (still listed in CONNECTOR_KEYS). Once it has run, the old key can be dropped. Values that
 * do not open (their key already dropped) are reported and left as they are.
 */
export async function resealConnectorSecrets(db: Db, box: SecretBox, logger: Logger): Promise<number> {
  const rows = await db.connectorInstance.findMany({
    where: { secrets: { not: null } },
    select: { id: true, secrets: true },
  });
  let resealed = 0;
  for (const row of rows) {
    if (row.secrets === null || !box.needsReencryption(row.secrets)) continue;
    try {
      const secrets = box.reseal(row.secrets, secretsContext(row.id));
      await db.connectorInstance.updateMany({ where: { id: row.id, secrets: row.secrets }, data: { secrets } });
      resealed += 1;
    } catch {
      logger.warn({ connector: row.id }, 'connector secrets cannot be opened with CONNECTOR_KEYS: left as they are');
    }
  }
  return resealed;
}
