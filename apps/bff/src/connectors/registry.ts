import type { ConnectorKind } from '@pleiade/contracts';
import { business } from './business/index.js';
import { caldav } from './caldav/index.js';
import type { ConnectorImplementation, RegisteredConnector } from './definition.js';
import { idelibre } from './idelibre/index.js';
import { glpi } from './glpi/index.js';
import { imap } from './imap/index.js';
import { iparapheur } from './iparapheur/index.js';
import { jitsi } from './jitsi/index.js';
import { matrix } from './matrix/index.js';
import { nextcloud } from './nextcloud/index.js';
import { pastell } from './pastell/index.js';
import { s2low } from './s2low/index.js';
import { news } from './news/index.js';
import { zimbra } from './zimbra/index.js';

/**
 * The BFF side of every connector kind, one line each. Typed by the contracts' registry
 * (CONNECTOR_DEFINITIONS): a kind without its implementation, an operation for a widget its
 * definition feeds or an adapter for one of its modes does not compile.
 */
export const CONNECTORS: { readonly [K in ConnectorKind]: ConnectorImplementation<K> } = {
  nextcloud,
  zimbra,
  matrix,
  imap,
  caldav,
  jitsi,
  iparapheur,
  s2low,
  idelibre,
  pastell,
  news,
  business,
  glpi,
};

/** A kind's implementation, for code that holds a parsed config of that kind. */
export function connectorOf(kind: ConnectorKind): RegisteredConnector {
  return CONNECTORS[kind];
}
