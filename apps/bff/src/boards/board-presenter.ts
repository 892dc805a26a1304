import {
  BREAKPOINT_NAMES,
  can,
  decide,
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
import {
  boardAccessFields,
  boardResourceOf,
  fromDbKind,
  widgetResourceOf,
  type BoardAccessRow,
  type WidgetAccessRow,
} from './board-access.js';

export interface WidgetRow extends WidgetAccessRow {
  id: string;
  kind: string;
  options: unknown;
  layout: unknown;
  position: number;
}

/** What the presenter needs of the template a personal board copies. */
export interface TemplateRow extends BoardAccessRow {
  id: string;
  name: string;
  contentRevision: number;
}

export interface BoardRow extends BoardAccessRow {
  id: string;
  name: string;
  version: number;
  updatedAt: Date;
  widgets: WidgetRow[];
  /** A copy of a template: the version it was copied or merged from, and the template. */
  templateRevision: number | null;
  template: TemplateRow | null;
}

/** What every board read for the API includes (Prisma `include`). */
export const boardInclude = {
  widgets: true,
  template: { select: { id: true, name: true, contentRevision: true, ...boardAccessFields } },
} as const;

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
 * Stored widgets as the API shows them, in board order. Nothing is ever left out: a widget that no
 * longer matches its contract, or whose kind this version does not know, is shown to be
 * reconfigured; a position that no longer parses is replaced by a place under the other widgets.
 */
export function presentWidgets<R extends WidgetRow>(rows: readonly R[]): { row: R; widget: BoardWidget }[] {
  const stored = [...rows]
    .sort((a, b) => a.position - b.position)
    .map((widget) => {
      const kind = isWidgetKind(widget.kind) ? widget.kind : null;
      return { widget, kind, layout: storedLayout(kind, widget.layout) };
    });
  const placed = stored.flatMap(({ widget, kind, layout }) => (layout ? [{ id: widget.id, kind, layout }] : []));
  return stored.map(({ widget, kind, layout }) => {
    if (layout) return { row: widget, widget: presentWidget(widget, kind, layout) };
    const place = newWidgetLayout(kind, placed, 'bottom');
    placed.push({ id: widget.id, kind, layout: place });
    return { row: widget, widget: presentWidget(widget, kind, place) };
  });
}

/**
 * Shapes a board for the API from allow-listed fields: the widgets the person may see (those
 * restricted to groups they are not in never leave the server; a save keeps them), which of them a
 * template locks for them, and whether the template they copy has a newer version.
 */
export function presentBoard(row: BoardRow, principal: Principal): Board {
  const shown = presentWidgets(
    row.widgets.filter((widget) => can(principal, 'widget.read', widgetResourceOf(row, widget))),
  );
  const template = row.template && can(principal, 'board.read', boardResourceOf(row.template)) ? row.template : null;
  const lockedWidgetIds = shown.flatMap(({ row: widget }) => {
    const move = decide(principal, 'widget.move', widgetResourceOf(row, widget, template !== null));
    return !move.allowed && move.reason === 'locked' ? [widget.id] : [];
  });
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    readOnly: !can(principal, 'board.edit', boardResourceOf(row)),
    updatedAt: row.updatedAt.toISOString(),
    kind: fromDbKind[row.kind],
    widgets: shown.map(({ widget }) => widget),
    lockedWidgetIds,
    template: template && {
      id: template.id,
      name: template.name,
      updateAvailable: template.contentRevision > (row.templateRevision ?? 0),
    },
  };
}
