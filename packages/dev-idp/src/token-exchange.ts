// OAuth 2.0 Token Exchange (RFC 8693) through oidc-provider's custom grant type extension point.
// A client trades an access token this IdP issued to it for a token meant for one resource server
// (the audience), for the same person: how the BFF calls Nextcloud with `user_oidc` bearer validation.
import {
  errors,
  type AccessToken,
  type ClientCredentials,
  type KoaContextWithOIDC,
  type Provider,
} from 'oidc-provider';

export const TOKEN_EXCHANGE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
/** The client id of the demo Nextcloud at this IdP, the audience its bearer tokens are minted for. */
export const DEMO_NEXTCLOUD_AUDIENCE = 'nextcloud';

const EXCHANGED = 'token_exchange';

const PARAMETERS = [
  'subject_token',
  'subject_token_type',
  'audience',
  'scope',
  'requested_token_type',
  // Read only to be refused: ignoring them would hand out a token other than the one asked for.
  'resource',
  'actor_token',
  'actor_token_type',
] as const;

type ExchangeParams = { [K in (typeof PARAMETERS)[number]]?: string };

/**
 * RFC 8693 §2.2.2: a missing, unknown, expired or foreign `subject_token` is `invalid_request`;
 * an audience the IdP will not issue for is `invalid_target`; a scope beyond the subject token's
 * is `invalid_scope` (RFC 6749 §5.2).
 */
async function exchange(ctx: KoaContextWithOIDC, audiences: ReadonlySet<string>) {
  const { client, provider } = ctx.oidc;
  // oidc-provider passes only the parameters registered below (PARAMETERS), as strings.
  const params = (ctx.oidc.params ?? {}) as ExchangeParams;
  if (!client) throw new errors.InvalidClient('client authentication is required');
  if (params.actor_token !== undefined || params.actor_token_type !== undefined) {
    throw new errors.InvalidRequest('delegation (actor_token) is not supported');
  }
  if (params.resource !== undefined) throw new errors.InvalidTarget('use audience, resource is not supported');
  if (!params.subject_token) throw new errors.InvalidRequest("missing required parameter 'subject_token'");
  if (params.subject_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(`subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
  }
  if (params.requested_token_type !== undefined && params.requested_token_type !== ACCESS_TOKEN_TYPE) {
    throw new errors.InvalidRequest(`requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
  }
  if (!params.audience) throw new errors.InvalidRequest("missing required parameter 'audience'");
  if (!audiences.has(params.audience)) throw new errors.InvalidTarget('audience is not allowed');

  // find() also drops a token whose IdP session has ended (logout), as userinfo would.
  const subject: AccessToken | undefined = await provider.AccessToken.find(params.subject_token);
  if (!subject?.isValid) throw new errors.InvalidRequest('subject_token is invalid or expired');
  if (subject.clientId !== client.clientId)
    throw new errors.InvalidRequest('subject_token was issued to another client');
  // A subject token minted for an audience is not exchanged again: it belongs to that resource server.
  if (subject.extra?.aud !== undefined) throw new errors.InvalidRequest('subject_token is already audience-restricted');
  const grant = await provider.Grant.find(subject.grantId);
  if (!grant || grant.accountId !== subject.accountId || grant.clientId !== client.clientId) {
    throw new errors.InvalidRequest('subject_token grant is no longer valid');
  }

  const granted = subject.scopes;
  const requested = params.scope ? params.scope.split(' ').filter(Boolean) : [...granted];
  const beyond = requested.filter((scope) => !granted.has(scope));
  if (beyond.length > 0) throw new errors.InvalidScope('scope exceeds the subject_token scope', beyond.join(' '));
  if (requested.length === 0) throw new errors.InvalidScope('scope is empty', '');

  const token = new provider.AccessToken({
    accountId: subject.accountId,
    client,
    grantId: subject.grantId,
    gty: EXCHANGED,
    scope: requested.join(' '),
    claims: subject.claims,
    sid: subject.sid,
    sessionUid: subject.sessionUid,
    expiresWithSession: subject.expiresWithSession,
    // Never outlives the token it was exchanged for.
    expiresIn: subject.remainingTTL,
  });
  // Kept out of the model's `aud`, which oidc-provider's userinfo refuses: resource servers that
  // validate through userinfo (Nextcloud user_oidc) must accept it; introspection reports `aud`.
  token.extra = { aud: params.audience };
  const value = await token.save();
  ctx.body = {
    access_token: value,
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: 'Bearer',
    expires_in: token.expiration,
    ...(token.scope ? { scope: token.scope } : {}),
  };
}

/** `extraTokenClaims` of the configuration: oidc-provider recomputes `extra` at save, so keep ours. */
export function keepExchangedAudience(_ctx: unknown, token: AccessToken | ClientCredentials) {
  return token.kind === 'AccessToken' && token.gty === EXCHANGED ? token.extra : undefined;
}

/** Registers the grant; every client registered for it may exchange the access tokens it was given. */
export function registerTokenExchange(provider: Provider, audiences: readonly string[]): void {
  const allowed = new Set(audiences);
  provider.registerGrantType(TOKEN_EXCHANGE_GRANT_TYPE, (ctx) => exchange(ctx, allowed), [...PARAMETERS]);
  // oidc-provider's introspection writes `aud` from the model; put the exchanged audience back.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'introspection') return;
    const body = ctx.body as Record<string, unknown> | undefined;
    const audience = ctx.oidc.entities.AccessToken?.extra?.aud;
    if (body?.active === true && typeof audience === 'string') body.aud = audience;
  });
}
