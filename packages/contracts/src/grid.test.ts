import { describe, expect, it } from 'vitest';
import {
  UNKNOWN_KIND_SIZE,
  bottomOf,
  clampGridItem,
  collides,
  compactLayout,
  firstFreePlace,
  layoutOn,
  newWidgetLayout,
  scaledWidth,
  sizeBounds,
  withFullLayouts,
  type PlaceableWidget,
} from './grid.js';
import {
  BREAKPOINT_NAMES,
  BREAKPOINTS,
  MAX_ROW,
  WIDGET_CONTRACTS,
  type GridItem,
  type WidgetLayout,
} from './widgets.js';

let counter = 0;
function widget(kind: PlaceableWidget['kind'], lg: GridItem, layout: Partial<WidgetLayout> = {}): PlaceableWidget {
  counter += 1;
  return { id: `w${counter}`, kind, layout: { lg, ...layout } };
}

function positions(items: readonly { x: number; y: number; w: number; h: number }[]) {
  return items.map(({ x, y, w, h }) => ({ x, y, w, h }));
}

function overlapping(items: readonly GridItem[]): string[] {
  return items.flatMap((a, i) =>
    items.slice(i + 1).flatMap((b) => (collides(a, b) ? [`${JSON.stringify(a)} × ${JSON.stringify(b)}`] : [])),
  );
}

/** Seeded: the same "random" layouts at every run. */
function generator(seed: number) {
  let state = seed;
  return (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('compactLayout', () => {
  it('removes the holes above items: each rises as far as the items above it let it', () => {
    const compacted = compactLayout([
      { x: 0, y: 4, w: 4, h: 3 },
      { x: 4, y: 9, w: 4, h: 2 },
      { x: 0, y: 12, w: 8, h: 2 },
    ]);
    expect(positions(compacted)).toEqual([
      { x: 0, y: 0, w: 4, h: 3 },
      { x: 4, y: 0, w: 4, h: 2 },
      { x: 0, y: 3, w: 8, h: 2 },
    ]);
  });

  it('fills a hole left by a removed widget', () => {
    // Three stacked widgets; the middle one was removed.
    const compacted = compactLayout([
      { x: 0, y: 0, w: 6, h: 3 },
      { x: 0, y: 7, w: 6, h: 2 },
    ]);
    expect(positions(compacted)).toEqual([
      { x: 0, y: 0, w: 6, h: 3 },
      { x: 0, y: 3, w: 6, h: 2 },
    ]);
  });

  it('puts an item that overlaps another just below it, and keeps input order and other properties', () => {
    const compacted = compactLayout([
      { id: 'b', x: 0, y: 0, w: 2, h: 4, minW: 2 },
      { id: 'a', x: 0, y: 0, w: 2, h: 3, minW: 1 },
    ]);
    expect(compacted).toEqual([
      { id: 'b', x: 0, y: 0, w: 2, h: 4, minW: 2 },
      { id: 'a', x: 0, y: 4, w: 2, h: 3, minW: 1 },
    ]);
  });

  it('never moves a static item; the others flow around it', () => {
    const compacted = compactLayout([
      { x: 0, y: 2, w: 4, h: 2, static: true },
      { x: 0, y: 6, w: 4, h: 3 },
    ]);
    expect(positions(compacted)).toEqual([
      { x: 0, y: 2, w: 4, h: 2 },
      { x: 0, y: 4, w: 4, h: 3 },
    ]);
  });

  it('does not change its input', () => {
    const input = [{ x: 0, y: 5, w: 2, h: 2 }];
    compactLayout(input);
    expect(input).toEqual([{ x: 0, y: 5, w: 2, h: 2 }]);
  });

  it('on any layout: no overlap, no item that could rise, and compacting again changes nothing', () => {
    const random = generator(3);
    for (let round = 0; round < 500; round++) {
      const cols = [1, 2, 10, 12][Math.floor(random() * 4)] ?? 12;
      const items = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
        const w = 1 + Math.floor(random() * cols);
        return {
          x: Math.floor(random() * (cols - w + 1)),
          y: Math.floor(random() * 20),
          w,
          h: 1 + Math.floor(random() * 6),
        };
      });
      const compacted = compactLayout(items);
      expect(overlapping(compacted)).toEqual([]);
      for (const item of compacted) {
        const raised = { ...item, y: item.y - 1 };
        const blocked = item.y === 0 || compacted.some((other) => other !== item && collides(other, raised));
        expect(blocked, `${JSON.stringify(item)} could rise in ${JSON.stringify(compacted)}`).toBe(true);
      }
      expect(compactLayout(compacted)).toEqual(compacted);
    }
  });
});

