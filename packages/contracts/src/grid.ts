import {
  BREAKPOINT_NAMES,
  BREAKPOINTS,
  MAX_ROW,
  WIDGET_CONTRACTS,
  type Breakpoint,
  type GridItem,
  type WidgetKind,
  type WidgetLayout,
  type WidgetSize,
} from './widgets.js';

/**
 * The one placement algorithm of boards, used by the BFF (a new person's board, widgets whose stored
 * position no longer fits) and by the SPA (what the grid shows; the grid compacts with `compactLayout`
 * itself, so what is computed here is exactly what is on screen). Pure: no I/O, no randomness.
 */

/** What placement needs of a widget: `kind` null when this version does not know it. */
export interface PlaceableWidget {
  id: string;
  kind: WidgetKind | null;
  layout: WidgetLayout;
  /** Locked by a template on a person's copy: it stays where it is and the others flow around it. */
  locked?: boolean;
}

/** A grid item with its widget's id, as shown on one breakpoint. */
export interface PlacedItem extends GridItem {
  id: string;
}

/** Anything with a position; `static` items never move and others flow around them. */
export interface Positioned {
  x: number;
  y: number;
  w: number;
  h: number;
  static?: boolean;
}

export interface SizeBounds {
  minW: number;
  maxW: number;
  minH: number;
  maxH: number;
}

/** Size of a widget whose kind this version does not know (kept until a person removes it). */
export const UNKNOWN_KIND_SIZE: WidgetSize = { defaultW: 4, defaultH: 3, minW: 2, minH: 2, maxW: 12, maxH: 16 };

export function sizeOf(kind: WidgetKind | null): WidgetSize {
  return kind === null ? UNKNOWN_KIND_SIZE : WIDGET_CONTRACTS[kind].size;
}

export function colsOf(breakpoint: Breakpoint): number {
  return BREAKPOINTS[breakpoint].cols;
}

/** The grid widget sizes are given for (WidgetSize): the widest breakpoint's. */
export const REFERENCE_COLS = BREAKPOINTS.lg.cols;

/**
 * A width on a grid of `fromCols` columns, on one of `toCols`: the same share of the grid, rounded
 * up (a third of 12 columns is 4 of 10, half of 2, all of 1). Never below one column.
 */
export function scaledWidth(w: number, fromCols: number, toCols: number): number {
  if (fromCols === toCols) return w;
  return Math.max(1, Math.ceil((w * toCols) / fromCols - 1e-9));
}

/**
 * Size bounds of a kind on a breakpoint: its widths scaled from the 12-column grid, never wider than
 * the grid. On a tablet's two columns every kind can fill one column or both; on a phone, the one.
 */
export function sizeBounds(kind: WidgetKind | null, breakpoint: Breakpoint): SizeBounds {
  const cols = colsOf(breakpoint);
  const { minW, maxW, minH, maxH } = sizeOf(kind);
  const min = Math.min(scaledWidth(minW, REFERENCE_COLS, cols), cols);
  return { minW: min, maxW: Math.max(min, Math.min(scaledWidth(maxW, REFERENCE_COLS, cols), cols)), minH, maxH };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function toInteger(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.round(value) : fallback;
}

/** What the server accepts: integers, inside the grid, within the kind's size bounds. */
export function clampGridItem(
  item: { x: number; y: number; w: number; h: number },
  kind: WidgetKind | null,
  breakpoint: Breakpoint,
): GridItem {
  const cols = colsOf(breakpoint);
  const bounds = sizeBounds(kind, breakpoint);
  const w = clamp(toInteger(item.w, bounds.minW), bounds.minW, bounds.maxW);
  const h = clamp(toInteger(item.h, bounds.minH), bounds.minH, bounds.maxH);
  const x = clamp(toInteger(item.x, 0), 0, cols - w);
  const y = clamp(toInteger(item.y, 0), 0, MAX_ROW);
  return { x, y, w, h };
}

export function collides(a: GridItem, b: GridItem): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** First row below every item (0 for none). */
export function bottomOf(items: readonly GridItem[]): number {
  return items.reduce((max, item) => Math.max(max, item.y + item.h), 0);
}

/**
 * Vertical compaction: in reading order (row, then column, then input order), each movable item
 * rises as far as the items already placed let it, and an item overlapping them goes just below.
 * No hole is left above an item that it could fill by going straight up; no two items overlap.
 * Returns new objects in the input's order, every other property kept.
 */
export function compactLayout<T extends Positioned>(items: readonly T[]): T[] {
  const out = items.map((item) => ({ ...item }));
  const placed: GridItem[] = out.filter((item) => item.static === true);
  const order = out
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.static !== true)
    .sort((a, b) => a.item.y - b.item.y || a.item.x - b.item.x || a.index - b.index);
  for (const { item } of order) {
    item.x = Math.max(0, item.x);
    item.y = Math.max(0, item.y);
    while (item.y > 0 && !placed.some((other) => collides(other, { ...item, y: item.y - 1 }))) item.y -= 1;
    let hit = placed.find((other) => collides(other, item));
    while (hit) {
      item.y = hit.y + hit.h;
      hit = placed.find((other) => collides(other, item));
    }
    placed.push(item);
  }
  return out;
}

/** The first free place (top to bottom, left to right) for a w×h item among `taken`. */
export function firstFreePlace(taken: readonly GridItem[], cols: number, w: number, h: number): GridItem {
  const width = Math.min(w, cols);
  for (let y = 0; ; y += 1) {
    for (let x = 0; x + width <= cols; x += 1) {
      const candidate = { x, y, w: width, h };
      if (!taken.some((item) => collides(item, candidate))) return candidate;
    }
  }
}

