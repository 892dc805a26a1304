import type { ProConnectSettings } from '../config.js';
import { loginOf, readString, ROLE_PRECEDENCE, type MappingResult } from './identity.js';

/**
 * ProConnect's userinfo claims → a Pléiade identity. ProConnect gives the person's organisation
 * (`siret`) but no groups: the collectivité is the one whose SIREN starts that SIRET (looked up by
 * the caller), and the role comes from the provider's `access` rules for that collectivité.
 * Claims used: sub, given_name, usual_name, email, siret, idp_id (uid is the identity provider's own
 * login, not unique across the federation: kept out of Pléiade's keys).
 */
export function mapProConnectClaims(
  issuer: string,
  claims: Record<string, unknown>,
  collectiviteSlug: string | undefined,
  settings: ProConnectSettings,
): MappingResult {
  const subject = readString(claims.sub);
  if (!subject || !collectiviteSlug) return { ok: false, problem: 'NO_COLLECTIVITE' };
  const access = settings.access[collectiviteSlug];
  // A collectivité known to Pléiade but not opened to ProConnect sign-ins.
  if (!access) return { ok: false, problem: 'UNKNOWN_COLLECTIVITE' };
  const idpId = readString(claims.idp_id);
  if (access.identityProviders && !(idpId && access.identityProviders.includes(idpId))) {
    return { ok: false, problem: 'NO_ROLE' };
  }
  const email = readString(claims.email)?.toLowerCase() ?? null;
  const named = email ? ROLE_PRECEDENCE.find((role) => access.people[role].includes(email)) : undefined;
  const role = named ?? access.defaultRole;
  if (!role) return { ok: false, problem: 'NO_ROLE' };
  const displayName =
    [readString(claims.given_name), readString(claims.usual_name)].filter(Boolean).join(' ') || email || subject;
  return {
    ok: true,
    identity: {
      issuer,
      subject,
      displayName,
      email,
      login: loginOf(claims, email, subject),
      collectiviteSlug,
      groups: [],
      role,
    },
  };
}

const EIDAS = /^eidas([123])$/;

/**
 * Whether the ID token's `acr` meets the acr_values asked: one of them, or a higher eIDAS level
 * than the lowest eIDAS level asked (ProConnect returns the level the authentication reached:
 * eidas2 or eidas3 satisfy eidas1). Other values (URIs) must match exactly.
 */
export function acrSatisfies(acr: unknown, asked: readonly string[]): boolean {
  if (typeof acr !== 'string') return false;
  if (asked.includes(acr)) return true;
  const level = EIDAS.exec(acr)?.[1];
  const lowest = asked.flatMap((value) => EIDAS.exec(value)?.[1] ?? []).sort()[0];
  return level !== undefined && lowest !== undefined && level >= lowest;
}
