import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import * as client from 'openid-client';
import type { OidcProvider } from '../auth/oidc.js';
import type { ConnectorSecrets } from '../connector-settings/secrets.js';
import type { ConnectorConfig, TargetUser, UpstreamCredential } from '../connectors/operation.js';
import { SecretValue } from '../connectors/secret-box.js';
import type { FailureStatus } from '../connectors/states.js';
import type { Logger } from '../logger.js';
import { readPersonalCredential, type PersonalCredentialDeps } from './personal-credentials.js';

/**
 * How the BFF authenticates to an upstream for the signed-in person, from the connector's
 * `authMode` and its opened secrets. The person targeted upstream always comes from the session
 * (TargetUser), never from the request.
 *
 * | authMode          | connector secrets        | connector options                          | credential sent |
 * |-------------------|--------------------------|--------------------------------------------|-----------------|
 * | `oidc_token`      | —                        | —                                          | bearer: the person's access token from the session |
 * | `token_exchange`  | —                        | `tokenExchangeAudience`, `tokenExchangeScope` | bearer: an RFC 8693 token from the person's provider (Pléiade's client credentials), cached until 30 s before it expires |
 * | `zimbra_preauth`  | `preauthKey` (hex)       | —                                          | zimbra_preauth for the person's e-mail address |
 * | `personal_secret` | — (the person's own, table user_connector_credential) | —             | basic (Nextcloud, IMAP, CalDAV, Zimbra) or bearer (Matrix); none stored: `credentials_missing` |
 * | `service_account` | `username`, `password`; Matrix: `asToken` | Matrix: `serverName` (default: the base URL's host) | basic (IMAP: Dovecot master user `<login>*<username>`); Matrix: application service acting as `@<login>:<serverName>` |
 * | `none`            | —                        | —                                          | nothing (Jitsi only) |
 */

/** The session side of a read: whose tokens, from which provider. */
export interface SessionTokens {
  sessionId: string;
  providerId: string | undefined;
  accessToken: string | undefined;
}

export interface CredentialRequest {
  connector: ConnectorConfig;
  secrets: ConnectorSecrets;
  user: TargetUser;
  session: SessionTokens;
}

export type ResolvedCredential =
  | {
      ok: true;
      credential: UpstreamCredential;
      /** Changes when the person's own secret changes; part of the cache key. */
      version?: string;
    }
  | { ok: false; status: FailureStatus };

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** An exchanged token is not used in its last 30 s, as the session's own access token. */
const EXPIRY_MARGIN_MS = 30_000;
/** When the provider does not say how long an exchanged token lives. */
const DEFAULT_EXCHANGED_LIFETIME_MS = 60_000;

