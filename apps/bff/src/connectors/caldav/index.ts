import type { ConnectorImplementation } from '../definition.js';
import { byEmail, exchangedBearer, personalBasic, serviceAccountBasic, sessionBearer } from '../credential-kit.js';
import { readCalDavAgenda } from './caldav-operation.js';

/** CalDAV (contracts: connector-kinds/caldav.ts). */
export const caldav: ConnectorImplementation<'caldav'> = {
  operations: {
    agenda: { read: readCalDavAgenda, scope: () => 'user', ttlMs: 5 * 60_000 },
  },
  credentials: {
    oidc_token: sessionBearer,
    token_exchange: exchangedBearer,
    personal_secret: personalBasic(byEmail),
    service_account: serviceAccountBasic(),
  },
  // The server's root.
  probePath: '/',
};
