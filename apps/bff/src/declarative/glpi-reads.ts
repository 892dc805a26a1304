import type { ConnectorConfig } from '../connectors/connector-config.js';
import { readMyOpenTickets, type GlpiAuth } from '../connectors/glpi/api.js';
import type { TargetUser, UpstreamCredential } from '../connectors/operation.js';
import type { SecretValue } from '../connectors/secret-box.js';
import type { UpstreamClient } from '../connectors/upstream-client.js';
import type { NamedReads } from './read.js';

/**
 * GLPI's named reads for declarative sources: « Mes tickets » with the person's own key
 * (`user_token`) or a technical account narrowed to the person's login (from the session).
 */
export function glpiNamedReads(
  connector: ConnectorConfig,
  client: UpstreamClient,
  credential: UpstreamCredential,
  user: TargetUser,
  secrets: { readonly [name: string]: SecretValue | undefined },
): NamedReads {
  const appToken = secrets.appToken?.reveal();
  const withApp = appToken ? { appToken } : {};
  let auth: GlpiAuth | undefined;
  if (credential.type === 'bearer') auth = { kind: 'user_token', userToken: credential.token, ...withApp };
  else if (credential.type === 'basic') {
    auth = {
      kind: 'technical_account',
      login: credential.username,
      password: credential.password,
      personLogin: user.login,
      ...withApp,
    };
  }
  if (!auth) return {};
  const chosen = auth;
  return {
    glpiMyOpenTickets: async (limit) => {
      const list = await readMyOpenTickets(client, connector.baseUrl, chosen, { limit, timeZone: 'Europe/Paris' });
      return { total: list.total, tickets: list.tickets };
    },
  };
}
