import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyAnnouncements } from '@pleiade/contracts';
import { announcementsQueryKey, dismissBanner, fetchMyAnnouncements } from '../api/announcements';
import { errorMessage } from '../api/errors';
import { AnnouncementItem } from './AnnouncementItem';
import './announcements.css';

/**
 * The banners that reach the person, above the board, most urgent first. « Fermer » hides one for
 * this person for good (kept by the BFF); focus then goes to the next banner or to the board.
 * Nothing shows while loading or when the request fails: banners never stand between a person and
 * their board.
 */
export function AnnouncementBanners() {
  const { t } = useTranslation('common');
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: announcementsQueryKey,
    queryFn: ({ signal }) => fetchMyAnnouncements(signal),
    refetchInterval: 5 * 60_000,
  });
  const [problem, setProblem] = useState('');
  const dismiss = useMutation({
    mutationFn: dismissBanner,
    onMutate: (id) => {
      setProblem('');
      queryClient.setQueryData<MyAnnouncements>(announcementsQueryKey, (current) =>
        current ? { ...current, banners: current.banners.filter((banner) => banner.id !== id) } : current,
      );
    },
    onError: (error) => {
      setProblem(t('announcements.closeFailed', { reason: errorMessage(error) }));
      void queryClient.invalidateQueries({ queryKey: announcementsQueryKey });
    },
  });
  const banners = query.data?.banners ?? [];
  if (banners.length === 0 && problem === '') return null;
  return (
    <section className="banners" aria-label={t('announcements.region')}>
      {banners.map((banner) => (
        <div key={banner.id} className={`banner banner-${banner.severity}`} role="note">
          <AnnouncementItem announcement={banner} headingLevel={null} />
          <button
            type="button"
            className="button button-secondary banner-close"
            onClick={() => dismiss.mutate(banner.id)}
            aria-label={t('announcements.closeBanner', { title: banner.title })}
          >
            {t('announcements.close')}
          </button>
        </div>
      ))}
      {problem !== '' && (
        <p className="banner-problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