describe('layoutOn (per breakpoint)', () => {
  it('uses each breakpoint’s own positions when the widget has them', () => {
    const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 }, { md: { x: 6, y: 0, w: 4, h: 3 } });
    const b = widget('notes', { x: 4, y: 0, w: 4, h: 4 }, { md: { x: 0, y: 0, w: 6, h: 4 } });
    expect(layoutOn([a, b], 'lg')).toEqual([
      { id: a.id, x: 0, y: 0, w: 4, h: 3 },
      { id: b.id, x: 4, y: 0, w: 4, h: 4 },
    ]);
    expect(layoutOn([a, b], 'md')).toEqual([
      { id: b.id, x: 0, y: 0, w: 6, h: 4 },
      { id: a.id, x: 6, y: 0, w: 4, h: 3 },
    ]);
  });

  it('derives a missing breakpoint from the nearest wider one, in its reading order', () => {
    const right = widget('notes', { x: 8, y: 0, w: 4, h: 4 });
    const left = widget('welcome', { x: 0, y: 0, w: 4, h: 3 }, { sm: { x: 0, y: 0, w: 2, h: 3 } });
    // xs has no position: sm's (left) and lg's (right) are stacked in the phone's one column.
    expect(layoutOn([right, left], 'xs')).toEqual([
      { id: left.id, x: 0, y: 0, w: 1, h: 3 },
      { id: right.id, x: 0, y: 3, w: 1, h: 4 },
    ]);
  });

  it('arranges a desktop row of three in the tablet’s two columns, filling the shorter one first', () => {
    const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
    const launcher = widget('app-launcher', { x: 4, y: 0, w: 4, h: 4 });
    const notes = widget('notes', { x: 8, y: 0, w: 4, h: 4 });
    const banner = widget('notes', { x: 0, y: 4, w: 12, h: 2 });
    expect(layoutOn([welcome, launcher, notes, banner], 'sm')).toEqual([
      { id: welcome.id, x: 0, y: 0, w: 1, h: 3 },
      { id: launcher.id, x: 1, y: 0, w: 1, h: 4 },
      { id: notes.id, x: 0, y: 3, w: 1, h: 4 },
      // Wider than half the desktop: both columns.
      { id: banner.id, x: 0, y: 7, w: 2, h: 2 },
    ]);
    expect(layoutOn([welcome, launcher, notes, banner], 'xs').map(({ x, y, w }) => ({ x, y, w }))).toEqual([
      { x: 0, y: 0, w: 1 },
      { x: 0, y: 3, w: 1 },
      { x: 0, y: 7, w: 1 },
      { x: 0, y: 11, w: 1 },
    ]);
  });

  it('keeps what the person arranged on a breakpoint, and places the others around it', () => {
    const a = widget('welcome', { x: 0, y: 0, w: 4, h: 3 }, { sm: { x: 1, y: 0, w: 1, h: 3 } });
    const b = widget('notes', { x: 4, y: 0, w: 4, h: 4 }, { sm: { x: 0, y: 0, w: 2, h: 2 } });
    const c = widget('notes', { x: 8, y: 0, w: 4, h: 4 });
    expect(layoutOn([a, b, c], 'sm')).toEqual([
      { id: b.id, x: 0, y: 0, w: 2, h: 2 },
      { id: c.id, x: 0, y: 2, w: 1, h: 4 },
      { id: a.id, x: 1, y: 2, w: 1, h: 3 },
    ]);
    // The desktop is not affected by the tablet's arrangement.
    expect(layoutOn([a, b, c], 'lg').map(({ x, y }) => ({ x, y }))).toEqual([
      { x: 0, y: 0 },
      { x: 4, y: 0 },
      { x: 8, y: 0 },
    ]);
  });

  it('on any board and breakpoint: every widget shown once, within the grid, nothing overlapping', () => {
    const random = generator(11);
    const kinds = Object.keys(WIDGET_CONTRACTS) as (keyof typeof WIDGET_CONTRACTS)[];
    for (let round = 0; round < 200; round++) {
      const widgets = Array.from({ length: 1 + Math.floor(random() * 10) }, () => {
        const kind = kinds[Math.floor(random() * kinds.length)] ?? 'notes';
        const layout: Partial<WidgetLayout> = {};
        for (const breakpoint of BREAKPOINT_NAMES) {
          if (breakpoint !== 'lg' && random() < 0.6) continue;
          const cols = BREAKPOINTS[breakpoint].cols;
          const w = 1 + Math.floor(random() * cols);
          layout[breakpoint] = {
            x: Math.floor(random() * (cols - w + 1)),
            y: Math.floor(random() * 12),
            w,
            h: 2 + Math.floor(random() * 4),
          };
        }
        return widget(kind, layout.lg ?? { x: 0, y: 0, w: 4, h: 3 }, layout);
      });
      for (const breakpoint of BREAKPOINT_NAMES) {
        const shown = layoutOn(widgets, breakpoint);
        expect(shown.map((item) => item.id).sort()).toEqual(widgets.map((item) => item.id).sort());
        expect(overlapping(shown)).toEqual([]);
        for (const item of shown) expect(item.x + item.w).toBeLessThanOrEqual(BREAKPOINTS[breakpoint].cols);
        expect(compactLayout(shown)).toEqual(shown);
      }
    }
  });

  it('keeps every widget within the breakpoint’s columns and its kind’s bounds', () => {
    const wide = widget('welcome', { x: 0, y: 0, w: 12, h: 6 });
    for (const breakpoint of BREAKPOINT_NAMES) {
      const [item] = layoutOn([wide], breakpoint);
      expect(item?.w).toBe(BREAKPOINTS[breakpoint].cols);
      expect(item?.h).toBe(WIDGET_CONTRACTS.welcome.size.maxH);
    }
  });

  it('places a widget of a kind this version does not know with generic bounds', () => {
    const unknown = widget(null, { x: 0, y: 3, w: 30, h: 1 });
    expect(layoutOn([unknown], 'lg')).toEqual([{ id: unknown.id, x: 0, y: 0, w: 12, h: UNKNOWN_KIND_SIZE.minH }]);
  });
});

