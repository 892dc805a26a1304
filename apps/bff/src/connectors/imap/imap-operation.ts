import net from 'node:net';
import type { MailData } from '@pleiade/contracts';
import { AddressPolicy, AddressRefusedError, ConnectorConfigError, guardedLookup } from '../address-guard.js';
import { appLink, clip } from '../operation-kit.js';
import type { ConnectorConfigOf } from '../connector-config.js';
import type { OperationContext, WidgetOperation } from '../operation.js';
import { UpstreamError } from '../states.js';
import { readUnreadMail, type ImapAccount } from './imap-mail.js';

/**
 * Mail over IMAP (any server). A connector's base URL is http(s) only: it is the webmail's
 * address, used for the widget's links; the IMAP server is `options.host`, or else the base URL's
 * host, on `options.port` with `options.tls`. The name is resolved here and every address checked
 * against the connector's address policy (the same SSRF rule as HTTP upstreams); the connection
 * then goes to the checked address, with the name kept for TLS.
 */

export const LATEST_MAIL = 5;

function settings(connector: ConnectorConfigOf<'imap'>) {
  const { port, tls } = connector.options;
  const host = (connector.options.host ?? new URL(connector.baseUrl).hostname).replace(/^\[|\]$/g, '');
  return { host, port, tls };
}

/** The address to connect to, refused unless the policy permits every address of the name. */
export function resolveImapHost(host: string, allowPrivateNetworks: readonly string[]): Promise<string> {
  let policy: AddressPolicy;
  try {
    policy = new AddressPolicy(allowPrivateNetworks);
  } catch (error) {
    if (error instanceof ConnectorConfigError) throw new UpstreamError('not_configured', 'ALLOWED_NETWORKS');
    throw error;
  }
  return new Promise((resolve, reject) => {
    guardedLookup(policy)(host, { all: true }, (error, addresses) => {
      if (error instanceof AddressRefusedError) return reject(new UpstreamError('unreachable', 'ADDRESS_REFUSED'));
      if (error) return reject(new UpstreamError('unreachable', error.code === 'ENOTFOUND' ? 'ENOTFOUND' : 'DNS'));
      const first = typeof addresses === 'string' ? addresses : addresses[0]?.address;
      return first ? resolve(first) : reject(new UpstreamError('unreachable', 'DNS'));
    });
  });
}

function login(context: OperationContext<'imap'>): Pick<ImapAccount, 'user' | 'password' | 'accessToken'> {
  const { credential, user } = context;
  if (credential.type === 'basic') return { user: credential.username, password: credential.password };
  return { user: user.login, accessToken: credential.token };
}

export const readImapMail: WidgetOperation<'mail', 'imap'> = async (context): Promise<MailData> => {
  const { connector, signal } = context;
  const { host, port, tls } = settings(connector);
  const address = await resolveImapHost(host, connector.allowPrivateNetworks);
  const mail = await readUnreadMail(
    { host: address, ...(net.isIP(host) ? {} : { servername: host }), port, tls, ...login(context) },
    { limit: LATEST_MAIL, signal },
  );
  const appUrl = appLink(connector.baseUrl);
  return {
    unreadCount: mail.unreadCount,
    latest: mail.latest.slice(0, LATEST_MAIL).map((message) => ({
      id: String(message.uid),
      from: clip(message.from),
      subject: clip(message.subject),
      receivedAt: message.receivedAt,
    })),
    appUrl,
  };
};