/** The nearest breakpoint, from this one up to the widest, where the widget has a position. */
function sourceOf(widget: PlaceableWidget, breakpoint: Breakpoint): { item: GridItem; cols: number } {
  const index = BREAKPOINT_NAMES.indexOf(breakpoint);
  for (let i = index; i >= 0; i--) {
    const name = BREAKPOINT_NAMES[i];
    const item = name ? widget.layout[name] : undefined;
    if (name && item) return { item, cols: colsOf(name) };
  }
  return { item: widget.layout.lg, cols: colsOf('lg') };
}

/**
 * The positions shown on a breakpoint. A widget's own position there is kept (within bounds); the
 * others are derived from the nearest wider breakpoint where they have one: the same share of the
 * grid (scaledWidth), placed in that breakpoint's reading order at the first free place, so a
 * tablet or a phone shows an arrangement, not the desktop squeezed. Then everything is compacted.
 * In reading order (row, then column).
 */
export function layoutOn(widgets: readonly PlaceableWidget[], breakpoint: Breakpoint): PlacedItem[] {
  const cols = colsOf(breakpoint);
  // A widget a template locks on a person's copy stays where it is; the others flow around it.
  const locked = new Set(widgets.filter((widget) => widget.locked === true).map((widget) => widget.id));
  const pin = (item: PlacedItem): PlacedItem & { static?: boolean } =>
    locked.has(item.id) ? { ...item, static: true } : item;
  const own: (PlacedItem & { order: GridItem })[] = [];
  const derived: { id: string; kind: WidgetKind | null; source: GridItem; w: number }[] = [];
  for (const widget of widgets) {
    const stored = widget.layout[breakpoint];
    if (stored) {
      own.push({ id: widget.id, ...clampGridItem(stored, widget.kind, breakpoint), order: stored });
      continue;
    }
    const source = sourceOf(widget, breakpoint);
    derived.push({
      id: widget.id,
      kind: widget.kind,
      source: source.item,
      w: scaledWidth(source.item.w, source.cols, cols),
    });
  }
  const byReadingOrder = (a: { y: number; x: number }, b: { y: number; x: number }) => a.y - b.y || a.x - b.x;
  own.sort((a, b) => byReadingOrder(a.order, b.order));
  const placed: PlacedItem[] = compactLayout(own.map(({ id, x, y, w, h }) => pin({ id, x, y, w, h })));
  derived.sort((a, b) => byReadingOrder(a.source, b.source));
  for (const item of derived) {
    const { w, h } = clampGridItem({ x: 0, y: 0, w: item.w, h: item.source.h }, item.kind, breakpoint);
    placed.push({ id: item.id, ...firstFreePlace(placed, cols, w, h) });
  }
  return compactLayout(placed.map(pin))
    .map(({ id, x, y, w, h }) => ({ id, x, y, w, h }))
    .sort(byReadingOrder);
}

/**
 * Every widget with a stored position on every breakpoint: what `layoutOn` shows there. Locked
 * widgets keep theirs; the others flow around them.
 */
export function withFullLayouts<W extends PlaceableWidget>(
  widgets: readonly W[],
): (W & { layout: Required<WidgetLayout> })[] {
  const shown = Object.fromEntries(
    BREAKPOINT_NAMES.map((breakpoint) => [
      breakpoint,
      new Map(layoutOn(widgets, breakpoint).map((item) => [item.id, item])),
    ]),
  ) as Record<Breakpoint, Map<string, PlacedItem>>;
  return widgets.map((widget) => {
    const at = (breakpoint: Breakpoint): GridItem => {
      const item = shown[breakpoint].get(widget.id);
      if (!item) throw new Error(`no position for ${widget.id}`);
      return { x: item.x, y: item.y, w: item.w, h: item.h };
    };
    return { ...widget, layout: { lg: at('lg'), md: at('md'), sm: at('sm'), xs: at('xs') } };
  });
}

export type NewWidgetPlacement = 'bottom' | 'first-free';

/**
 * The layout of a new widget on every breakpoint, among the widgets already there: under all of
 * them (`bottom`, where a person adding one looks) or in the first place free (`first-free`, for a
 * board composed at once). `width` per breakpoint overrides the kind's default width.
 */
export function newWidgetLayout(
  kind: WidgetKind | null,
  widgets: readonly PlaceableWidget[],
  placement: NewWidgetPlacement,
  width: Partial<Record<Breakpoint, number>> = {},
): Required<WidgetLayout> {
  const { defaultW, defaultH } = sizeOf(kind);
  const positionFor = (breakpoint: Breakpoint): GridItem => {
    const taken = layoutOn(widgets, breakpoint);
    const wanted = width[breakpoint] ?? scaledWidth(defaultW, REFERENCE_COLS, colsOf(breakpoint));
    const { w, h } = clampGridItem({ x: 0, y: 0, w: wanted, h: defaultH }, kind, breakpoint);
    if (placement === 'first-free') return firstFreePlace(taken, colsOf(breakpoint), w, h);
    return clampGridItem({ x: 0, y: bottomOf(taken), w, h }, kind, breakpoint);
  };
  return { lg: positionFor('lg'), md: positionFor('md'), sm: positionFor('sm'), xs: positionFor('xs') };
}
