import { describe, expect, it } from 'vitest';
import {
  BREAKPOINT_NAMES,
  MAX_WIDGETS_PER_BOARD,
  WIDGET_CONTRACTS,
  boardWidgetsSchema,
  isUnavailable,
  type BoardWidget,
} from '@pleiade/contracts';
import { unavailableWidget, widget } from '../test/factories';
import {
  addBlocker,
  GRID_COMPACTOR,
  applyGridLayout,
  breakpointForWidth,
  colsOf,
  createWidget,
  gridLayoutFor,
  inReadingOrder,
  moveWidget,
  reconfigureBlocker,
  reconfigureWidget,
  removeWidget,
  resizeWidget,
  restoreWidget,
  shownPosition,
  updateWidgetOptions,
  type Direction,
} from './layout';

const NEW_ID = '11111111-1111-4111-8111-111111111111';

function positionsOf(layout: ReturnType<typeof gridLayoutFor>) {
  return layout.map(({ i, x, y, w, h }) => ({ i, x, y, w, h }));
}

describe('breakpointForWidth', () => {
  it('follows the minimum widths of the contracts', () => {
    expect(breakpointForWidth(1440)).toBe('lg');
    expect(breakpointForWidth(1200)).toBe('lg');
    expect(breakpointForWidth(1199)).toBe('md');
    expect(breakpointForWidth(996)).toBe('md');
    expect(breakpointForWidth(995)).toBe('sm');
    expect(breakpointForWidth(600)).toBe('sm');
    expect(breakpointForWidth(599)).toBe('xs');
    expect(breakpointForWidth(0)).toBe('xs');
  });
});

describe('gridLayoutFor', () => {
  it('derives a missing breakpoint from the nearest wider one and compacts it', () => {
    const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const b = widget('notes', { x: 8, y: 0, w: 4, h: 4 }, { layout: { md: { x: 6, y: 0, w: 4, h: 4 } } });
    expect(positionsOf(gridLayoutFor([a, b], 'md'))).toEqual([
      { i: a.id, x: 0, y: 0, w: 4, h: 3 },
      { i: b.id, x: 6, y: 0, w: 4, h: 4 },
    ]);
    // The tablet's two columns: side by side; the phone's one column: stacked.
    expect(positionsOf(gridLayoutFor([a, b], 'sm'))).toEqual([
      { i: a.id, x: 0, y: 0, w: 1, h: 3 },
      { i: b.id, x: 1, y: 0, w: 1, h: 4 },
    ]);
    expect(positionsOf(gridLayoutFor([a, b], 'xs'))).toEqual([
      { i: a.id, x: 0, y: 0, w: 1, h: 3 },
      { i: b.id, x: 0, y: 3, w: 1, h: 4 },
    ]);
  });

  it('carries the size bounds of each kind for the grid', () => {
    const [item] = gridLayoutFor([widget('welcome', { x: 0, y: 0, w: 4, h: 3 })], 'xs');
    expect(item).toMatchObject({ minW: 1, maxW: 1, minH: 2, maxH: 6 });
  });

  it('closes vertical gaps the way the grid does', () => {
    const a = widget('notes', { x: 0, y: 5, w: 4, h: 4 });
    expect(positionsOf(gridLayoutFor([a], 'lg'))).toEqual([{ i: a.id, x: 0, y: 0, w: 4, h: 4 }]);
  });

  it('is what the grid’s compactor keeps, so the grid reports no change on mount', () => {
    const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const b = widget('notes', { x: 8, y: 0, w: 4, h: 4 }, { layout: { sm: { x: 0, y: 9, w: 2, h: 4 } } });
    for (const breakpoint of BREAKPOINT_NAMES) {
      const shown = gridLayoutFor([a, b], breakpoint);
      expect(GRID_COMPACTOR.compact(shown, colsOf(breakpoint))).toEqual(
        shown.map((item) => ({ ...item, moved: false })),
      );
    }
  });

  it('has the grid compactor forget the item being dragged once compacted', () => {
    const [item] = GRID_COMPACTOR.compact([{ i: 'a', x: 0, y: 3, w: 2, h: 2, moved: true }], 12);
    expect(item).toMatchObject({ y: 0, moved: false });
  });
});

