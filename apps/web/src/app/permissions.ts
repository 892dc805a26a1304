import { can, type Me, type Subject } from '@pleiade/contracts';

/**
 * The SPA asks the same policies as the BFF (@pleiade/contracts), only to hide what a person cannot
 * do: the BFF enforces them on every request anyway.
 */
export function subjectOf(me: Me): Subject {
  return { userId: me.id, collectiviteId: me.collectivite.id, role: me.role, groups: me.groups };
}

/** Whether to offer the administration at all (policy `collectivite.administer`). */
export function canAdminister(me: Me): boolean {
  return can(subjectOf(me), 'collectivite.administer', { collectiviteId: me.collectivite.id });
}

/**
 * Whether the connector form lets the person change the private networks (policy
 * `connector.allowPrivateNetworks`: the installation's operator); others see them read-only.
 */
export function canAllowPrivateNetworks(me: Me): boolean {
  return can(subjectOf(me), 'connector.allowPrivateNetworks', { collectiviteId: me.collectivite.id });
}
