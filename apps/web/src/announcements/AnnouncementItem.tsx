import type { Announcement, AnnouncementSeverity } from '@pleiade/contracts';
import { useTranslation } from 'react-i18next';
import './announcements.css';

/** Icons drawn here (no third-party request); the severity's word always goes with them. */
const ICONS: Record<AnnouncementSeverity, string> = {
  information: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2v6zm0-8h-2V7h2v2z',
  important: 'M12 2 1 21h22L12 2zm1 15h-2v-2h2v2zm0-4h-2V9h2v4z',
  urgent: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 13h-2v-2h2v2zm0-4h-2V6h2v5z',
};

export function SeverityBadge({ severity }: { severity: AnnouncementSeverity }) {
  const { t } = useTranslation('common');
  return (
    <span className={`severity severity-${severity}`}>
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path d={ICONS[severity]} fill="currentColor" />
      </svg>
      {t(`severity.${severity}`)}
    </span>
  );
}

/** One announcement: its severity in words, its title and text (plain text, as typed). */
export function AnnouncementItem({
  announcement,
  headingLevel,
}: {
  announcement: Pick<Announcement, 'title' | 'body' | 'severity'>;
  /** A banner sits above the page's h1: its title is no heading there. */
  headingLevel: 3 | null;
}) {
  const Heading = headingLevel === 3 ? 'h3' : 'p';
  return (
    <div className={`announcement announcement-${announcement.severity}`}>
      <Heading className="announcement-title">
        <SeverityBadge severity={announcement.severity} />
        <span>{announcement.title}</span>
      </Heading>
      {announcement.body !== '' && <p className="announcement-body">{announcement.body}</p>}
    </div>
  );
}
