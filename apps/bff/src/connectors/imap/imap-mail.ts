import { ImapFlow } from 'imapflow';
import { UpstreamError } from '../states.js';

/** A mailbox reached over IMAP with the person's own credentials (standard mail, any server). */
export interface ImapAccount {
  /** Where to connect: a host name, or the address already checked against the SSRF policy. */
  host: string;
  /** The server's name for TLS (SNI and certificate check) when `host` is an address. */
  servername?: string;
  port: number;
  /** implicit TLS (993), STARTTLS (143), or none — refused except on this machine. */
  tls: 'implicit' | 'starttls' | 'none';
  user: string;
  /** LOGIN password, or an OAuth access token (XOAUTH2/OAUTHBEARER, e.g. Dovecot's oauth2 passdb). */
  password?: string;
  accessToken?: string;
}

export interface UnreadMail {
  unreadCount: number;
  /** Newest first. */
  latest: { uid: number; from: string; subject: string; receivedAt: string }[];
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function failure(error: unknown): UpstreamError {
  const err = error as { authenticationFailed?: boolean; code?: string; name?: string };
  if (err.authenticationFailed) return new UpstreamError('credentials_refused', 'IMAP_AUTH');
  if (err.code === 'ETIMEDOUT' || err.code === 'ETIMEOUT' || err.name === 'TimeoutError') {
    return new UpstreamError('timeout', 'IMAP_TIMEOUT', true);
  }
  if (
    err.code === 'ECONNREFUSED' ||
    err.code === 'ENOTFOUND' ||
    err.code === 'ECONNRESET' ||
    err.code === 'NoConnection'
  ) {
    return new UpstreamError('unreachable', `IMAP_${err.code}`, true);
  }
  return new UpstreamError('invalid_response', 'IMAP_PROTOCOL');
}

/**
 * Unread count of the inbox and its latest unread messages (sender, subject, time), read-only:
 * EXAMINE, so reading never marks anything as seen. TLS certificates are always verified.
 */
export async function readUnreadMail(
  account: ImapAccount,
  options: { limit?: number; timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<UnreadMail> {
  if (account.tls === 'none' && !LOOPBACK.has(account.host)) {
    throw new UpstreamError('not_configured', 'IMAP_PLAINTEXT_REFUSED');
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  const client = new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.tls === 'implicit',
    doSTARTTLS: account.tls === 'starttls',
    ...(account.servername ? { servername: account.servername } : {}),
    tls: { rejectUnauthorized: true },
    auth: account.accessToken
      ? { user: account.user, accessToken: account.accessToken }
      : { user: account.user, pass: account.password ?? '' },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  // imapflow reports socket failures as 'error' events as well as rejections: keep them from crashing.
  client.on('error', () => undefined);
  const abort = () => client.close();
  options.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (options.signal?.aborted) throw new UpstreamError('timeout', 'IMAP_ABORTED', true);
    await client.connect();
    const lock = await client.getMailboxLock('INBOX', { readOnly: true });
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      const newest = [...unseen].sort((a, b) => b - a).slice(0, options.limit ?? 5);
      const latest: UnreadMail['latest'] = [];
      if (newest.length > 0) {
        for await (const message of client.fetch(newest, { envelope: true, internalDate: true }, { uid: true })) {
          const sender = message.envelope?.from?.[0];
          const date = message.envelope?.date ?? message.internalDate;
          latest.push({
            uid: message.uid,
            from: sender?.name || sender?.address || '',
            subject: message.envelope?.subject ?? '',
            receivedAt: (date instanceof Date ? date : new Date(date ?? 0)).toISOString(),
          });
        }
      }
      latest.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      return { unreadCount: unseen.length, latest };
    } finally {
      lock.release();
    }
  } catch (error) {
    if (options.signal?.aborted) throw new UpstreamError('timeout', 'IMAP_ABORTED', true);
    throw error instanceof UpstreamError ? error : failure(error);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await client.logout().catch(() => client.close());
  }
}
