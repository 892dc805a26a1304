import { TELETRANSMISSION_DEFAULT_DAYS, type WidgetDataOf } from '@pleiade/contracts';
import type { ConnectorImplementation } from '../definition.js';
import { serviceAccountBasic } from '../credential-kit.js';
import type { OperationContext, WidgetOptionsOf } from '../operation.js';
import { UpstreamError } from '../states.js';
import {
  ERROR_ITEMS,
  S2LOW_STATUS,
  listS2lowActes,
  readS2lowSummary,
  s2lowErrorItem,
  type S2lowCredentials,
} from './api.js';
import type { ActionableItem } from '../actionable.js';

const MINUTE = 60_000;
const DAY_MS = 86_400_000;

function accountOf(context: OperationContext<'s2low'>): S2lowCredentials {
  const { credential } = context;
  if (credential.type !== 'basic') throw new UpstreamError('not_configured', 'S2LOW_NEEDS_ACCOUNT');
  return { login: credential.username, password: credential.password };
}

const webUrlOf = (context: OperationContext<'s2low'>) =>
  context.connector.options.webClientUrl ?? context.connector.baseUrl;

/** Counts by status over the widget's period and now, and the acts in error. */
export async function readTeletransmission(
  context: OperationContext<'s2low'>,
  options: WidgetOptionsOf<'teletransmission'>,
): Promise<WidgetDataOf<'teletransmission'>> {
  const to = context.now;
  const from = new Date(to.getTime() - (options.periodDays ?? TELETRANSMISSION_DEFAULT_DAYS) * DAY_MS);
  const summary = await readS2lowSummary(context.client, accountOf(context), {
    from,
    to,
    webUrl: webUrlOf(context),
    signal: context.signal,
  });
  const { complete, ...inPeriod } = summary.inPeriod;
  return {
    period: summary.period,
    inPeriod,
    complete,
    current: summary.current,
    errors: summary.items.map((item) => ({ id: item.id, title: item.title, context: item.context, url: item.url })),
    appUrl: summary.appUrl,
  };
}

/** The acts in error (one call): the collectivité's, seen by every member of the connector. */
async function readS2lowErrors(context: OperationContext<'s2low'>): Promise<ActionableItem[]> {
  const acts = await listS2lowActes(context.client, accountOf(context), {
    statusId: S2LOW_STATUS.error,
    limit: ERROR_ITEMS,
    signal: context.signal,
  });
  return acts.map((act) => s2lowErrorItem(act, webUrlOf(context)));
}

/**
 * S2low (contracts: connector-kinds/s2low.ts). Its client presents the account's TLS certificate
 * (sealed secrets `clientCertificate`, `clientKey`), trusting the server's own CA when given.
 */
export const s2low: ConnectorImplementation<'s2low'> = {
  operations: {
    // One technical account per authority: every member of the collectivité gets the same answer.
    teletransmission: { read: readTeletransmission, scope: () => 'collectivite', ttlMs: 5 * MINUTE },
  },
  credentials: { service_account: serviceAccountBasic() },
  // The statuses list, without the account's login: the TLS handshake with its certificate is what
  // the test proves (S²low then answers the list, or « KO » for a certificate shared by accounts).
  probePath: '/modules/actes/api/actes_status.php',
  clientTls(secrets) {
    const cert = secrets.clientCertificate?.reveal();
    const key = secrets.clientKey?.reveal();
    const ca = secrets.caCertificate?.reveal();
    const passphrase = secrets.clientKeyPassphrase?.reveal();
    return {
      ...(cert && key ? { clientCertificate: { cert, key, ...(passphrase ? { passphrase } : {}) } } : {}),
      ...(ca ? { ca } : {}),
    };
  },
  actionItems: { read: readS2lowErrors, ttlMs: 5 * MINUTE },
};
