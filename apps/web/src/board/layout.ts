import {
  BREAKPOINT_NAMES,
  BREAKPOINTS,
  MAX_WIDGETS_PER_BOARD,
  WIDGET_CONTRACTS,
  clampGridItem,
  colsOf,
  bottomOf,
  compactLayout,
  layoutOn,
  newWidgetLayout,
  sizeBounds,
  widgetInstanceSchema,
  type Breakpoint,
  type GridItem,
  type SizeBounds,
  isUnavailable,
  type BoardWidget,
  type WidgetInstance,
  type WidgetKind,
  type WidgetLayout,
} from '@pleiade/contracts';
import { sameContents } from './merge';
import { cloneLayout, moveElement, type Compactor, type Layout, type LayoutItem } from 'react-grid-layout/core';

export { clampGridItem, colsOf, sizeBounds, type SizeBounds };

export const ROW_HEIGHT = 60;
export const GRID_MARGIN: readonly [number, number] = [16, 16];

export type Direction = 'left' | 'right' | 'up' | 'down';

/** Widgets a template locks on the person's board (Board.lockedWidgetIds); none by default. */
const NONE_LOCKED: ReadonlySet<string> = new Set();

/**
 * The grid compacts with the contracts' algorithm, the one the BFF places widgets with, so what this
 * module computes is exactly what the grid shows. `moved` marks the item being dragged: reset, as
 * react-grid-layout's own compactors do, or the next drag would walk through it.
 */
export const GRID_COMPACTOR: Compactor = {
  type: 'vertical',
  allowOverlap: false,
  compact: (layout) => compactLayout(layout).map((item) => ({ ...item, moved: false })),
};

/** The widest breakpoint whose minimum width the container reaches. */
export function breakpointForWidth(width: number): Breakpoint {
  return BREAKPOINT_NAMES.find((name) => width >= BREAKPOINTS[name].minWidth) ?? 'xs';
}

/**
 * The layout the grid shows on a breakpoint (the contracts' `layoutOn`), with each kind's size
 * bounds for the grid's resize handles.
 */
