import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import * as client from 'openid-client';
import type { OidcProvider } from '../auth/oidc.js';
import type { ConnectorSecrets } from '../connector-settings/secrets.js';
import type { ConnectorConfig } from '../connectors/connector-config.js';
import { refused } from '../connectors/credential-kit.js';
import type { CredentialResolution, SessionTokens } from '../connectors/definition.js';
import type { CredentialOfType, TargetUser } from '../connectors/operation.js';
import { connectorOf } from '../connectors/registry.js';
import { SecretValue } from '../connectors/secret-box.js';
import type { FailureStatus } from '../connectors/states.js';
import type { Logger } from '../logger.js';
import { readPersonalCredential, type PersonalCredentialDeps } from './personal-credentials.js';

/**
 * How the BFF authenticates to an upstream for the signed-in person: the connector's kind says,
 * for each auth mode, which secrets it reads and which credential it sends (its definition in
 * @pleiade/contracts connector-kinds/); its adapter in apps/bff/src/connectors/<kind>/index.ts
 * builds that credential. This module gives the adapters what the modes need: the session's
 * token, the person's own secret, a token exchanged at the person's provider. The person
 * targeted upstream always comes from the session (TargetUser), never from the request.
 */

export type { SessionTokens };

export interface CredentialRequest {
  connector: ConnectorConfig;
  secrets: ConnectorSecrets;
  user: TargetUser;
  session: SessionTokens;
}

const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** An exchanged token is not used in its last 30 s, as the session's own access token. */
const EXPIRY_MARGIN_MS = 30_000;
/** When the provider does not say how long an exchanged token lives. */
const DEFAULT_EXCHANGED_LIFETIME_MS = 60_000;

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

  async exchange(request: CredentialRequest): Promise<CredentialResolution<CredentialOfType<'bearer'>>> {
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
    const audience = connector.options.tokenExchangeAudience;
    const scope = connector.options.tokenExchangeScope;
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

export interface CredentialResolverDeps {
  personal: PersonalCredentialDeps;
  exchanger: TokenExchanger;
}

/** Resolves the credential of one read with its kind's adapter; never throws for a missing or unusable credential. */
export async function resolveCredential(
  deps: CredentialResolverDeps,
  request: CredentialRequest,
): Promise<CredentialResolution> {
  const { connector, user } = request;
  // A parsed config's mode is always one of its kind's: the adapter exists.
  const adapter = connectorOf(connector.kind).credentials[connector.authMode];
  if (!adapter) return refused('not_configured');
  return adapter.resolve({
    ...request,
    personal: () => readPersonalCredential(deps.personal, user.userId, connector.id),
    exchange: () => deps.exchanger.exchange(request),
  });
}