describe('newWidgetLayout', () => {
  const welcome = widget('welcome', { x: 0, y: 0, w: 4, h: 3 });
  const notes = widget('notes', { x: 4, y: 0, w: 4, h: 5 });

  it('bottom: under everything on every breakpoint, at the kind’s default size scaled to its grid', () => {
    const { defaultW, defaultH } = WIDGET_CONTRACTS['app-launcher'].size;
    expect(newWidgetLayout('app-launcher', [welcome, notes], 'bottom')).toEqual({
      lg: { x: 0, y: 5, w: defaultW, h: defaultH },
      md: { x: 0, y: 5, w: defaultW, h: defaultH },
      // Welcome and notes side by side in the tablet's two columns: under the taller one.
      sm: { x: 0, y: 5, w: 1, h: defaultH },
      xs: { x: 0, y: 8, w: 1, h: defaultH },
    });
  });

  it('first-free: the first place where it fits, at the width asked for each breakpoint', () => {
    const layout = newWidgetLayout('mail', [welcome, notes], 'first-free', { lg: 4, md: 5, sm: 1, xs: 1 });
    const h = WIDGET_CONTRACTS.mail.size.defaultH;
    expect(layout.lg).toEqual({ x: 8, y: 0, w: 4, h });
    expect(layout.md).toEqual({ x: 0, y: 5, w: 5, h });
    // Under welcome (3 rows), the shorter of the tablet's two columns.
    expect(layout.sm).toEqual({ x: 0, y: 3, w: 1, h });
    expect(layout.xs).toEqual({ x: 0, y: 8, w: 1, h });
  });

  it('starts at the top of an empty board', () => {
    expect(newWidgetLayout('notes', [], 'bottom').lg).toEqual({ x: 0, y: 0, w: 4, h: 4 });
  });
});

