import { allow, deny, type Decision } from './decision.js';
import type { AnnouncementResource } from './resources.js';
import { belongsTo, inAudience, type Subject } from './subject.js';

/**
 * announcement.read — a banner or an entry of the « Annonces » widget: members of its collectivité
 * in its audience (empty: every member). Whether it is shown now also depends on its window
 * (announcements.ts: `reaches`).
 */
export function readAnnouncement(subject: Subject, announcement: AnnouncementResource): Decision {
  if (!belongsTo(subject, announcement.collectiviteId)) return deny('other_collectivite');
  if (!inAudience(subject, announcement.audience)) return deny('not_in_audience');
  return allow(announcement.audience.length === 0 ? 'member' : 'audience');
}