export function gridLayoutFor(
  widgets: readonly BoardWidget[],
  breakpoint: Breakpoint,
  locked: ReadonlySet<string> = NONE_LOCKED,
): Layout {
  const kinds = new Map(widgets.map((widget) => [widget.id, widget.kind]));
  const placeable =
    locked.size === 0 ? widgets : widgets.map((widget) => ({ ...widget, locked: locked.has(widget.id) }));
  return layoutOn(placeable, breakpoint).map(({ id, ...position }) => ({
    i: id,
    ...position,
    ...sizeBounds(kinds.get(id) ?? null, breakpoint),
    // Locked by the template a person's board copies: the grid neither drags nor pushes it.
    ...(locked.has(id) ? { static: true } : {}),
  }));
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function samePosition(
  a: { x: number; y: number; w: number; h: number },
  b: { x: number; y: number; w: number; h: number },
): boolean {
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

function withPosition<W extends BoardWidget>(widget: W, breakpoint: Breakpoint, item: GridItem): W {
  const layout: WidgetLayout = { ...widget.layout };
  layout[breakpoint] = item;
  return { ...widget, layout };
}

/**
 * Takes the grid's positions for one breakpoint into the widgets. Returns the same array when the grid
 * reports what is already shown (it does so on mount and on every breakpoint change).
 */
export function applyGridLayout(
  widgets: readonly BoardWidget[],
  breakpoint: Breakpoint,
  layout: Layout,
  locked: ReadonlySet<string> = NONE_LOCKED,
): readonly BoardWidget[] {
  const shown = new Map(gridLayoutFor(widgets, breakpoint, locked).map((item) => [item.i, item]));
  const reported = new Map(layout.map((item) => [item.i, item]));
  let changed = false;
  const next = widgets.map((widget) => {
    const item = reported.get(widget.id);
    if (!item || locked.has(widget.id)) return widget;
    const position = clampGridItem(item, widget.kind, breakpoint);
    const before = shown.get(widget.id);
    if (!before || !samePosition(before, position)) changed = true;
    return withPosition(widget, breakpoint, position);
  });
  return changed ? next : widgets;
}

/** Position of one widget as shown on a breakpoint. */
export function shownPosition(
  widgets: readonly BoardWidget[],
  id: string,
  breakpoint: Breakpoint,
  locked: ReadonlySet<string> = NONE_LOCKED,
): GridItem | null {
  const item = gridLayoutFor(widgets, breakpoint, locked).find((candidate) => candidate.i === id);
  return item ? { x: item.x, y: item.y, w: item.w, h: item.h } : null;
}

/** Widgets in reading order (row, then column) on a breakpoint, so that tab order follows the screen. */
export function inReadingOrder<W extends BoardWidget>(
  widgets: readonly W[],
  breakpoint: Breakpoint,
  locked: ReadonlySet<string> = NONE_LOCKED,
): W[] {
  const positions = new Map(gridLayoutFor(widgets, breakpoint, locked).map((item) => [item.i, item]));
  return [...widgets].sort((a, b) => {
    const pa = positions.get(a.id);
    const pb = positions.get(b.id);
    if (!pa || !pb) return 0;
    return pa.y - pb.y || pa.x - pb.x;
  });
}

/** Working widgets of a kind: one to reconfigure does not count (it does not work as that kind). */
export function countOfKind(widgets: readonly BoardWidget[], kind: WidgetKind): number {
  return widgets.filter((widget) => !isUnavailable(widget) && widget.kind === kind).length;
}

export type AddBlocker = { reason: 'kind-limit'; max: number } | { reason: 'board-limit'; max: number };

/** Why a kind cannot be added any more, or null when it can. */
export function addBlocker(widgets: readonly BoardWidget[], kind: WidgetKind): AddBlocker | null {
  if (widgets.length >= MAX_WIDGETS_PER_BOARD) return { reason: 'board-limit', max: MAX_WIDGETS_PER_BOARD };
  const max = WIDGET_CONTRACTS[kind].maxPerBoard;
  return countOfKind(widgets, kind) >= max ? { reason: 'kind-limit', max } : null;
}

/** A new widget of default size and options, placed under everything else on every breakpoint. */
export function createWidget(kind: WidgetKind, widgets: readonly BoardWidget[], id: string): WidgetInstance {
  const layout: WidgetLayout = newWidgetLayout(kind, widgets, 'bottom');
  // Parsing builds the right member of the union from the kind without a cast.
  return widgetInstanceSchema.parse({
    id,
    kind,
    layout,
    options: structuredClone(WIDGET_CONTRACTS[kind].defaultOptions),
  });
}

export function removeWidget(widgets: readonly BoardWidget[], id: string): readonly BoardWidget[] {
  return widgets.filter((widget) => widget.id !== id);
}

/**
 * « Annuler » after removing widget `id`: `before` and `after` are the board just before and just
 * after the removal, `current` the board now. When only positions changed since (the grid closing
 * the gap), the board comes back exactly as it was; when something else changed (a note typed),
 * that is kept and the widget goes back at its place in the list, with its positions.
 */
export function restoreWidget(
  current: readonly BoardWidget[],
  before: readonly BoardWidget[],
  after: readonly BoardWidget[],
  id: string,
): readonly BoardWidget[] {
  const removed = before.find((widget) => widget.id === id);
  if (!removed || current.some((widget) => widget.id === id)) return current;
  if (sameContents(current, after)) return before;
  const next = [...current];
  next.splice(Math.min(before.indexOf(removed), next.length), 0, removed);
  return next;
}

/**
 * Replaces a widget's options. The result is parsed against the contracts, so options that do not
 * belong to the widget's kind leave the list unchanged, as does a widget to reconfigure.
 */
export function updateWidgetOptions(
  widgets: readonly BoardWidget[],
  id: string,
  options: unknown,
): readonly BoardWidget[] {
  let changed = false;
  const next = widgets.map((widget) => {
    if (widget.id !== id || isUnavailable(widget)) return widget;
    const parsed = widgetInstanceSchema.safeParse({ ...widget, options });
    if (!parsed.success) return widget;
    changed = true;
    return parsed.data;
  });
  return changed ? next : widgets;
}

/**
 * Why a widget to reconfigure cannot be: its kind is unknown here, or the board already has as many
 * working widgets of that kind as allowed. Null when it can.
 */
export function reconfigureBlocker(
  widgets: readonly BoardWidget[],
  id: string,
): { reason: 'unknown-kind' } | { reason: 'kind-limit'; max: number } | null {
  const widget = widgets.find((candidate) => candidate.id === id);
  if (!widget || !isUnavailable(widget)) return null;
  if (widget.kind === null) return { reason: 'unknown-kind' };
  const max = WIDGET_CONTRACTS[widget.kind].maxPerBoard;
  return countOfKind(widgets, widget.kind) >= max ? { reason: 'kind-limit', max } : null;
}

/**
 * A widget to reconfigure becomes a working widget of its kind, with the kind's default options, at
 * its place. The list is unchanged when it cannot (see reconfigureBlocker).
 */
export function reconfigureWidget(widgets: readonly BoardWidget[], id: string): readonly BoardWidget[] {
  if (reconfigureBlocker(widgets, id)) return widgets;
  let changed = false;
  const next = widgets.map((widget) => {
    if (widget.id !== id || !isUnavailable(widget) || widget.kind === null) return widget;
    const { kind } = widget;
    const layout: WidgetLayout = { lg: clampGridItem(widget.layout.lg, kind, 'lg') };
    for (const breakpoint of BREAKPOINT_NAMES) {
      const item = widget.layout[breakpoint];
      if (item) layout[breakpoint] = clampGridItem(item, kind, breakpoint);
    }
    const parsed = widgetInstanceSchema.safeParse({
      id,
      kind,
      layout,
      options: structuredClone(WIDGET_CONTRACTS[kind].defaultOptions),
    });
    if (!parsed.success) return widget;
    changed = true;
    return parsed.data;
  });
  return changed ? next : widgets;
}

function compacted(layout: LayoutItem[], cols: number): Layout {
  return GRID_COMPACTOR.compact(layout, cols);
}

function positionChanged(layout: Layout, original: LayoutItem): boolean {
  const item = layout.find((candidate) => candidate.i === original.i);
  return item !== undefined && !samePosition(item, original);
}

/**
 * Moves an item one cell, as a drag would: items in the way are pushed, then the layout is compacted.
 * Because compaction pulls items up, a vertical move goes on until the item lands somewhere new (past
 * the neighbour it swaps with). Null when the item cannot move that way.
 */
export function moveInLayout(layout: Layout, id: string, direction: Direction, cols: number): Layout | null {
  const original = layout.find((item) => item.i === id);
  if (!original) return null;
  const attempt = (x: number, y: number): Layout => {
    const copy = cloneLayout(layout);
    const target = copy.find((item) => item.i === id);
    if (!target) return layout;
    return compacted(moveElement(copy, target, x, y, true, false, 'vertical', cols, false), cols);
  };
  if (direction === 'left' || direction === 'right') {
    const x = original.x + (direction === 'left' ? -1 : 1);
    if (x < 0 || x + original.w > cols) return null;
    const result = attempt(x, original.y);
    return positionChanged(result, original) ? result : null;
  }
  const step = direction === 'up' ? -1 : 1;
  const limit = direction === 'up' ? original.y : bottomOf(layout) - original.y;
  for (let distance = 1; distance <= limit; distance++) {
    const result = attempt(original.x, original.y + step * distance);
    const moved = result.find((item) => item.i === id);
    if (moved && (direction === 'up' ? moved.y < original.y : moved.y > original.y)) return result;
  }
  return null;
}

/** Grows or shrinks an item by one cell within its bounds, then compacts. Null at a bound. */
export function resizeInLayout(
  layout: Layout,
  id: string,
  direction: Direction,
  cols: number,
  bounds: SizeBounds,
): Layout | null {
  const original = layout.find((item) => item.i === id);
  if (!original) return null;
  const dw = direction === 'right' ? 1 : direction === 'left' ? -1 : 0;
  const dh = direction === 'down' ? 1 : direction === 'up' ? -1 : 0;
  const w = clamp(original.w + dw, bounds.minW, Math.min(bounds.maxW, cols - original.x));
  const h = clamp(original.h + dh, bounds.minH, bounds.maxH);
  if (w === original.w && h === original.h) return null;
  const copy = cloneLayout(layout).map((item) => (item.i === id ? { ...item, w, h } : item));
  return compacted(copy, cols);
}

export interface KeyboardResult {
  widgets: readonly BoardWidget[];
  position: GridItem;
}

function keyboardEdit(
  widgets: readonly BoardWidget[],
  id: string,
  breakpoint: Breakpoint,
  locked: ReadonlySet<string>,
  edit: (layout: Layout, cols: number, widget: BoardWidget) => Layout | null,
): KeyboardResult | null {
  const widget = widgets.find((candidate) => candidate.id === id);
  if (!widget || locked.has(id)) return null;
  const layout = edit(gridLayoutFor(widgets, breakpoint, locked), colsOf(breakpoint), widget);
  if (!layout) return null;
  const next = applyGridLayout(widgets, breakpoint, layout, locked);
  const position = shownPosition(next, id, breakpoint, locked);
  return position ? { widgets: next, position } : null;
}

export function moveWidget(
  widgets: readonly BoardWidget[],
  id: string,
  breakpoint: Breakpoint,
  direction: Direction,
  locked: ReadonlySet<string> = NONE_LOCKED,
): KeyboardResult | null {
  return keyboardEdit(widgets, id, breakpoint, locked, (layout, cols) => moveInLayout(layout, id, direction, cols));
}

export function resizeWidget(
  widgets: readonly BoardWidget[],
  id: string,
  breakpoint: Breakpoint,
  direction: Direction,
  locked: ReadonlySet<string> = NONE_LOCKED,
): KeyboardResult | null {
  return keyboardEdit(widgets, id, breakpoint, locked, (layout, cols, widget) =>
    resizeInLayout(layout, id, direction, cols, sizeBounds(widget.kind, breakpoint)),
  );
}
