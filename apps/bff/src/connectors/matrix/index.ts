import type { ActionableItem } from '../actionable.js';
import type { ActionItemsEntry, ConnectorImplementation } from '../definition.js';
import { exchangedBearer, personalBearer, refused, sessionBearer } from '../credential-kit.js';
import { readMatrixChat } from './matrix.js';

/** « À traiter »: the conversations where the person is mentioned (a question waiting for them). */
const actionItems: ActionItemsEntry<'matrix'> = {
  async read(context) {
    const data = await readMatrixChat(context, {});
    return data.rooms
      .filter((room) => room.mentions > 0)
      .map((room): ActionableItem => ({
        source: 'matrix',
        id: `matrix:${room.id}`,
        title: room.name,
        context: 'Discussion',
        status: room.mentions === 1 ? 'Vous êtes mentionné·e' : `Vous êtes mentionné·e ${room.mentions} fois`,
        dueAt: null,
        updatedAt: room.lastActivityAt ?? null,
        urgent: false,
        url: room.url ?? data.appUrl,
        concerns: { scope: 'person', login: context.user.login },
      }));
  },
  ttlMs: 30_000,
};

/** Matrix (contracts: connector-kinds/matrix.ts). */
export const matrix: ConnectorImplementation<'matrix'> = {
  operations: {
    chat: { read: readMatrixChat, scope: () => 'user', ttlMs: 30_000 },
  },
  credentials: {
    oidc_token: sessionBearer,
    token_exchange: exchangedBearer,
    // A Matrix access token names its user.
    personal_secret: personalBearer,
    // Application service acting as `@<login>:<serverName>` (identity assertion).
    service_account: {
      resolve({ connector, secrets, user }) {
        const serverName = connector.options.serverName ?? new URL(connector.baseUrl).host;
        const asToken = secrets.asToken;
        if (!serverName || !asToken) return refused('not_configured');
        return {
          ok: true,
          credential: { type: 'matrix_appservice', asToken: asToken.reveal(), userId: `@${user.login}:${serverName}` },
        };
      },
    },
  },
  // Answers without credentials: the spec versions the homeserver supports.
  probePath: '/_matrix/client/versions',
  actionItems,
};
