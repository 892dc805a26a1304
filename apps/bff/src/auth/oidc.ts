import * as jose from 'jose';
import * as client from 'openid-client';
import type { ProviderSettings } from '../config.js';

/** Discovers the provider once; a failed discovery is retried at the next sign-in. */
export class OidcProvider {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(readonly settings: ProviderSettings) {}

  get configurationPromise(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        new URL(this.settings.issuer),
        this.settings.clientId,
        {
          client_secret: this.settings.clientSecret,
          // Only signed ID tokens, with this algorithm: never "none", whatever the provider advertises.
          id_token_signed_response_alg: this.settings.idTokenSigningAlg,
          // ProConnect answers userinfo as a JWT: with this set, openid-client refuses any other
          // answer or algorithm, and (non-repudiation checks, below) verifies it with the provider's keys.
          ...(this.settings.proconnect
            ? { userinfo_signed_response_alg: this.settings.proconnect.userinfoSigningAlg }
            : {}),
        },
        undefined,
        {
          // The configuration allows http issuers on loopback only (demo IdP, test LemonLDAP::NG).
          execute: this.settings.issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
          timeout: 10,
        },
      )
      .then((configuration) => {
        // openid-client skips the ID token's signature when it comes straight from the token
        // endpoint; Pléiade checks it anyway (a proxy or a plain-http hop must not forge identities).
        // The same switch verifies a userinfo JWT's signature against the provider's JWKS.
        client.enableNonRepudiationChecks(configuration);
        return configuration;
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  /** Parameters this provider's authorization requests carry besides the standard ones. */
  get authorizationParams(): Record<string, string> {
    const acrValues = this.settings.proconnect?.acrValues;
    return acrValues?.length ? { acr_values: acrValues.join(' ') } : {};
  }

  /**
   * The person's claims from the userinfo endpoint, for the subject of the ID token. For ProConnect,
   * only a JWT signed with the configured algorithm by a key of the provider's JWKS is accepted.
   */
  async userinfo(accessToken: string, subject: string): Promise<Record<string, unknown>> {
    return client.fetchUserInfo(await this.configurationPromise, accessToken, subject);
  }

  async refresh(refreshToken: string): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
    return client.refreshTokenGrant(await this.configurationPromise, refreshToken);
  }

  private keySet: ReturnType<typeof jose.createRemoteJWKSet> | undefined;

  /** The provider's signing keys (cached, refetched on an unknown kid), for logout tokens. */
  async jwks(): Promise<ReturnType<typeof jose.createRemoteJWKSet>> {
    if (!this.keySet) {
      const jwksUri = (await this.configurationPromise).serverMetadata().jwks_uri;
      if (!jwksUri) throw new Error(`no jwks_uri for ${this.settings.issuer}`);
      this.keySet = jose.createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5000 });
    }
    return this.keySet;
  }

  /** RP-initiated logout URL, or undefined when the provider has no end_session_endpoint. */
  async endSessionUrl(idToken: string | undefined, postLogoutRedirectUri: string): Promise<string | undefined> {
    const configuration = await this.configurationPromise;
    if (!configuration.serverMetadata().end_session_endpoint) return undefined;
    const params: Record<string, string> = {
      post_logout_redirect_uri: postLogoutRedirectUri,
      client_id: this.settings.clientId,
      // Required by ProConnect, harmless elsewhere. Not checked on return: the page it comes back
      // to (/) changes nothing, and the session is already gone.
      state: client.randomState(),
    };
    if (idToken) params.id_token_hint = idToken;
    return client.buildEndSessionUrl(configuration, params).href;
  }
}
