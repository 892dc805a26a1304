import { allow, deny, type Decision, type Grant } from './decision.js';
import type { CollectiviteResource } from './resources.js';
import { belongsTo, hasAdministratorRole, type Subject } from './subject.js';

/** The grant of someone allowed as an administrator: the operator is told apart. */
export function administratorGrant(subject: Subject): Grant {
  return subject.role === 'operator' ? 'operator' : 'administrator';
}

/** collectivite.createBoard — a new personal board: every member except élus. */
export function createBoard(subject: Subject, collectivite: CollectiviteResource): Decision {
  if (!belongsTo(subject, collectivite.collectiviteId)) return deny('other_collectivite');
  return subject.role === 'elu' ? deny('elected_official') : allow('member');
}

/**
 * Administering the collectivité (its connectors, templates, published boards, audit log). Role
 * before tenant: agents and élus get 403 whatever the collectivité; an administrator of another
 * collectivité learns nothing of this one (concealed).
 */
export function administerCollectivite(subject: Subject, collectivite: CollectiviteResource): Decision {
  if (!hasAdministratorRole(subject)) return deny('administrators_only');
  if (!belongsTo(subject, collectivite.collectiviteId)) return deny('other_collectivite');
  return allow(administratorGrant(subject));
}

/** collectivite.readLook — its name, logo and colour: every member. */
export function readCollectivite(subject: Subject, collectivite: CollectiviteResource): Decision {
  if (!belongsTo(subject, collectivite.collectiviteId)) return deny('other_collectivite');
  return allow('member');
}
