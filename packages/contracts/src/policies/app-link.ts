import { allow, deny, type Decision } from './decision.js';
import type { AppLinkResource } from './resources.js';
import { belongsTo, inAudience, type Subject } from './subject.js';

/** appLink.read — a launcher link: members of its collectivité in its audience. */
export function readAppLink(subject: Subject, link: AppLinkResource): Decision {
  if (!belongsTo(subject, link.collectiviteId)) return deny('other_collectivite');
  if (!inAudience(subject, link.audience)) return deny('not_in_audience');
  return allow(link.audience.length === 0 ? 'member' : 'audience');
}
