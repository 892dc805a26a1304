import { pastellEntityIds, type WidgetDataOf } from '@pleiade/contracts';
import type { ActionableItem } from '../actionable.js';
import type { ConnectorConfigOf } from '../connector-config.js';
import type { ConnectorImplementation } from '../definition.js';
import { byLogin, personalBasic, serviceAccountBasic } from '../credential-kit.js';
import type { OperationContext, WidgetOptionsOf } from '../operation.js';
import { appLink } from '../operation-kit.js';
import { UpstreamError } from '../states.js';
import {
  PastellEntityNotAllowedError,
  listPastellEntities,
  pastellEntitiesForPerson,
  readPastellEntity,
  type PastellAuth,
} from './api.js';

const MINUTE = 60_000;

function authOf(context: OperationContext<'pastell'>): PastellAuth {
  const { credential } = context;
  if (credential.type !== 'basic') throw new UpstreamError('not_configured', 'PASTELL_NEEDS_ACCOUNT');
  return { type: 'basic', username: credential.username, password: credential.password };
}

/** The entities of the connector's collectivité: the only ones its members may choose. */
export function allowedPastellEntities(connector: ConnectorConfigOf<'pastell'>): string[] {
  return pastellEntityIds(connector.options.entityIds);
}

/** Whether a widget may show this entity: one of its connector's, checked before any call. */
export function isAllowedPastellEntity(connector: ConnectorConfigOf<'pastell'>, entityId: string | undefined): boolean {
  return entityId === undefined || allowedPastellEntities(connector).includes(entityId);
}

const webUrlOf = (connector: ConnectorConfigOf<'pastell'>) => connector.options.webClientUrl ?? connector.baseUrl;

/**
 * One entity of the connector's collectivité: its documents with their last state and its error
 * badges per flow, with the entities the person may switch to. An entity outside the connector's
 * is refused before any call (the route answers 403 first; this is the second lock).
 */
export async function readPastell(
  context: OperationContext<'pastell'>,
  options: WidgetOptionsOf<'pastell'>,
): Promise<WidgetDataOf<'pastell'>> {
  const { connector, client, signal } = context;
  const auth = authOf(context);
  const allowed = allowedPastellEntities(connector);
  if (options.entityId !== undefined && !allowed.includes(options.entityId)) throw new PastellEntityNotAllowedError();
  // Listed for the credential and of the collectivité; in the connector's order.
  const listed = pastellEntitiesForPerson(await listPastellEntities(client, auth, signal), allowed);
  const entities = allowed.flatMap((id) => listed.filter((entity) => entity.id === id));
  const chosen = entities.find((entity) => entity.id === (options.entityId ?? entities[0]?.id));
  if (!chosen)
    return { entities: [], entity: null, documents: [], errorBadges: [], appUrl: appLink(webUrlOf(connector)) };
  const view = await readPastellEntity(client, auth, {
    entityId: chosen.id,
    allowedEntityIds: allowed,
    webUrl: webUrlOf(connector),
    signal,
  });
  return {
    entities: entities.map((entity) => ({ id: entity.id, name: entity.name })),
    entity: { id: view.entity.id, name: view.entity.name },
    documents: view.documents.map((doc) => ({
      id: doc.id,
      title: doc.title,
      flux: doc.fluxLabel,
      state: doc.stateLabel,
      inError: doc.inError,
      changedAt: doc.changedAt,
      url: doc.url,
    })),
    errorBadges: view.errorBadges,
    appUrl: view.appUrl,
  };
}

/** The documents in error of every entity of the collectivité the credential can read. */
async function readPastellItems(context: OperationContext<'pastell'>): Promise<ActionableItem[]> {
  const { connector, client, signal } = context;
  const auth = authOf(context);
  const allowed = allowedPastellEntities(connector);
  const listed = pastellEntitiesForPerson(await listPastellEntities(client, auth, signal), allowed);
  const views = await Promise.all(
    listed.map((entity) =>
      readPastellEntity(client, auth, {
        entityId: entity.id,
        allowedEntityIds: allowed,
        webUrl: webUrlOf(connector),
        signal,
      }),
    ),
  );
  return views.flatMap((view) => view.items);
}

/** Pastell (contracts: connector-kinds/pastell.ts). */
export const pastell: ConnectorImplementation<'pastell'> = {
  operations: {
    pastell: {
      read: readPastell,
      // The technical account gives every member the same answer; a person's own account, theirs.
      scope: (connector) => (connector.authMode === 'service_account' ? 'collectivite' : 'user'),
      ttlMs: 2 * MINUTE,
      admit: (connector, options) => isAllowedPastellEntity(connector, options.entityId),
    },
  },
  credentials: {
    personal_secret: personalBasic(byLogin),
    service_account: serviceAccountBasic(),
  },
  // The login page.
  probePath: '/',
  actionItems: { read: readPastellItems, ttlMs: 2 * MINUTE },
};