describe('applyGridLayout', () => {
  const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const b = widget('app-launcher', { x: 4, y: 0, w: 4, h: 4 });
  const widgets = [a, b];

  it('returns the same list when the grid reports what is shown (mount, breakpoint change)', () => {
    for (const breakpoint of BREAKPOINT_NAMES) {
      const reported = gridLayoutFor(widgets, breakpoint).map((item) => ({ ...item, moved: false, static: false }));
      expect(applyGridLayout(widgets, breakpoint, reported)).toBe(widgets);
    }
  });

  it('stores the breakpoint of every widget when one moved, and keeps the other breakpoints', () => {
    const next = applyGridLayout(widgets, 'md', [
      { i: a.id, x: 4, y: 0, w: 4, h: 3 },
      { i: b.id, x: 0, y: 0, w: 4, h: 4 },
    ]);
    expect(next).not.toBe(widgets);
    expect(next[0]?.layout).toEqual({ lg: a.layout.lg, md: { x: 4, y: 0, w: 4, h: 3 } });
    expect(next[1]?.layout).toEqual({ lg: b.layout.lg, md: { x: 0, y: 0, w: 4, h: 4 } });
  });

  it('saves only valid integers within bounds', () => {
    const next = applyGridLayout(widgets, 'lg', [
      { i: a.id, x: 10.6, y: 0.2, w: 14, h: 99 },
      { i: b.id, x: 4, y: 6, w: 4, h: 4 },
    ]);
    expect(next[0]?.layout.lg).toEqual({ x: 0, y: 0, w: 12, h: 6 });
    expect(boardWidgetsSchema.safeParse(next).success).toBe(true);
  });

  it('ignores items the board does not have', () => {
    const next = applyGridLayout(widgets, 'lg', [
      ...gridLayoutFor(widgets, 'lg'),
      { i: 'ghost', x: 0, y: 9, w: 2, h: 2 },
    ]);
    expect(next).toBe(widgets);
  });
});

describe('createWidget', () => {
  it('places the new widget under everything on every breakpoint, at its default size', () => {
    const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const b = widget('notes', { x: 4, y: 0, w: 4, h: 5 });
    const created = createWidget('app-launcher', [a, b], NEW_ID);
    const { defaultW, defaultH } = WIDGET_CONTRACTS['app-launcher'].size;
    expect(created).toMatchObject({ id: NEW_ID, kind: 'app-launcher', options: {} });
    expect(created.layout.lg).toEqual({ x: 0, y: 5, w: defaultW, h: defaultH });
    expect(created.layout.md).toEqual({ x: 0, y: 5, w: defaultW, h: defaultH });
    // Tablet: half the width, under the taller of the two columns; phone: the one column.
    expect(created.layout.sm).toEqual({ x: 0, y: 5, w: 1, h: defaultH });
    expect(created.layout.xs).toEqual({ x: 0, y: 8, w: 1, h: defaultH });
    expect(boardWidgetsSchema.safeParse([a, b, created]).success).toBe(true);
  });

  it('starts at the top of an empty board with the default options of its kind', () => {
    const created = createWidget('notes', [], NEW_ID);
    expect(created.layout.lg).toEqual({ x: 0, y: 0, w: 4, h: 4 });
    expect(created.options).toEqual({ text: '' });
  });

  it('gives every widget its own copy of the default options', () => {
    const one = createWidget('notes', [], NEW_ID);
    expect(one.options).not.toBe(WIDGET_CONTRACTS.notes.defaultOptions);
  });
});

describe('addBlocker', () => {
  it('blocks a kind at its maximum per board', () => {
    const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    expect(addBlocker([], 'welcome')).toBeNull();
    expect(addBlocker([welcome], 'welcome')).toEqual({ reason: 'kind-limit', max: 1 });
    expect(addBlocker([welcome], 'notes')).toBeNull();
  });

  it('blocks everything on a full board', () => {
    const full = Array.from({ length: MAX_WIDGETS_PER_BOARD }, () => widget('notes', { x: 0, y: 0, w: 2, h: 2 }));
    expect(addBlocker(full, 'welcome')).toEqual({ reason: 'board-limit', max: MAX_WIDGETS_PER_BOARD });
  });
});