describe('firstFreePlace and bottomOf', () => {
  it('scans rows top to bottom and columns left to right', () => {
    const taken = [
      { x: 0, y: 0, w: 4, h: 2 },
      { x: 8, y: 0, w: 4, h: 2 },
    ];
    expect(firstFreePlace(taken, 12, 4, 2)).toEqual({ x: 4, y: 0, w: 4, h: 2 });
    expect(firstFreePlace(taken, 12, 5, 2)).toEqual({ x: 0, y: 2, w: 5, h: 2 });
    expect(firstFreePlace([], 2, 6, 1)).toEqual({ x: 0, y: 0, w: 2, h: 1 });
    expect(bottomOf(taken)).toBe(2);
    expect(bottomOf([])).toBe(0);
  });
});

describe('clampGridItem and sizeBounds', () => {
  it('rounds to integers and keeps the item inside the grid and its size bounds', () => {
    expect(clampGridItem({ x: 2.4, y: 1.6, w: 3.5, h: 2.2 }, 'notes', 'lg')).toEqual({ x: 2, y: 2, w: 4, h: 2 });
    expect(clampGridItem({ x: 11, y: 0, w: 4, h: 40 }, 'notes', 'lg')).toEqual({ x: 8, y: 0, w: 4, h: 16 });
    expect(clampGridItem({ x: 0, y: 9999, w: 4, h: 3 }, 'welcome', 'lg').y).toBe(MAX_ROW);
    expect(clampGridItem({ x: Number.NaN, y: Infinity, w: Number.NaN, h: -Infinity }, 'notes', 'md')).toEqual({
      x: 0,
      y: 0,
      w: 2,
      h: 2,
    });
  });

  it('scales widths from the 12-column grid and never lets a widget be wider than the grid', () => {
    expect(sizeBounds('welcome', 'lg')).toEqual({ minW: 2, maxW: 12, minH: 2, maxH: 6 });
    expect(sizeBounds('welcome', 'md')).toEqual({ minW: 2, maxW: 10, minH: 2, maxH: 6 });
    // Tablet: one column or both; phone: the one.
    expect(sizeBounds('welcome', 'sm')).toEqual({ minW: 1, maxW: 2, minH: 2, maxH: 6 });
    expect(sizeBounds('welcome', 'xs')).toEqual({ minW: 1, maxW: 1, minH: 2, maxH: 6 });
    expect(sizeBounds(null, 'sm')).toMatchObject({ maxW: 2 });
  });

  it('scaledWidth keeps the share of the grid, rounded up, at least one column', () => {
    expect(scaledWidth(4, 12, 12)).toBe(4);
    expect(scaledWidth(4, 12, 10)).toBe(4);
    expect(scaledWidth(6, 12, 10)).toBe(5);
    expect(scaledWidth(6, 12, 2)).toBe(1);
    expect(scaledWidth(7, 12, 2)).toBe(2);
    expect(scaledWidth(12, 12, 1)).toBe(1);
    expect(scaledWidth(1, 12, 2)).toBe(1);
    expect(scaledWidth(5, 10, 2)).toBe(1);
  });
});

describe('locked widgets (a template’s, on a person’s copy)', () => {
  it('stay where they are; the others flow around them', () => {
    const free = widget('notes', { x: 0, y: 0, w: 4, h: 4 });
    const locked = { ...widget('welcome', { x: 0, y: 2, w: 4, h: 3 }), locked: true };
    expect(layoutOn([free, locked], 'lg')).toEqual([
      { id: locked.id, x: 0, y: 2, w: 4, h: 3 },
      { id: free.id, x: 0, y: 5, w: 4, h: 4 },
    ]);
    // Unlocked, the same two compact from the top, in reading order.
    expect(positions(layoutOn([free, { ...locked, locked: false }], 'lg'))).toEqual([
      { x: 0, y: 0, w: 4, h: 4 },
      { x: 0, y: 4, w: 4, h: 3 },
    ]);
  });

  it('withFullLayouts stores what every breakpoint shows', () => {
    const widgets = [widget('notes', { x: 0, y: 0, w: 6, h: 4 }), widget('mail', { x: 6, y: 0, w: 6, h: 5 })];
    const full = withFullLayouts(widgets);
    for (const breakpoint of BREAKPOINT_NAMES) {
      expect(
        full.map((item) => ({ id: item.id, ...item.layout[breakpoint] })),
        breakpoint,
      ).toEqual(layoutOn(widgets, breakpoint).sort((a, b) => a.id.localeCompare(b.id)));
    }
    expect(full[1]?.layout.xs).toEqual({ x: 0, y: 4, w: 1, h: 5 });
  });
});
