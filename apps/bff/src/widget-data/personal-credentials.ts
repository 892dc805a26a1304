import type { MyConnector, PersonalCredentialRequest } from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import { parseConnectorRow } from '../connectors/connector-config.js';
import type { PersonalSecret } from '../connectors/definition.js';
import { SecretOpenError, SecretValue, type SecretBox } from '../connectors/secret-box.js';
import type { Db } from '../db/client.js';
import type { HotPath } from '../db/hot-path.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * A person's own app password or token for a `personal_secret` connector (table
 * user_connector_credential). Sealed with the connector keyring and bound to the person and the
 * connector: a sealed value copied to another row does not open there. Never sent back.
 */

export interface PersonalCredentialDeps {
  db: Db;
  box: SecretBox;
  logger: Logger;
  /** When given, a credential is opened once and kept until a write to it (or the safety TTL). */
  hot?: HotPath;
}

/** What the credential adapters of `personal_secret` modes receive (connectors/definition.ts). */
export type PersonalCredential = PersonalSecret;

const NOT_FOUND = 'Connecteur introuvable.';
const NOT_PERSONAL =
  'Cette application est reliée par votre collectivité : elle n’utilise pas de mot de passe d’application personnel.';

export function personalCredentialContext(connectorId: string, userId: string): string {
  return `${connectorId}:${userId}:personal`;
}

/** The person's credential for the connector; one that no longer opens (key removed) counts as none. */
export async function readPersonalCredential(
  deps: PersonalCredentialDeps,
  userId: string,
  connectorId: string,
): Promise<PersonalCredential | undefined> {
  if (!deps.hot) return openPersonalCredential(deps, userId, connectorId);
  const key = `${userId}:${connectorId}`;
  const tags = [`credential:${key}`, `user:${userId}`];
  const kept = (await deps.hot.credentials.read(
    key,
    () => tags,
    async () => ({
      credential: await openPersonalCredential(deps, userId, connectorId),
    }),
  )) as { credential: PersonalCredential | undefined };
  return kept.credential;
}

async function openPersonalCredential(
  deps: PersonalCredentialDeps,
  userId: string,
  connectorId: string,
): Promise<PersonalCredential | undefined> {
  const row = await deps.db.userConnectorCredential.findUnique({
    where: { userId_connectorId: { userId, connectorId } },
  });
  if (!row) return undefined;
  try {
    const secret = deps.box.open(row.secret, personalCredentialContext(connectorId, userId));
    return { username: row.username, secret, updatedAt: row.updatedAt };
  } catch (error) {
    deps.logger.warn(
      { connector: connectorId, reason: error instanceof SecretOpenError ? 'SECRET_OPEN' : 'SECRET_PARSE' },
      'personal credential cannot be opened (key missing from CONNECTOR_KEYS?)',
    );
    return undefined;
  }
}

/** GET /api/me/connectors: the enabled connectors of the person's collectivité, with their own link to each. */
export async function listMyConnectors(deps: PersonalCredentialDeps, principal: Principal): Promise<MyConnector[]> {
  const rows = await deps.db.connectorInstance.findMany({
    where: { collectiviteId: principal.collectiviteId, enabled: true },
    orderBy: [{ label: 'asc' }, { id: 'asc' }],
    include: {
      userCredentials: { where: { userId: principal.userId }, select: { username: true, updatedAt: true } },
    },
  });
  return rows.flatMap((row) => {
    const parsed = parseConnectorRow(row);
    if (!parsed.ok) {
      // Unusable as it is stored: the administration lists it for correction; people do not see it.
      deps.logger.warn({ connector: row.id, problem: parsed.problem }, 'connector settings no longer valid');
      return [];
    }
    const { config } = parsed;
    const own = row.userCredentials[0];
    return {
      id: config.id,
      kind: config.kind,
      label: config.label,
      authMode: config.authMode,
      appUrl: config.baseUrl,
      ...(config.authMode === 'personal_secret'
        ? {
            personalCredential: {
              set: own !== undefined,
              username: own?.username ?? null,
              updatedAt: own ? own.updatedAt.toISOString() : null,
            },
          }
        : {}),
    };
  });
}

async function personalConnector(deps: PersonalCredentialDeps, principal: Principal, connectorId: string) {
  const connector = await deps.db.connectorInstance.findFirst({
    where: { id: connectorId, collectiviteId: principal.collectiviteId, enabled: true },
    select: { id: true, authMode: true },
  });
  if (!connector) throw new AppError('NOT_FOUND', NOT_FOUND);
  if (connector.authMode !== 'personal_secret') {
    throw new AppError('VALIDATION_FAILED', NOT_PERSONAL, [{ path: 'params.connectorId', message: NOT_PERSONAL }]);
  }
  return connector;
}

/** PUT /api/me/connectors/:connectorId/credential: sets or replaces the person's secret. */
export async function setPersonalCredential(
  deps: PersonalCredentialDeps,
  principal: Principal,
  connectorId: string,
  request: PersonalCredentialRequest,
): Promise<MyConnector> {
  await personalConnector(deps, principal, connectorId);
  const key = { userId: principal.userId, connectorId };
  const secret = deps.box.seal(
    new SecretValue(request.secret),
    personalCredentialContext(connectorId, principal.userId),
  );
  const username = request.username ?? null;
  await deps.db.userConnectorCredential.upsert({
    where: { userId_connectorId: key },
    create: { ...key, username, secret },
    update: { username, secret },
  });
  const mine = await listMyConnectors(deps, principal);
  const updated = mine.find((connector) => connector.id === connectorId);
  if (!updated) throw new AppError('NOT_FOUND', NOT_FOUND);
  return updated;
}

/** DELETE /api/me/connectors/:connectorId/credential: revokes it (idempotent). */
export async function revokePersonalCredential(
  deps: PersonalCredentialDeps,
  principal: Principal,
  connectorId: string,
): Promise<void> {
  await personalConnector(deps, principal, connectorId);
  await deps.db.userConnectorCredential.deleteMany({ where: { userId: principal.userId, connectorId } });
}

/**
 * At start, after a key rotation (new key first in CONNECTOR_KEYS): seals again under the current
 * key every personal credential sealed under an older one. Values that no longer open are left
 * as they are (they read as "not set") and counted.
 */
export async function resealPersonalCredentials(
  db: Db,
  box: SecretBox,
  logger: Logger,
): Promise<{ resealed: number; unreadable: number }> {
  const rows = await db.userConnectorCredential.findMany({
    select: { userId: true, connectorId: true, secret: true, updatedAt: true },
  });
  let resealed = 0;
  let unreadable = 0;
  for (const row of rows) {
    if (!box.needsReencryption(row.secret)) continue;
    try {
      const secret = box.reseal(row.secret, personalCredentialContext(row.connectorId, row.userId));
      await db.userConnectorCredential.update({
        where: { userId_connectorId: { userId: row.userId, connectorId: row.connectorId } },
        // Resealing is not a new secret: updatedAt (part of the cache key) keeps its value.
        data: { secret, updatedAt: row.updatedAt },
      });
      resealed += 1;
    } catch {
      unreadable += 1;
    }
  }
  if (unreadable > 0) logger.warn({ unreadable }, 'personal credentials sealed under a key no longer listed');
  return { resealed, unreadable };
}
