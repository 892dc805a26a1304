import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { announcementsQueryKey, fetchMyAnnouncements } from '../api/announcements';
import { errorMessage } from '../api/errors';
import { AnnouncementItem } from '../announcements/AnnouncementItem';
import type { WidgetProps } from './types';
import './widgets.css';

/** The announcements of the collectivité that reach the person now (banners show above the board). */
export default function AnnouncementsWidget(_props: WidgetProps<'announcements'>) {
  const { t } = useTranslation('widgets');
  const query = useQuery({
    queryKey: announcementsQueryKey,
    queryFn: ({ signal }) => fetchMyAnnouncements(signal),
    refetchInterval: 5 * 60_000,
  });
  if (query.isPending) {
    return (
      <p className="widget-state" role="status">
        {t('announcements.loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <p className="widget-state" role="alert">
        {t('announcements.loadFailed', { reason: errorMessage(query.error) })}
      </p>
    );
  }
  const { announcements } = query.data;
  if (announcements.length === 0) return <p className="widget-state">{t('announcements.empty')}</p>;
  return (
    <ul className="cw-list announcement-list" aria-label={t('announcements.listLabel')}>
      {announcements.map((announcement) => (
        <li key={announcement.id} className="cw-item">
          <AnnouncementItem announcement={announcement} headingLevel={3} />
        </li>
      ))}
    </ul>
  );
}
