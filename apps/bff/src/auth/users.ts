import type { Role as DbRole } from '../generated/prisma/client.js';
import { isLanguage, type Role } from '@pleiade/contracts';
import type { Db } from '../db/client.js';
import type { MappedIdentity } from './identity.js';
import { loginOf } from './identity.js';
import type { LoadedPrincipal } from './principal.js';

export const toDbRole: Record<Role, DbRole> = { agent: 'AGENT', elu: 'ELU', admin: 'ADMIN', operator: 'OPERATOR' };
const fromDbRole: Record<DbRole, Role> = { AGENT: 'agent', ELU: 'elu', ADMIN: 'admin', OPERATOR: 'operator' };

export type ProvisionResult = { ok: true; userId: string } | { ok: false; problem: 'UNKNOWN_COLLECTIVITE' };

/**
 * Creates the user at first sign-in and refreshes name, groups and role at every sign-in.
 * A user stays bound to the collectivité of their first sign-in: a token naming another one
 * is refused rather than moving their data across tenants.
 */
export async function provisionUser(db: Db, identity: MappedIdentity): Promise<ProvisionResult> {
  const collectivite = await db.collectivite.findUnique({ where: { slug: identity.collectiviteSlug } });
  if (!collectivite) return { ok: false, problem: 'UNKNOWN_COLLECTIVITE' };
  const profile = {
    displayName: identity.displayName,
    email: identity.email,
    login: identity.login,
    // Kept as the provider last sent it (a person whose matricule is withdrawn loses it).
    employeeNumber: identity.employeeNumber ?? null,
    groups: identity.groups,
    role: toDbRole[identity.role],
    lastLoginAt: new Date(),
  };
  const user = await db.user.upsert({
    where: { issuer_subject: { issuer: identity.issuer, subject: identity.subject } },
    create: { issuer: identity.issuer, subject: identity.subject, collectiviteId: collectivite.id, ...profile },
    update: profile,
  });
  if (user.collectiviteId !== collectivite.id) return { ok: false, problem: 'UNKNOWN_COLLECTIVITE' };
  return { ok: true, userId: user.id };
}

export async function loadPrincipal(db: Db, userId: string): Promise<LoadedPrincipal | undefined> {
  const user = await db.user.findUnique({ where: { id: userId }, include: { collectivite: true } });
  if (!user) return undefined;
  return {
    userId: user.id,
    displayName: user.displayName,
    email: user.email,
    // Null until the person signs in again after the column was added.
    login: user.login ?? loginOf({}, user.email, user.subject),
    role: fromDbRole[user.role],
    groups: user.groups,
    collectiviteId: user.collectiviteId,
    collectiviteSlug: user.collectivite.slug,
    collectiviteName: user.collectivite.name,
    language: isLanguage(user.language) ? user.language : null,
  };
}
