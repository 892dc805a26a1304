import type { Role } from '../identity.js';

/**
 * Who asks: what the policies need to know of the signed-in person. The BFF's `Principal` is one;
 * the SPA builds one from `/api/me`.
 */
export interface Subject {
  userId: string;
  collectiviteId: string;
  role: Role;
  groups: readonly string[];
}

export function belongsTo(subject: Subject, collectiviteId: string): boolean {
  return subject.collectiviteId === collectiviteId;
}

/** Roles that administer a collectivité: its administrators, and the installation's operator. */
export function hasAdministratorRole(subject: Subject): boolean {
  return subject.role === 'admin' || subject.role === 'operator';
}

/**
 * Administrators of this collectivité. The operator of the installation counts as an administrator
 * of their own collectivité only (administering any collectivité comes later: change it here).
 */
export function administers(subject: Subject, collectiviteId: string): boolean {
  return hasAdministratorRole(subject) && belongsTo(subject, collectiviteId);
}

/**
 * An audience is a list of groups; empty means every member of the collectivité (the convention of
 * launcher links too). The caller checks the collectivité.
 */
export function inAudience(subject: Subject, audience: readonly string[]): boolean {
  return audience.length === 0 || audience.some((group) => subject.groups.includes(group));
}

/**
 * The audience of a template or published board: a board with no audience yet is for nobody but
 * its administrators (a draft), never for everyone by omission.
 */
export function inSharedAudience(subject: Subject, audience: readonly string[]): boolean {
  return audience.length > 0 && inAudience(subject, audience);
}