describe('removeWidget and updateWidgetOptions', () => {
  it('removes by id', () => {
    const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const b = widget('notes', { x: 4, y: 0, w: 4, h: 4 });
    expect(removeWidget([a, b], a.id)).toEqual([b]);
  });

  it('replaces the text of a note, and refuses options foreign to the kind', () => {
    const note = widget('notes', { x: 0, y: 0, w: 4, h: 4 });
    const welcome = widget('welcome', { x: 4, y: 0, w: 4, h: 3 });
    const widgets = [note, welcome];
    const next = updateWidgetOptions(widgets, note.id, { text: 'Réunion à 14 h' });
    expect(next[0]).toMatchObject({ options: { text: 'Réunion à 14 h' } });
    expect(next[1]).toBe(welcome);
    expect(updateWidgetOptions(widgets, welcome.id, { text: 'x' })).toBe(widgets);
    expect(updateWidgetOptions(widgets, note.id, { text: 'x'.repeat(10_001) })).toBe(widgets);
  });
});

describe('widgets to reconfigure', () => {
  it('take their place on the grid with their kind’s bounds, or generic ones for an unknown kind', () => {
    const broken = unavailableWidget('welcome', { x: 0, y: 2, w: 12, h: 12 });
    const unknown = unavailableWidget(null, { x: 0, y: 9, w: 3, h: 3 });
    expect(positionsOf(gridLayoutFor([broken, unknown], 'lg'))).toEqual([
      { i: broken.id, x: 0, y: 0, w: 12, h: 6 },
      { i: unknown.id, x: 0, y: 6, w: 3, h: 3 },
    ]);
  });

  it('do not count toward their kind’s limit, nor take options', () => {
    const broken = unavailableWidget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    expect(addBlocker([broken], 'welcome')).toBeNull();
    expect(updateWidgetOptions([broken], broken.id, {})).toEqual([broken]);
  });

  it('become a working widget of their kind with its default options, at their place', () => {
    const broken = unavailableWidget(
      'notes',
      { x: 4, y: 0, w: 4, h: 4 },
      { layout: { xs: { x: 0, y: 3, w: 1, h: 4 } } },
    );
    const [reconfigured] = reconfigureWidget([broken], broken.id);
    expect(reconfigured).toEqual({
      id: broken.id,
      kind: 'notes',
      options: { text: '' },
      layout: { lg: { x: 4, y: 0, w: 4, h: 4 }, xs: { x: 0, y: 3, w: 1, h: 4 } },
    });
    expect(reconfigured && isUnavailable(reconfigured)).toBe(false);
  });

  it('cannot be reconfigured when their kind is unknown or at its limit', () => {
    const unknown = unavailableWidget(null, { x: 0, y: 0, w: 4, h: 3 });
    expect(reconfigureBlocker([unknown], unknown.id)).toEqual({ reason: 'unknown-kind' });
    const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const broken = unavailableWidget('welcome', { x: 4, y: 0, w: 4, h: 3 });
    expect(reconfigureBlocker([welcome, broken], broken.id)).toEqual({ reason: 'kind-limit', max: 1 });
    const widgets = [welcome, broken];
    expect(reconfigureWidget(widgets, broken.id)).toBe(widgets);
    expect(reconfigureBlocker([broken], broken.id)).toBeNull();
  });
});

