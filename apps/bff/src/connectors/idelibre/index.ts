import type { WidgetDataOf } from '@pleiade/contracts';
import type { ConnectorImplementation } from '../definition.js';
import { refused } from '../credential-kit.js';
import type { OperationContext } from '../operation.js';
import { idelibreUsername, readIdelibreForPerson, readIdelibreMe, type IdelibrePersonView } from './api.js';

const MINUTE = 60_000;

/**
 * The structure's upcoming sittings with the signed-in person's own convocations. The token sees
 * every élu's: the person is named by the session's login only (`login@suffix`), never by the
 * request, and readIdelibreForPerson keeps only the convocations of exactly that username.
 */
export async function readIdelibreView(context: OperationContext<'idelibre'>): Promise<IdelibrePersonView> {
  const { connector, client, credential, signal, now, user } = context;
  const token = credential.token;
  const me = await readIdelibreMe(client, token, signal);
  return readIdelibreForPerson(client, token, {
    structureId: me.structureId,
    username: idelibreUsername(user.login, connector.options.usernameSuffix),
    now,
    webUrl: connector.options.webClientUrl ?? connector.baseUrl,
    signal,
  });
}

export async function readSeances(context: OperationContext<'idelibre'>): Promise<WidgetDataOf<'seances'>> {
  const view = await readIdelibreView(context);
  const states = view.sittings.map((sitting) => sitting.convocation?.state);
  return {
    sittings: view.sittings,
    toRead: states.filter((state) => state === 'to_read').length,
    toConfirm: states.filter((state) => state === 'to_confirm').length,
    appUrl: view.appUrl,
  };
}

/** i-delibRE (contracts: connector-kinds/idelibre.ts): API v2, a structure's token (P4). */
export const idelibre: ConnectorImplementation<'idelibre'> = {
  operations: {
    // Filtered per person: cached per person.
    seances: { read: readSeances, scope: () => 'user', ttlMs: 5 * MINUTE },
  },
  credentials: {
    service_account: {
      resolve({ secrets }) {
        const token = secrets.apiToken?.reveal();
        return token ? { ok: true, credential: { type: 'bearer', token } } : refused('not_configured');
      },
    },
  },
  // The login page of its web client.
  probePath: '/',
  actionItems: { read: async (context) => (await readIdelibreView(context)).items, ttlMs: 5 * MINUTE },
};
