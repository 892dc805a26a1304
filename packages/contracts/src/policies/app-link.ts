import { allow, deny, type Decision } from './decision.js';
import type { AppLinkResource } from './resources.js';
import { administerCollectivite } from './collectivite.js';
import { belongsTo, inAudience, type Subject } from './subject.js';

/** appLink.read — a launcher link: members of its collectivité in its audience. */
export function readAppLink(subject: Subject, link: AppLinkResource): Decision {
  if (!belongsTo(subject, link.collectiviteId)) return deny('other_collectivite');
  if (!inAudience(subject, link.audience)) return deny('not_in_audience');
  return allow(link.audience.length === 0 ? 'member' : 'audience');
}

/**
 * appLink.manage — edit or remove a launcher link: administrators of its collectivité (role
 * first: 403 for agents and élus; another collectivité's link does not exist for its administrators).
 */
export function manageAppLink(subject: Subject, link: AppLinkResource): Decision {
  return administerCollectivite(subject, { collectiviteId: link.collectiviteId });
}
