import {
  MAX_WIDGETS_PER_BOARD,
  decide,
  isUnavailable,
  isWidgetKind,
  sameJson,
  widgetLayoutSchema,
  withFullLayouts,
  type BoardWidget,
  type ErrorDetail,
  type Subject,
  type WidgetLayout,
} from '@pleiade/contracts';
import { Prisma } from '../generated/prisma/client.js';
import { AppError } from '../errors.js';
import { widgetResourceOf, type BoardAccessRow } from './board-access.js';

/**
 * A widget as stored, with what a template says of it: the shape of a widget row, of a version in
 * the history and of a copy's merge base. Kind and options stay as stored (a widget to reconfigure
 * keeps its own until a person changes it).
 */
export interface StoredWidget {
  id: string;
  kind: string;
  options: Prisma.JsonValue;
  layout: Prisma.JsonValue;
  locked: boolean;
  audience: string[];
}

export const storedWidgetFields = {
  id: true,
  kind: true,
  options: true,
  layout: true,
  position: true,
  locked: true,
  audience: true,
} as const;

/** Rows in board order. */
export function storedWidgetsOf(rows: readonly (StoredWidget & { position: number })[]): StoredWidget[] {
  return [...rows]
    .sort((a, b) => a.position - b.position)
    .map(({ id, kind, options, layout, locked, audience }) => ({ id, kind, options, layout, locked, audience }));
}

/** A version's or merge base's widgets, read back from JSON (anything unreadable is left out). */
export function storedWidgetsFromJson(value: Prisma.JsonValue | null | undefined): StoredWidget[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): StoredWidget[] => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return [];
    const { id, kind, options, layout, locked, audience } = item;
    if (typeof id !== 'string' || typeof kind !== 'string') return [];
    return [
      {
        id,
        kind,
        options: options ?? null,
        layout: layout ?? null,
        locked: locked === true,
        audience: Array.isArray(audience) ? audience.filter((group): group is string => typeof group === 'string') : [],
      },
    ];
  });
}

export function storedWidgetsJson(widgets: readonly StoredWidget[]): Prisma.InputJsonValue {
  return widgets.map((widget) => ({ ...widget, options: widget.options ?? null })) as Prisma.InputJsonValue;
}

export function widgetRowsOf(
  boardId: string,
  widgets: readonly StoredWidget[],
): Prisma.WidgetInstanceCreateManyInput[] {
  return widgets.map((widget, position) => ({
    boardId,
    id: widget.id,
    kind: widget.kind,
    options: widget.options ?? Prisma.JsonNull,
    layout: widget.layout ?? Prisma.JsonNull,
    locked: widget.locked,
    audience: widget.audience,
    position,
  }));
}

function parsedLayout(layout: unknown): WidgetLayout | null {
  const parsed = widgetLayoutSchema.safeParse(layout);
  return parsed.success ? parsed.data : null;
}

/**
 * The widgets with a stored position on every screen size (what the grid shows there). On a
 * person's copy (`lockedStay`), locked widgets stay where they are and the others flow around
 * them; on the template itself, locks do not pin anything. A widget whose position no longer
 * parses keeps it: the presenter places it, as for any board.
 */
export function arrangeWidgets(widgets: readonly StoredWidget[], lockedStay = true): StoredWidget[] {
  const placeable = widgets.flatMap((widget) => {
    const layout = parsedLayout(widget.layout);
    const kind = isWidgetKind(widget.kind) ? widget.kind : null;
    return layout ? [{ id: widget.id, kind, layout, locked: lockedStay && widget.locked }] : [];
  });
  const arranged = new Map(withFullLayouts(placeable).map((widget) => [widget.id, widget.layout]));
  return widgets.map((widget) => {
    const layout = arranged.get(widget.id);
    return layout ? { ...widget, layout } : widget;
  });
}

const LOCKED_MESSAGE =
  'Ce widget est verrouillé par l’administrateur de votre collectivité : il ne peut être ni déplacé ni retiré.';

/**
 * What a save from the board editor writes, from the request and the stored widgets:
 * - a widget of the request takes its kind and options from it (one to reconfigure: as stored), its
 *   lock and audience from the stored widget of that id (a new one: neither);
 * - a stored widget the person may not see (restricted to other groups) is kept as stored; the
 *   request cannot name it;
 * - a widget the policies lock for the person (widget.remove / widget.move: `locked`, while the
 *   template still reaches them: `locksHeld`) must still be there, at its stored place, or the save
 *   is refused (403).
 */
export function widgetsToSave(
  subject: Subject,
  board: BoardAccessRow,
  request: readonly BoardWidget[],
  stored: readonly StoredWidget[],
  locksHeld = true,
): StoredWidget[] {
  const byId = new Map(stored.map((widget) => [widget.id, widget]));
  const visible = (widget: StoredWidget) => decide(subject, 'widget.read', widgetResourceOf(board, widget)).allowed;
  const hidden = stored.filter((widget) => !visible(widget));
  const hiddenIds = new Set(hidden.map((widget) => widget.id));
  const problems: ErrorDetail[] = [];
  const saved = request.flatMap((widget, position): StoredWidget[] => {
    const kept = byId.get(widget.id);
    if (kept && hiddenIds.has(kept.id)) {
      problems.push({
        path: `body.widgets.${position}.id`,
        message: 'Identifiant de widget déjà utilisé sur ce tableau.',
      });
      return [];
    }
    const access = { locked: kept?.locked ?? false, audience: kept?.audience ?? [] };
    if (!isUnavailable(widget)) {
      return [{ id: widget.id, kind: widget.kind, options: widget.options, layout: widget.layout, ...access }];
    }
    if (!kept) {
      problems.push({
        path: `body.widgets.${position}.id`,
        message: 'Ce widget à reconfigurer n’est pas sur ce tableau.',
      });
      return [];
    }
    return [{ ...kept, layout: widget.layout }];
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', problems);

  const requested = new Map(saved.map((widget) => [widget.id, widget]));
  for (const widget of stored) {
    if (hiddenIds.has(widget.id)) continue;
    const resource = widgetResourceOf(board, widget, locksHeld);
    const removal = decide(subject, 'widget.remove', resource);
    const move = decide(subject, 'widget.move', resource);
    const mine = requested.get(widget.id);
    if (!mine || mine.kind !== widget.kind) {
      if (!removal.allowed && removal.reason === 'locked') throw new AppError('FORBIDDEN', LOCKED_MESSAGE);
      continue;
    }
    if (!move.allowed && move.reason === 'locked') {
      // Each stored position must be the same; a breakpoint it has none for keeps none.
      const storedLayout: Partial<WidgetLayout> = parsedLayout(widget.layout) ?? {};
      const sent: Partial<WidgetLayout> = parsedLayout(mine.layout) ?? {};
      const moved = Object.entries(storedLayout).some(
        ([breakpoint, item]) => !sameJson(item, sent[breakpoint as keyof WidgetLayout]),
      );
      if (moved) throw new AppError('FORBIDDEN', LOCKED_MESSAGE);
      mine.layout = widget.layout;
    }
  }
  if (saved.length + hidden.length > MAX_WIDGETS_PER_BOARD) {
    throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', [
      {
        path: 'body.widgets',
        message: `Au plus ${MAX_WIDGETS_PER_BOARD} widgets par tableau, dont ${hidden.length} réservé(s) à d’autres groupes que les vôtres.`,
      },
    ]);
  }
  return [...saved, ...hidden];
}