describe('keyboard moves', () => {
  const left = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const right = widget('notes', { x: 4, y: 0, w: 4, h: 4 });
  const below = widget('app-launcher', { x: 0, y: 3, w: 4, h: 4 });
  const widgets = [left, right, below];

  it('moves one column right and reports the new position', () => {
    const result = moveWidget(widgets, right.id, 'lg', 'right');
    expect(result?.position).toEqual({ x: 5, y: 0, w: 4, h: 4 });
    expect(shownPosition(result?.widgets ?? [], right.id, 'lg')).toEqual({ x: 5, y: 0, w: 4, h: 4 });
  });

  it('refuses to leave the grid', () => {
    expect(moveWidget(widgets, left.id, 'lg', 'left')).toBeNull();
    expect(moveWidget(widgets, left.id, 'lg', 'up')).toBeNull();
    const atEdge = [widget('notes', { x: 8, y: 0, w: 4, h: 4 })];
    expect(moveWidget(atEdge, atEdge[0]?.id ?? '', 'lg', 'right')).toBeNull();
  });

  it('moves down past the widget below (they swap), and back up', () => {
    const down = moveWidget(widgets, left.id, 'lg', 'down');
    expect(down).not.toBeNull();
    expect(down?.position.y).toBeGreaterThan(0);
    expect(shownPosition(down?.widgets ?? [], below.id, 'lg')?.y).toBe(0);

    const up = moveWidget(down?.widgets ?? [], left.id, 'lg', 'up');
    expect(up?.position.y).toBe(0);
  });

  it('cannot go down when nothing is below: compaction would pull it back', () => {
    expect(moveWidget(widgets, right.id, 'lg', 'down')).toBeNull();
  });

  it('works on the current breakpoint only', () => {
    const result = moveWidget(widgets, right.id, 'md', 'right');
    expect(result?.widgets[1]?.layout.md).toEqual({ x: 5, y: 0, w: 4, h: 4 });
    expect(result?.widgets[1]?.layout.lg).toEqual(right.layout.lg);
  });
});

describe('keyboard resizing', () => {
  const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const b = widget('notes', { x: 0, y: 3, w: 4, h: 4 });

  it('grows and shrinks by one cell and pushes what is below', () => {
    const taller = resizeWidget([a, b], a.id, 'lg', 'down');
    expect(taller?.position).toEqual({ x: 0, y: 0, w: 4, h: 4 });
    expect(shownPosition(taller?.widgets ?? [], b.id, 'lg')?.y).toBe(4);
    expect(resizeWidget([a, b], a.id, 'lg', 'right')?.position.w).toBe(5);
    expect(resizeWidget([a, b], a.id, 'lg', 'left')?.position.w).toBe(3);
    expect(resizeWidget([a, b], a.id, 'lg', 'up')?.position.h).toBe(2);
  });

  it('stops at the bounds of the kind and of the grid', () => {
    const smallest = widget('welcome', { x: 0, y: 0, w: 2, h: 2 });
    expect(resizeWidget([smallest], smallest.id, 'lg', 'left')).toBeNull();
    expect(resizeWidget([smallest], smallest.id, 'lg', 'up')).toBeNull();
    const tallest = widget('welcome', { x: 0, y: 0, w: 4, h: 6 });
    expect(resizeWidget([tallest], tallest.id, 'lg', 'down')).toBeNull();
    const full = widget('notes', { x: 0, y: 0, w: 2, h: 4 });
    expect(resizeWidget([full], full.id, 'xs', 'right')).toBeNull();
  });
});

describe('any sequence of edits', () => {
  it('always yields a board the server accepts', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const directions: Direction[] = ['left', 'right', 'up', 'down'];
    // Two widgets to reconfigure among them: edits move them too, and they stay as they are.
    let widgets: readonly BoardWidget[] = [
      unavailableWidget('notes', { x: 0, y: 0, w: 4, h: 4 }),
      unavailableWidget(null, { x: 4, y: 0, w: 3, h: 3 }),
    ];
    let ids = 0;
    for (let step = 0; step < 300; step++) {
      const breakpoint = pick(BREAKPOINT_NAMES);
      const action = random();
      if (action < 0.2 || widgets.length === 0) {
        const kind = pick(['welcome', 'app-launcher', 'notes'] as const);
        if (!addBlocker(widgets, kind)) {
          ids += 1;
          const id = `22222222-2222-4222-8222-${ids.toString().padStart(12, '0')}`;
          widgets = [...widgets, createWidget(kind, widgets, id)];
        }
      } else if (action < 0.25) {
        widgets = removeWidget(widgets, pick(widgets).id);
      } else if (action < 0.65) {
        widgets = moveWidget(widgets, pick(widgets).id, breakpoint, pick(directions))?.widgets ?? widgets;
      } else {
        widgets = resizeWidget(widgets, pick(widgets).id, breakpoint, pick(directions))?.widgets ?? widgets;
      }
      const parsed = boardWidgetsSchema.safeParse(widgets);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });
});

