import { administerCollectivite } from './collectivite.js';
import { allow, deny, type Decision } from './decision.js';
import type { ConnectorResource } from './resources.js';
import type { Subject } from './subject.js';

/** connector.manage — read, create, change, test, delete: the collectivité's administrators. */
export function manageConnector(subject: Subject, connector: ConnectorResource): Decision {
  return administerCollectivite(subject, connector);
}

/**
 * connector.allowPrivateNetworks — let a connector reach loopback or private addresses (an SSRF
 * guard exception): only the installation's operator, who knows its network.
 */
export function allowConnectorPrivateNetworks(subject: Subject, connector: ConnectorResource): Decision {
  const manage = manageConnector(subject, connector);
  if (!manage.allowed) return manage;
  return subject.role === 'operator' ? allow('operator') : deny('operator_only');
}
