import { describe, expect, it } from 'vitest';
import { ADMIN_HASH, viewFromHash } from '../admin-route';
import { ADMIN_NAVIGATION, adminSectionOf, boardHash, historyHash } from './sections';

const ID = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';

describe('the administration’s sections', () => {
  it('are hashes below #/administration, each with its section', () => {
    expect(adminSectionOf(ADMIN_HASH)).toEqual({ name: 'connectors' });
    expect(adminSectionOf('#/administration/tableaux')).toEqual({ name: 'boards' });
    expect(adminSectionOf(boardHash(ID))).toEqual({ name: 'board', boardId: ID });
    expect(adminSectionOf(historyHash(ID))).toEqual({ name: 'history', boardId: ID });
    expect(adminSectionOf('#/administration/publics')).toEqual({ name: 'audiences' });
    expect(adminSectionOf('#/administration/journal')).toEqual({ name: 'journal' });
    expect(adminSectionOf('#/administration/apparence')).toEqual({ name: 'look' });
    expect(adminSectionOf('#/administration/annonces')).toEqual({ name: 'announcements' });
    expect(adminSectionOf('#/administration/donnees-metier')).toEqual({ name: 'data-sources' });
    expect(adminSectionOf('#/administration/indicateurs')).toEqual({ name: 'indicators' });
    expect(adminSectionOf('#/administration/tableaux/pas-un-id')).toEqual({ name: 'connectors' });
    for (const entry of ADMIN_NAVIGATION) expect(viewFromHash(entry.hash)).toBe('administration');
  });

  it('each have one entry of the navigation', () => {
    const named = ADMIN_NAVIGATION.flatMap((entry) => entry.sections);
    expect([...named].sort()).toEqual([
      'announcements',
      'audiences',
      'board',
      'boards',
      'connectors',
      'data-sources',
      'history',
      'indicators',
      'journal',
      'look',
    ]);
  });
});
