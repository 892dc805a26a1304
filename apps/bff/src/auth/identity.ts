import { ROLES, type Role } from '@pleiade/contracts';
import type { IdentityMapping } from '../config.js';

/** What Pléiade keeps of an OpenID Connect identity, once the claims are mapped. */
export interface MappedIdentity {
  issuer: string;
  subject: string;
  displayName: string;
  email: string | null;
  /** Login at upstream applications: preferred_username, else the e-mail's local part, else the subject. */
  login: string;
  /** Matricule (`employeeNumber` claim, as LemonLDAP::NG releases it), for time-management reads. */
  employeeNumber?: string | null;
  collectiviteSlug: string;
  groups: string[];
  role: Role;
}

/**
 * Why a valid sign-in gives no identity: no collectivité named (or none with that name or SIREN),
 * a collectivité this provider may not sign people into, or no role there.
 */
export type IdentityProblem = 'NO_COLLECTIVITE' | 'UNKNOWN_COLLECTIVITE' | 'NO_ROLE';

export type MappingResult = { ok: true; identity: MappedIdentity } | { ok: false; problem: IdentityProblem };

/** A person in several role groups gets the highest role (a role without a rank does not compile). */
const ROLE_RANK: Record<Role, number> = { operator: 4, admin: 3, agent: 2, elu: 1 };
export const ROLE_PRECEDENCE = [...ROLES].sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a]);

function readGroups(value: unknown): string[] {
  // LemonLDAP::NG sends an array; other providers a comma- or semicolon-joined string.
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value === 'string') {
    return value
      .split(/[,;]/)
      .map((item) => item.trim())
      .filter(Boolean);
  }
  return [];
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The person's login at upstream applications (Nextcloud user id, Matrix localpart, Dovecot user):
 * the provider's preferred_username (LemonLDAP::NG's uid), else the e-mail's local part.
 */
export function loginOf(claims: Record<string, unknown>, email: string | null, subject: string): string {
  const preferred = readString(claims.preferred_username);
  if (preferred) return preferred;
  const local = email?.slice(0, email.indexOf('@') >= 0 ? email.indexOf('@') : undefined).trim();
  return local || subject;
}

export function roleFromGroups(groups: string[], collectiviteSlug: string, mapping: IdentityMapping): Role | undefined {
  const set = new Set(groups);
  return ROLE_PRECEDENCE.find((role) =>
    mapping.roleGroups[role].some((pattern) => set.has(pattern.replaceAll('{collectivite}', collectiviteSlug))),
  );
}

export function mapClaims(issuer: string, claims: Record<string, unknown>, mapping: IdentityMapping): MappingResult {
  const subject = readString(claims.sub);
  const collectiviteSlug = readString(claims[mapping.collectiviteClaim])?.toLowerCase();
  if (!subject || !collectiviteSlug) return { ok: false, problem: 'NO_COLLECTIVITE' };
  const groups = [...new Set(readGroups(claims[mapping.groupsClaim]))].sort();
  const role = roleFromGroups(groups, collectiviteSlug, mapping);
  if (!role) return { ok: false, problem: 'NO_ROLE' };
  const given = readString(claims.given_name);
  const family = readString(claims.family_name);
  const displayName =
    readString(claims.name) ??
    ([given, family].filter(Boolean).join(' ') || readString(claims.preferred_username) || subject);
  const email = readString(claims.email) ?? null;
  return {
    ok: true,
    identity: {
      issuer,
      subject,
      displayName,
      email,
      login: loginOf(claims, email, subject),
      ...(readString(claims.employeeNumber) ? { employeeNumber: readString(claims.employeeNumber) } : {}),
      collectiviteSlug,
      groups,
      role,
    },
  };
}
