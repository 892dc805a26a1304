import { afterEach, describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Announcement, MyAnnouncements } from '@pleiade/contracts';
import { announcementsQueryKey } from '../api/announcements';
import { setLanguage } from '../i18n';
import { testId } from '../test/factories';
import { AnnouncementBanners } from './AnnouncementBanners';
import { SeverityBadge } from './AnnouncementItem';

function banner(title: string, severity: Announcement['severity']): Announcement {
  return {
    id: testId(),
    title,
    body: 'Les services seront fermés.',
    severity,
    placement: 'banner',
    startsAt: '2026-12-01T08:00:00+01:00',
    endsAt: null,
  };
}

/** The banners as a person's board shows them, already read from the BFF. */
function renderBanners(data: MyAnnouncements): string {
  const client = new QueryClient();
  client.setQueryData(announcementsQueryKey, data);
  return renderToStaticMarkup(
    <QueryClientProvider client={client}>
      <AnnouncementBanners />
    </QueryClientProvider>,
  );
}

afterEach(async () => {
  await setLanguage('fr');
});

describe('announcement banners in English', () => {
  it('name the region, the severity and closing in English; the announcement itself as written', async () => {
    await setLanguage('en');
    const html = renderBanners({ banners: [banner('Fermeture exceptionnelle', 'important')], announcements: [] });
    expect(html).toContain('aria-label="Announcements from your local authority"');
    expect(html).toContain('</svg>Important</span>');
    expect(html).toContain('aria-label="Close the banner “Fermeture exceptionnelle”">Close</button>');
    expect(html).toContain('Les services seront fermés.');
    expect(html).not.toMatch(/Annonces de|Fermer/);
  });

  it('give every severity its word in both languages', async () => {
    const words = () =>
      (['information', 'important', 'urgent'] as const).map((severity) =>
        renderToStaticMarkup(<SeverityBadge severity={severity} />).replace(/<[^>]+>/g, ''),
      );
    expect(words()).toEqual(['Information', 'Important', 'Urgent']);
    await setLanguage('en');
    expect(words()).toEqual(['Information', 'Important', 'Urgent']);
    expect(renderBanners({ banners: [banner('Alerte', 'urgent')], announcements: [] })).toContain(
      'aria-label="Close the banner “Alerte”"',
    );
  });
});