describe('inReadingOrder', () => {
  it('sorts by row then column on the given breakpoint', () => {
    const a = widget('notes', { x: 6, y: 0, w: 4, h: 4 });
    const b = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const c = widget('app-launcher', { x: 0, y: 3, w: 4, h: 4 });
    expect(inReadingOrder([a, c, b], 'lg').map((item) => item.id)).toEqual([b.id, a.id, c.id]);
    expect(inReadingOrder([a, c, b], 'xs').map((item) => item.id)).toEqual([b.id, a.id, c.id]);
  });
});

describe('restoreWidget (« Annuler » after a removal)', () => {
  const top = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const removed = widget('notes', { x: 0, y: 3, w: 4, h: 4 }, { options: { text: 'à garder' } });
  const below = widget('app-launcher', { x: 0, y: 7, w: 4, h: 4 });
  const before = [top, removed, below];
  const after = removeWidget(before, removed.id);

  it('puts the board back exactly as it was when only positions changed since', () => {
    // The grid closes the gap by itself (nothing to store); then a widget is moved on a breakpoint.
    expect(applyGridLayout(after, 'lg', gridLayoutFor(after, 'lg'))).toBe(after);
    const moved = applyGridLayout(after, 'md', [
      { i: top.id, x: 0, y: 0, w: 4, h: 3 },
      { i: below.id, x: 6, y: 0, w: 4, h: 4 },
    ]);
    expect(moved).not.toBe(after);
    expect(restoreWidget(moved, before, after, removed.id)).toBe(before);
    expect(positionsOf(gridLayoutFor(before, 'lg'))).toEqual([
      { i: top.id, x: 0, y: 0, w: 4, h: 3 },
      { i: removed.id, x: 0, y: 3, w: 4, h: 4 },
      { i: below.id, x: 0, y: 7, w: 4, h: 4 },
    ]);
  });

  it('keeps what changed since and puts the widget back at its place', () => {
    const note = widget('notes', { x: 4, y: 0, w: 4, h: 4 });
    const withNote = [...before, note];
    const afterRemoval = removeWidget(withNote, removed.id);
    const typed = updateWidgetOptions(afterRemoval, note.id, { text: 'écrit depuis' });
    const restored = restoreWidget(typed, withNote, afterRemoval, removed.id);
    expect(restored.map((item) => item.id)).toEqual([top.id, removed.id, below.id, note.id]);
    expect(restored[1]).toBe(removed);
    expect(restored[3]).toMatchObject({ options: { text: 'écrit depuis' } });
  });

  it('does nothing when the widget is already back', () => {
    expect(restoreWidget(before, before, after, removed.id)).toBe(before);
  });
});

describe('widgets locked by a template', () => {
  const banner = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const notes = widget('notes', { x: 4, y: 0, w: 4, h: 4 });
  const locked = new Set([banner.id]);

  it('are static in the grid: neither dragged nor pushed', () => {
    const layout = gridLayoutFor([banner, notes], 'lg', locked);
    expect(layout.find((item) => item.i === banner.id)).toMatchObject({ x: 0, y: 0, static: true });
    expect(layout.find((item) => item.i === notes.id)?.static).toBeUndefined();
  });

  it('are never moved nor resized by the keyboard, and others move around them', () => {
    expect(moveWidget([banner, notes], banner.id, 'lg', 'right', locked)).toBeNull();
    expect(resizeWidget([banner, notes], banner.id, 'lg', 'right', locked)).toBeNull();
    const moved = moveWidget([banner, notes], notes.id, 'lg', 'left', locked);
    expect(moved?.widgets.find((w) => w.id === banner.id)?.layout).toEqual(banner.layout);
  });

  it('keep their place whatever the grid reports', () => {
    const reported = gridLayoutFor([banner, notes], 'lg').map((item) =>
      item.i === banner.id ? { ...item, x: 8 } : item,
    );
    const next = applyGridLayout([banner, notes], 'lg', reported, locked);
    expect(next.find((w) => w.id === banner.id)?.layout).toEqual(banner.layout);
  });
});
