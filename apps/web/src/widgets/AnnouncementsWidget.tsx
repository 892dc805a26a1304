import { useQuery } from '@tanstack/react-query';
import { announcementsQueryKey, fetchMyAnnouncements } from '../api/announcements';
import { errorMessage } from '../api/errors';
import { AnnouncementItem } from '../announcements/AnnouncementItem';
import type { WidgetProps } from './types';
import './widgets.css';

/** The announcements of the collectivité that reach the person now (banners show above the board). */
export default function AnnouncementsWidget(_props: WidgetProps<'announcements'>) {
  const query = useQuery({
    queryKey: announcementsQueryKey,
    queryFn: ({ signal }) => fetchMyAnnouncements(signal),
    refetchInterval: 5 * 60_000,
  });
  if (query.isPending) {
    return (
      <p className="widget-state" role="status">
        Chargement des annonces…
      </p>
    );
  }
  if (query.isError) {
    return (
      <p className="widget-state" role="alert">
        Les annonces n’ont pas pu être chargées. {errorMessage(query.error)}
      </p>
    );
  }
  const { announcements } = query.data;
  if (announcements.length === 0) return <p className="widget-state">Aucune annonce pour le moment</p>;
  return (
    <ul className="cw-list announcement-list" aria-label="Annonces de votre collectivité">
      {announcements.map((announcement) => (
        <li key={announcement.id} className="cw-item">
          <AnnouncementItem announcement={announcement} headingLevel={3} />
        </li>
      ))}
    </ul>
  );
}
