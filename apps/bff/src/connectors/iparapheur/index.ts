import type { WidgetDataOf } from '@pleiade/contracts';
import type { ConnectorImplementation } from '../definition.js';
import { byLogin, exchangedBearer, personalBasic, sessionBearer } from '../credential-kit.js';
import type { OperationContext } from '../operation.js';
import { UpstreamError } from '../states.js';
import { readIparapheurV4Todo, readIparapheurV5Todo, requestIparapheurToken, type IparapheurTodo } from './api.js';

const MINUTE = 60_000;

/**
 * The person's desks and folders, through the API of the connector's version: version 5 with the
 * person's bearer (their OIDC or exchanged token, or one obtained from i-Parapheur's Keycloak with
 * their own password), version 4 with their Basic credentials.
 */
export async function readIparapheurTodo(context: OperationContext<'iparapheur'>): Promise<IparapheurTodo> {
  const { connector, client, credential, signal, now } = context;
  const webUrl = connector.options.webClientUrl ?? connector.baseUrl;
  if (connector.options.apiVersion === 'v4') {
    // Version 4 has no bearer: its clients log in with the person's password.
    if (credential.type !== 'basic') throw new UpstreamError('not_configured', 'IPARAPHEUR_V4_NEEDS_PASSWORD');
    return readIparapheurV4Todo(
      client,
      { type: 'basic', username: credential.username, password: credential.password },
      { webUrl, now, signal },
    );
  }
  const accessToken =
    credential.type === 'bearer'
      ? credential.token
      : (
          await requestIparapheurToken(
            client,
            { type: 'password', username: credential.username, password: credential.password },
            { now, signal },
          )
        ).accessToken;
  return readIparapheurV5Todo(client, accessToken, { webUrl, now, signal });
}

/** The parapheur widget: counts per desk and the first folders, soonest due first. */
export async function readParapheur(context: OperationContext<'iparapheur'>): Promise<WidgetDataOf<'parapheur'>> {
  const todo = await readIparapheurTodo(context);
  const folders = [...todo.items]
    .sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'))
    .slice(0, 20)
    .map((item) => ({
      id: item.id,
      title: item.title,
      desk: item.context,
      status: item.status,
      dueAt: item.dueAt,
      late: item.dueAt !== null && Date.parse(item.dueAt) < context.now.getTime(),
      url: item.url,
    }));
  const desks = todo.desks
    .map((desk) => ({ id: desk.deskId, name: desk.deskName, pending: desk.pending, late: desk.late }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return {
    pending: desks.reduce((sum, desk) => sum + desk.pending, 0),
    late: desks.reduce((sum, desk) => sum + desk.late, 0),
    desks,
    folders,
    appUrl: todo.appUrl,
  };
}

/** i-Parapheur (contracts: connector-kinds/iparapheur.ts). Its APIs answer for the current user only. */
export const iparapheur: ConnectorImplementation<'iparapheur'> = {
  operations: {
    parapheur: { read: readParapheur, scope: () => 'user', ttlMs: 2 * MINUTE },
  },
  credentials: {
    oidc_token: sessionBearer,
    token_exchange: exchangedBearer,
    personal_secret: personalBasic(byLogin),
  },
  // The web client's page (version 5) or the Alfresco service root (version 4): both answer.
  probePath: '/',
  actionItems: {
    read: async (context) => (await readIparapheurTodo(context)).items,
    ttlMs: 2 * MINUTE,
  },
};
