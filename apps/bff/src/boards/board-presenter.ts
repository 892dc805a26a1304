import {
  BREAKPOINT_NAMES,
  can,
  clampGridItem,
  isWidgetKind,
  newWidgetLayout,
  widgetInstanceSchema,
  widgetLayoutSchema,
  type Board,
  type BoardWidget,
  type WidgetKind,
  type WidgetLayout,
} from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import { boardResourceOf, type BoardAccessRow } from './board-access.js';

export interface WidgetRow {
  id: string;
  kind: string;
  options: unknown;
  layout: unknown;
  position: number;
}

export interface BoardRow extends BoardAccessRow {
  id: string;
  name: string;
  version: number;
  updatedAt: Date;
  widgets: WidgetRow[];
}

/** A stored layout within the bounds of this version's grid, or null when it no longer parses. */
function storedLayout(kind: WidgetKind | null, layout: unknown): WidgetLayout | null {
  const parsed = widgetLayoutSchema.safeParse(layout);
  if (!parsed.success) return null;
  const clamped: WidgetLayout = { lg: clampGridItem(parsed.data.lg, kind, 'lg') };
  for (const breakpoint of BREAKPOINT_NAMES) {
    const item = parsed.data[breakpoint];
    if (item) clamped[breakpoint] = clampGridItem(item, kind, breakpoint);
  }
  return clamped;
}

/**
 * A stored widget as the API shows it: a widget of its kind when its options match the kind's
 * contract, else `needs_reconfiguration` (its kind and options stay on the server, unsent).
 */
function presentWidget(row: WidgetRow, kind: WidgetKind | null, layout: WidgetLayout): BoardWidget {
  if (kind) {
    const parsed = widgetInstanceSchema.safeParse({ id: row.id, kind, options: row.options, layout });
    if (parsed.success) return parsed.data;
  }
  return { id: row.id, state: 'needs_reconfiguration', kind, layout };
}

/**
 * Shapes a board for the API from allow-listed fields. Nothing stored is ever left out: a widget that
 * no longer matches its contract, or whose kind this version does not know, is shown to be
 * reconfigured; a position that no longer parses is replaced by a place under the other widgets.
 */
export function presentBoard(row: BoardRow, principal: Principal): Board {
  const stored = [...row.widgets]
    .sort((a, b) => a.position - b.position)
    .map((widget) => {
      const kind = isWidgetKind(widget.kind) ? widget.kind : null;
      return { widget, kind, layout: storedLayout(kind, widget.layout) };
    });
  const placed = stored.flatMap(({ widget, kind, layout }) => (layout ? [{ id: widget.id, kind, layout }] : []));
  const widgets = stored.map(({ widget, kind, layout }) => {
    if (layout) return presentWidget(widget, kind, layout);
    const place = newWidgetLayout(kind, placed, 'bottom');
    placed.push({ id: widget.id, kind, layout: place });
    return presentWidget(widget, kind, place);
  });
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    readOnly: !can(principal, 'board.edit', boardResourceOf(row)),
    updatedAt: row.updatedAt.toISOString(),
    widgets,
  };
}
