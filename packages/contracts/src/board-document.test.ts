import { describe, expect, it } from 'vitest';
import { BOARD_DOCUMENT_FORMAT, parseBoardDocument, toBoardDocument } from './board-document.js';

const layout = (x: number, y: number, w = 4, h = 4) => ({ lg: { x, y, w, h } });

function document(overrides: Record<string, unknown> = {}) {
  return {
    format: BOARD_DOCUMENT_FORMAT,
    formatVersion: 1,
    kind: 'template',
    name: 'Services techniques',
    audience: ['services-techniques'],
    priority: 2,
    widgets: [
      { kind: 'welcome', options: {}, layout: layout(0, 0), locked: true },
      { kind: 'notes', options: { text: 'Astreintes' }, layout: layout(4, 0), audience: ['astreinte'] },
    ],
    ...overrides,
  };
}

describe('parseBoardDocument', () => {
  it('reads a valid document, with locks and audiences', () => {
    const result = parseBoardDocument(document());
    expect(result).toEqual({
      ok: true,
      board: {
        kind: 'template',
        name: 'Services techniques',
        audience: ['services-techniques'],
        priority: 2,
        widgets: [
          { kind: 'welcome', options: {}, layout: layout(0, 0), locked: true, audience: [] },
          {
            kind: 'notes',
            options: { text: 'Astreintes' },
            layout: layout(4, 0),
            locked: false,
            audience: ['astreinte'],
          },
        ],
      },
    });
  });

  it('reads back what it exports', () => {
    const exported = toBoardDocument({
      kind: 'published',
      name: 'Conseil municipal',
      audience: ['elus'],
      priority: 1,
      widgets: [
        {
          id: '00000000-0000-4000-8000-000000000001',
          kind: 'notes',
          options: { text: 'Ordre du jour' },
          layout: layout(0, 0),
          locked: false,
          audience: [],
        },
      ],
    });
    const result = parseBoardDocument(JSON.parse(JSON.stringify(exported)));
    expect(result.ok && result.board.widgets).toEqual([
      { kind: 'notes', options: { text: 'Ordre du jour' }, layout: layout(0, 0), locked: false, audience: [] },
    ]);
  });

  it('refuses unknown kinds and bad geometry with one French message per problem', () => {
    const result = parseBoardDocument(
      document({
        widgets: [
          { kind: 'meteo', options: {}, layout: layout(0, 0) },
          { kind: 'notes', options: { text: 'ok' }, layout: { lg: { x: 10, y: 0, w: 4, h: 40 } } },
          { kind: 'welcome', options: {}, layout: { lg: { x: -1, y: 0.5, w: 4, h: 3 } } },
          { kind: 'agenda', options: {}, layout: { md: { x: 0, y: 0, w: 4, h: 4 } } },
          { kind: 'mail', options: {}, layout: layout(0, 20) },
          { kind: 'chat', options: {}, layout: layout(2, 22) },
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      {
        path: 'widgets.0.kind',
        message: expect.stringMatching(/^Widget n° 1 : le type « meteo » n’existe pas dans cette version de Pléiade/u),
      },
      {
        path: 'widgets.1.layout.lg.x',
        message:
          'Widget n° 2 (Notes) sur grand écran (lg) : il dépasse la grille de 12 colonnes (colonne 11, largeur 4).',
      },
      {
        path: 'widgets.1.layout.lg.h',
        message: 'Widget n° 2 (Notes) sur grand écran (lg) : hauteur 40 hors limites pour ce type (de 2 à 16).',
      },
      {
        path: 'widgets.2.layout.lg.x',
        message:
          'Widget n° 3 (Bienvenue) sur grand écran (lg) : la colonne (x) doit être un nombre entier positif ou nul.',
      },
      {
        path: 'widgets.2.layout.lg.y',
        message:
          'Widget n° 3 (Bienvenue) sur grand écran (lg) : la ligne (y) doit être un nombre entier positif ou nul.',
      },
      { path: 'widgets.3.layout.lg', message: 'Widget n° 4 (Agenda) : sa position sur grand écran (lg) manque.' },
      {
        path: 'widgets.5.layout.lg',
        message: 'Widget n° 6 (Messagerie instantanée) sur grand écran (lg) : il chevauche le widget n° 5.',
      },
    ]);
  });

  it('words problems of the document itself and of options in French', () => {
    const result = parseBoardDocument({
      format: 'grafana',
      formatVersion: 3,
      kind: 'personal',
      name: '',
      audience: 'elus',
      extra: true,
      widgets: [{ kind: 'notes', options: { text: 42 }, layout: layout(0, 0), colour: 'red' }],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const messages = result.problems.map((problem) => `${problem.path}: ${problem.message}`);
    expect(messages).toEqual([
      'extra: « extra » n’est pas une propriété d’un tableau Pléiade.',
      'format: Ce fichier n’est pas un tableau Pléiade : « format » doit valoir « pleiade.board ».',
      'formatVersion: Version de format non prise en charge : cette version de Pléiade lit la version 1.',
      'kind: « kind » vaut « template » (un modèle) ou « published » (un tableau publié).',
      'name: Donnez un nom au tableau.',
      'audience: Le public est une liste de groupes.',
      'widgets.0.colour: Widget n° 1 : « colour » n’est pas une propriété d’un widget.',
      expect.stringMatching(/^widgets\.0\.options\.text: Widget n° 1 \(Notes\), réglages : Entrée invalide/u),
    ]);
    expect(parseBoardDocument('[]')).toEqual({
      ok: false,
      problems: [{ path: '', message: 'Ce fichier n’est pas un tableau Pléiade : un objet JSON est attendu.' }],
    });
  });

  it('refuses more widgets of a kind than a board may hold, and duplicate ids', () => {
    const id = '00000000-0000-4000-8000-000000000009';
    const result = parseBoardDocument(
      document({
        widgets: [
          { id, kind: 'welcome', options: {}, layout: layout(0, 0) },
          { id, kind: 'welcome', options: {}, layout: layout(4, 0) },
        ],
      }),
    );
    expect(result.ok ? [] : result.problems.map((problem) => problem.message)).toEqual([
      'Widget n° 2 : même identifiant que le widget n° 1.',
      'Widget n° 2 (Bienvenue) : au plus 1 widget(s) de ce type par tableau.',
    ]);
  });
});
