import type * as client from 'openid-client';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { sirenOfSiret } from '../siren.js';
import { mapClaims, type IdentityProblem, type MappedIdentity } from './identity.js';
import type { OidcProvider } from './oidc.js';
import { acrSatisfies, mapProConnectClaims } from './proconnect.js';
import { tokenSetFrom } from './session-layer.js';
import type { TokenSet } from './token-vault.js';

export type SignInIdentity =
  | {
      ok: true;
      identity: MappedIdentity;
      /** What the session keeps of the provider's tokens. */
      tokens: TokenSet;
      /** The ID token's sid claim, for front/back-channel logout. */
      oidcSid?: string;
    }
  | { ok: false; problem: IdentityProblem };

type TokenResponse = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/**
 * Who a provider's token response says the person is, in Pléiade's terms. Throws when the answer
 * cannot be trusted (a userinfo JWT unsigned or signed by another key, an authentication level other
 * than the one asked): the caller refuses the sign-in as it does any invalid callback.
 */
export async function identifySignIn(
  db: Db,
  provider: OidcProvider,
  response: TokenResponse,
  logger: Logger,
): Promise<SignInIdentity> {
  const { settings } = provider;
  const idClaims: Record<string, unknown> = response.claims() ?? {};
  const oidcSid = typeof idClaims.sid === 'string' ? { oidcSid: idClaims.sid } : {};

  if (settings.proconnect) {
    const { acrValues } = settings.proconnect;
    const acr = idClaims.acr;
    if (acrValues && !acrSatisfies(acr, acrValues)) {
      throw new Error(
        `ID token acr ${JSON.stringify(acr)} is not one of the acr_values asked (${acrValues.join(' ')})`,
      );
    }
    const subject = typeof idClaims.sub === 'string' ? idClaims.sub : '';
    const claims = await provider.userinfo(response.access_token, subject);
    const siren = sirenOfSiret(claims.siret);
    const collectivite = siren ? await db.collectivite.findUnique({ where: { siren }, select: { slug: true } }) : null;
    const mapped = mapProConnectClaims(settings.issuer, claims, collectivite?.slug, settings.proconnect);
    if (!mapped.ok) {
      // A SIREN names an organisation, not a person: the operator sees which one knocked.
      logger.info(
        { provider: settings.id, siren: siren ?? null, problem: mapped.problem },
        'ProConnect sign-in refused',
      );
      return mapped;
    }
    // ProConnect's access token lives a minute and serves only userinfo, with no refresh token: the
    // session keeps the ID token (for sign-out) and lives on Pléiade's own lifetime, not the token's.
    return { ok: true, identity: mapped.identity, tokens: { idToken: response.id_token }, ...oidcSid };
  }

  const mapped = mapClaims(settings.issuer, idClaims, settings.identity);
  if (!mapped.ok) return mapped;
  const allowed = settings.collectivites;
  if (allowed && !allowed.includes(mapped.identity.collectiviteSlug)) {
    // A provider vouches only for its own collectivités: it cannot sign anyone into another tenant.
    return { ok: false, problem: 'UNKNOWN_COLLECTIVITE' };
  }
  return { ok: true, identity: mapped.identity, tokens: tokenSetFrom(response), ...oidcSid };
}
