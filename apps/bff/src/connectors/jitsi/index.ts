import type { ConnectorImplementation } from '../definition.js';
import { noCredential } from '../credential-kit.js';

/**
 * Jitsi Meet (contracts: connector-kinds/jitsi.ts). No read of its own: the visio widget is
 * composed by the route from the agenda and this connector (jitsi.ts: startVisio, visioFromAgenda).
 */
export const jitsi: ConnectorImplementation<'jitsi'> = {
  operations: {},
  credentials: { none: noCredential },
  // The meeting page.
  probePath: '/',
};
