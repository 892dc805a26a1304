import { describe, expect, it } from 'vitest';
import { WIDGET_KINDS } from '@pleiade/contracts';
import { catalogueKinds } from './Catalogue';

describe('catalogueKinds', () => {
  it('offers every kind while the connectors are unknown', () => {
    expect(catalogueKinds(undefined)).toEqual([...WIDGET_KINDS]);
  });

  it('offers only the built-in widgets when the collectivité has no connector', () => {
    expect(catalogueKinds(new Set())).toEqual(['welcome', 'app-launcher', 'notes', 'indicator']);
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
      'indicator',
    ]);
  });
});
