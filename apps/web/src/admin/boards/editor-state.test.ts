import { describe, expect, it } from 'vitest';
import { describeChange, type SharedBoard } from '@pleiade/contracts';
import { testId, widget } from '../../test/factories';
import {
  addWidget,
  deriveNarrower,
  draftOf,
  pendingChanges,
  publishRequestOf,
  withAccess,
  withNoteText,
  withoutWidget,
} from './editor-state';

function board(): SharedBoard {
  const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const notes = widget('notes', { x: 4, y: 0, w: 4, h: 4 }, { options: { text: 'Ordre du jour' } });
  return {
    id: testId(),
    kind: 'published',
    name: 'Conseil municipal',
    audience: ['elus'],
    priority: 1,
    version: 3,
    revision: 2,
    updatedAt: '2026-12-04T09:42:00.000Z',
    copies: 0,
    widgets: [
      { ...welcome, locked: true, audience: [] },
      { ...notes, locked: false, audience: ['commission-finances'] },
    ],
  };
}

describe('the draft of a board in the administration', () => {
  it('publishes what it was given unchanged, and then nothing is pending', () => {
    const shared = board();
    const draft = draftOf(shared);
    expect(draft.audienceText).toBe('elus');
    expect(publishRequestOf(draft, 3)).toEqual({
      version: 3,
      name: 'Conseil municipal',
      audience: ['elus'],
      priority: 1,
      widgets: shared.widgets,
    });
    expect(pendingChanges(shared, draft)).toEqual([]);
  });

  it('lists in French what publishing would change', () => {
    const shared = board();
    const [welcome, notes] = shared.widgets;
    let draft = draftOf(shared);
    draft = { ...draft, audienceText: 'elus, commission-travaux' };
    draft = withAccess(draft, welcome?.id ?? '', { locked: false });
    draft = withNoteText(draft, notes?.id ?? '', 'Ordre du jour modifié');
    draft = withAccess(draft, notes?.id ?? '', { audience: [] });
    draft = addWidget(draft, 'agenda', testId());
    draft = withoutWidget(draft, welcome?.id ?? '');
    expect(pendingChanges(shared, draft).map((change) => describeChange(change))).toEqual([
      'Public : elus, commission-travaux (avant : elus).',
      'Réglages de « Notes » modifiés.',
      '« Notes » de nouveau visible par tout le public du tableau.',
      '« Agenda » ajouté en colonne 9, ligne 1.',
      '« Bienvenue » retiré.',
    ]);
    expect(publishRequestOf(draft, 3).widgets.map((w) => [w.kind, w.locked, w.audience])).toEqual([
      ['notes', false, []],
      ['agenda', false, []],
    ]);
  });
});

describe('an arrangement on one screen size', () => {
  it('lets the narrower ones be derived again from it', () => {
    const full = widget(
      'notes',
      { x: 0, y: 0, w: 4, h: 4 },
      {
        layout: { md: { x: 0, y: 0, w: 4, h: 4 }, sm: { x: 0, y: 0, w: 2, h: 4 }, xs: { x: 0, y: 0, w: 1, h: 4 } },
      },
    );
    expect(Object.keys(deriveNarrower([full], 'md')[0]?.layout ?? {})).toEqual(['lg', 'md']);
    expect(Object.keys(deriveNarrower([full], 'lg')[0]?.layout ?? {})).toEqual(['lg']);
    expect(deriveNarrower([full], 'xs')[0]).toBe(full);
  });
});
