import type { ConnectorImplementation } from '../definition.js';
import { byEmail, exchangedBearer, personalBasic, serviceAccountBasic, sessionBearer } from '../credential-kit.js';
import { readImapMail } from './imap-operation.js';

/** IMAP (contracts: connector-kinds/imap.ts). */
export const imap: ConnectorImplementation<'imap'> = {
  operations: {
    // Each read opens an IMAP session: fresh a little longer than over HTTP.
    mail: { read: readImapMail, scope: () => 'user', ttlMs: 2 * 60_000 },
  },
  credentials: {
    oidc_token: sessionBearer,
    token_exchange: exchangedBearer,
    personal_secret: personalBasic(byEmail),
    // Dovecot master user: "<person>*<master>" logs the master in as the person.
    service_account: serviceAccountBasic((username, user) => `${user.login}*${username}`),
  },
  // The base URL is the webmail's: its page.
  probePath: '/',
};