function optionString(options: Record<string, unknown>, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function refused(status: FailureStatus): ResolvedCredential {
  return { ok: false, status };
}

interface ExchangedToken {
  userId: string;
  connectorId: string;
  token: SecretValue;
  expiresAt: number;
}

/**
 * RFC 8693 token exchange at the person's provider: the session's access token becomes a token
 * for one upstream (its audience and scope). Exchanged tokens are kept in process memory only,
 * per (session, connector), never logged, and dropped shortly before they expire.
 */
export class TokenExchanger {
  private readonly tokens = new LRUCache<string, ExchangedToken>({ max: 10_000 });
  private readonly inFlight = new Map<string, Promise<ExchangedToken | FailureStatus>>();

  constructor(
    private readonly providers: ReadonlyMap<string, OidcProvider>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async exchange(request: CredentialRequest): Promise<ResolvedCredential> {
    const { connector, session, user } = request;
    const provider = session.providerId ? this.providers.get(session.providerId) : undefined;
    if (!provider || !session.accessToken) return refused('credentials_refused');
    // The subject token is part of the key: a new sign-in or a refreshed token gets its own exchange.
    const key = [session.sessionId, connector.id, digest(session.accessToken)].join('\u0000');
    const cached = this.tokens.get(key);
    if (cached) return { ok: true, credential: { type: 'bearer', token: cached.token.reveal() } };
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.request(provider, connector, user, session.accessToken).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const result = await pending;
    if (typeof result === 'string') return refused(result);
    const ttl = result.expiresAt - this.now();
    if (ttl > 0) this.tokens.set(key, result, { ttl });
    return { ok: true, credential: { type: 'bearer', token: result.token.reveal() } };
  }

  /** Drops the exchanged tokens of one person for one connector (revocation). */
  forget(userId: string, connectorId: string): void {
    for (const [key, value] of this.tokens.entries()) {
      if (value.userId === userId && value.connectorId === connectorId) this.tokens.delete(key);
    }
  }

  private async request(
    provider: OidcProvider,
    connector: ConnectorConfig,
    user: TargetUser,
    subjectToken: string,
  ): Promise<ExchangedToken | FailureStatus> {
    const parameters: Record<string, string> = {
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN_TYPE,
      requested_token_type: ACCESS_TOKEN_TYPE,
    };
    const audience = optionString(connector.options, 'tokenExchangeAudience');
    const scope = optionString(connector.options, 'tokenExchangeScope');
    if (audience) parameters.audience = audience;
    if (scope) parameters.scope = scope;
    try {
      const configuration = await provider.configurationPromise;
      const response = await client.genericGrantRequest(configuration, TOKEN_EXCHANGE_GRANT, parameters);
      const lifetimeMs = (response.expiresIn() ?? 0) * 1000 || DEFAULT_EXCHANGED_LIFETIME_MS;
      return {
        userId: user.userId,
        connectorId: connector.id,
        token: new SecretValue(response.access_token),
        expiresAt: this.now() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2),
      };
    } catch (error) {
      const status = exchangeFailure(error);
      // The error's code only: its message may quote the provider's answer.
      this.logger.warn({ connector: connector.id, status, reason: errorCode(error) }, 'token exchange failed');
      return status;
    }
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function errorCode(error: unknown): string {
  if (error instanceof client.ResponseBodyError) return `OAUTH_${error.error}`;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.name;
  return 'UNKNOWN';
}

/** The provider said no (an OAuth error) → refused; it could not be reached → unreachable or timeout. */
function exchangeFailure(error: unknown): FailureStatus {
  if (error instanceof client.ResponseBodyError) return 'credentials_refused';
  const code = errorCode(error);
  if (/TIMEOUT|ABORT/i.test(code)) return 'timeout';
  return 'unreachable';
}

/** Login sent with a personal app password when the person did not give another one. */
function defaultPersonalUsername(connector: ConnectorConfig, user: TargetUser): string {
  // Mail and agenda servers usually log people in by address; Nextcloud and Matrix by user id.
  if (connector.kind === 'imap' || connector.kind === 'caldav' || connector.kind === 'zimbra') {
    return user.email ?? user.login;
  }
  return user.login;
}

export interface CredentialResolverDeps {
  personal: PersonalCredentialDeps;
  exchanger: TokenExchanger;
}

/** Resolves the credential of one read; never throws for a missing or unusable credential. */
export async function resolveCredential(
  deps: CredentialResolverDeps,
  request: CredentialRequest,
): Promise<ResolvedCredential> {
  const { connector, secrets, user, session } = request;
  switch (connector.authMode) {
    case 'oidc_token':
      return session.accessToken
        ? { ok: true, credential: { type: 'bearer', token: session.accessToken } }
        : refused('credentials_refused');
    case 'token_exchange':
      return deps.exchanger.exchange(request);
    case 'zimbra_preauth': {
      const preauthKey = secrets.preauthKey;
      if (connector.kind !== 'zimbra' || !preauthKey) return refused('not_configured');
      if (!user.email) return refused('credentials_refused');
      return { ok: true, credential: { type: 'zimbra_preauth', account: user.email, preauthKey: preauthKey.reveal() } };
    }
    case 'personal_secret': {
      if (connector.kind === 'jitsi') return refused('not_configured');
      const own = await readPersonalCredential(deps.personal, user.userId, connector.id);
      if (!own) return refused('credentials_missing');
      const version = own.updatedAt.toISOString();
      if (connector.kind === 'matrix') {
        return { ok: true, credential: { type: 'bearer', token: own.secret.reveal() }, version };
      }
      const username = own.username ?? defaultPersonalUsername(connector, user);
      return { ok: true, credential: { type: 'basic', username, password: own.secret.reveal() }, version };
    }
    case 'service_account': {
      if (connector.kind === 'matrix') {
        const serverName = optionString(connector.options, 'serverName') ?? new URL(connector.baseUrl).host;
        const asToken = secrets.asToken;
        if (!serverName || !asToken) return refused('not_configured');
        return {
          ok: true,
          credential: { type: 'matrix_appservice', asToken: asToken.reveal(), userId: `@${user.login}:${serverName}` },
        };
      }
      const username = secrets.username?.reveal();
      const password = secrets.password;
      if (!username || !password || connector.kind === 'jitsi') return refused('not_configured');
      // Dovecot master user: "<person>*<master>" logs the master in as the person.
      const login = connector.kind === 'imap' ? `${user.login}*${username}` : username;
      return { ok: true, credential: { type: 'basic', username: login, password: password.reveal() } };
    }
    case 'none':
      return connector.kind === 'jitsi' ? { ok: true, credential: { type: 'none' } } : refused('not_configured');
  }
}
