import { describe, expect, it } from 'vitest';
import { WIDGET_KINDS } from '@pleiade/contracts';
import { catalogueKinds } from './Catalogue';

describe('catalogueKinds', () => {
  it('offers every kind while the connectors are unknown', () => {
    expect(catalogueKinds(undefined)).toEqual([...WIDGET_KINDS]);
  });

  it('offers only the built-in widgets when the collectivité has no connector', () => {
    expect(catalogueKinds(new Set())).toEqual(['welcome', 'app-launcher', 'notes', 'announcements', 'indicator']);
    expect(catalogueKinds(new Set(['news']))).toContain('news');
  });

  it('offers indicators when the collectivité has a business application or GLPI', () => {
    expect(catalogueKinds(new Set(['business']))).toContain('business-data');
    expect(catalogueKinds(new Set(['glpi']))).toContain('business-data');
    expect(catalogueKinds(new Set(['nextcloud']))).not.toContain('business-data');
  });

  it('offers mail and agenda for an IMAP or CalDAV server, Nextcloud widgets for Nextcloud', () => {
    expect(catalogueKinds(new Set(['imap']))).toContain('mail');
    expect(catalogueKinds(new Set(['imap']))).not.toContain('agenda');
    expect(catalogueKinds(new Set(['caldav']))).toContain('agenda');
    expect(catalogueKinds(new Set(['nextcloud']))).toEqual([
      'welcome',
      'app-launcher',
      'notes',
      'nextcloud-notifications',
      'nextcloud-files',
      'nextcloud-dashboard',
      'todo',
      'announcements',
      'indicator',
    ]);
    expect(catalogueKinds(new Set(['zimbra', 'matrix', 'jitsi']))).toEqual([
      'welcome',
      'app-launcher',
      'notes',
      'mail',
      'agenda',
      'chat',
      'visio',
      'todo',
      'announcements',
      'indicator',
    ]);
  });
});
