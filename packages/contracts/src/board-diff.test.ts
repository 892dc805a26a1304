import { describe, expect, it } from 'vitest';
import { describeChange, diffBoards, sameJson, type DiffableWidget } from './board-diff.js';

const W1 = '00000000-0000-4000-8000-000000000001';
const W2 = '00000000-0000-4000-8000-000000000002';
const W3 = '00000000-0000-4000-8000-000000000003';

const widget = (
  id: string,
  kind: string,
  x: number,
  y: number,
  extra: Partial<DiffableWidget> = {},
): DiffableWidget => ({
  id,
  kind,
  options: {},
  layout: { lg: { x, y, w: 4, h: 4 } },
  locked: false,
  audience: [],
  ...extra,
});

describe('describeChange', () => {
  it('says in French what was added, with its lock and restriction', () => {
    const [added] = diffBoards(
      { name: 'B', audience: [], priority: 1, widgets: [] },
      {
        name: 'B',
        audience: [],
        priority: 1,
        widgets: [widget(W1, 'notes', 4, 2, { locked: true, audience: ['elus', 'dgs'] })],
      },
    );
    expect(added && describeChange(added)).toBe(
      '« Notes » ajouté en colonne 5, ligne 3 (verrouillé ; réservé aux groupes : elus, dgs).',
    );
  });
});

describe('diffBoards', () => {
  it('lists what was added, moved, resized, configured, locked, restricted and removed', () => {
    const before = {
      name: 'Services',
      audience: ['agents'],
      priority: 1,
      widgets: [widget(W1, 'notes', 0, 0, { options: { text: 'a' } }), widget(W2, 'mail', 4, 0)],
    };
    const after = {
      name: 'Services municipaux',
      audience: ['agents', 'finances'],
      priority: 2,
      widgets: [
        widget(W1, 'notes', 4, 0, { options: { text: 'b' }, locked: true, layout: { lg: { x: 4, y: 0, w: 6, h: 4 } } }),
        widget(W3, 'agenda', 0, 4, { audience: ['finances'] }),
      ],
    };
    expect(diffBoards(before, after)).toEqual([
      { type: 'renamed', from: 'Services', to: 'Services municipaux' },
      { type: 'audience', from: ['agents'], to: ['agents', 'finances'] },
      { type: 'priority', from: 1, to: 2 },
      {
        type: 'widget-moved',
        widgetId: W1,
        kind: 'notes',
        breakpoint: 'lg',
        from: { x: 0, y: 0, w: 4, h: 4 },
        to: { x: 4, y: 0, w: 6, h: 4 },
      },
      {
        type: 'widget-resized',
        widgetId: W1,
        kind: 'notes',
        breakpoint: 'lg',
        from: { x: 0, y: 0, w: 4, h: 4 },
        to: { x: 4, y: 0, w: 6, h: 4 },
      },
      { type: 'widget-configured', widgetId: W1, kind: 'notes' },
      { type: 'widget-locked', widgetId: W1, kind: 'notes' },
      {
        type: 'widget-added',
        widgetId: W3,
        kind: 'agenda',
        position: { x: 0, y: 4, w: 4, h: 4 },
        locked: false,
        audience: ['finances'],
      },
      { type: 'widget-removed', widgetId: W2, kind: 'mail' },
    ]);
  });

  it('finds nothing between equal versions, whatever the order of keys and groups', () => {
    const board = {
      name: 'B',
      audience: ['a', 'b'],
      priority: 1,
      widgets: [widget(W1, 'notes', 0, 0, { options: { text: 'x' } })],
    };
    const same = {
      ...board,
      audience: ['b', 'a'],
      widgets: [{ ...board.widgets[0], options: { text: 'x' } } as DiffableWidget],
    };
    expect(diffBoards(board, same)).toEqual([]);
    expect(sameJson({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(true);
  });

  it('tells a move on a smaller screen from one on the large screen', () => {
    const before = {
      name: 'B',
      audience: [],
      priority: 1,
      widgets: [
        widget(W1, 'notes', 0, 0, { layout: { lg: { x: 0, y: 0, w: 4, h: 4 }, sm: { x: 0, y: 0, w: 6, h: 4 } } }),
      ],
    };
    const after = {
      ...before,
      widgets: [
        widget(W1, 'notes', 0, 0, { layout: { lg: { x: 0, y: 0, w: 4, h: 4 }, sm: { x: 0, y: 4, w: 6, h: 4 } } }),
      ],
    };
    expect(diffBoards(before, after)).toEqual([
      {
        type: 'widget-moved',
        widgetId: W1,
        kind: 'notes',
        breakpoint: 'sm',
        from: { x: 0, y: 0, w: 6, h: 4 },
        to: { x: 0, y: 4, w: 6, h: 4 },
      },
    ]);
  });
});
