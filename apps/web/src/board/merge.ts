import {
  BREAKPOINT_NAMES,
  boardWidgetsSchema,
  isUnavailable,
  type BoardWidget,
  type GridItem,
  type WidgetLayout,
} from '@pleiade/contracts';

/**
 * What a 409 does with the person's changes: a three-way merge of the board as this tab last saved
 * it (`base`), as the person has it now (`mine`) and as the server has it now (`theirs`). Changes
 * made on one side only are all kept, from both sides. A widget's content (its kind, its options —
 * a note's text) changed on both sides in different ways, or removed on one side and changed on
 * the other, is a conflict the person settles: both versions are offered. Positions are not: where
 * both sides moved the same widget on the same breakpoint, the person's arrangement wins (what they
 * see; the grid compacts what it gets). Pure, so every case is unit-tested.
 */

export type ConflictKind =
  /** Changed here and elsewhere, differently (a note's text typed in two places). */
  | 'content'
  /** Removed here, changed elsewhere. */
  | 'removed-here'
  /** Changed here, removed elsewhere. */
  | 'removed-there'
  /** Both boards cannot be combined (limits of a kind or of the board): one or the other, whole. */
  | 'board';

export interface WidgetConflict {
  kind: ConflictKind;
  /** The widget concerned; null for a conflict about the whole board. */
  id: string | null;
  mine: BoardWidget | null;
  theirs: BoardWidget | null;
}

export interface MergeResult {
  /** Every change of both sides; in a conflict, the person's version. */
  mine: readonly BoardWidget[];
  /** Every change of both sides; in a conflict, the other version. */
  theirs: readonly BoardWidget[];
  conflicts: WidgetConflict[];
}

/** JSON with object keys sorted: the same value whatever the order it was built or parsed in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Everything of a widget but its position: kind, options, or its state « à reconfigurer ». */
export function contentOf(widget: BoardWidget): string {
  return isUnavailable(widget)
    ? canonical({ state: widget.state, kind: widget.kind })
    : canonical({ kind: widget.kind, options: widget.options });
}

function sameItem(a: GridItem | undefined, b: GridItem | undefined): boolean {
  if (!a || !b) return a === b;
  return a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
}

export function sameWidget(a: BoardWidget, b: BoardWidget): boolean {
  return canonical(a) === canonical(b);
}

export function sameWidgets(a: readonly BoardWidget[], b: readonly BoardWidget[]): boolean {
  return a.length === b.length && a.every((widget, index) => sameWidget(widget, b[index] as BoardWidget));
}

/** The same widgets in the same order with the same content, wherever they are. */
export function sameContents(a: readonly BoardWidget[], b: readonly BoardWidget[]): boolean {
  return (
    a.length === b.length &&
    a.every((widget, index) => {
      const other = b[index];
      return other !== undefined && other.id === widget.id && contentOf(other) === contentOf(widget);
    })
  );
}

/** Per breakpoint: the side that moved it; both, the person's. */
function mergeLayouts(base: WidgetLayout, mine: WidgetLayout, theirs: WidgetLayout): WidgetLayout {
  const merged: Partial<WidgetLayout> = {};
  for (const breakpoint of BREAKPOINT_NAMES) {
    const item = sameItem(mine[breakpoint], base[breakpoint]) ? theirs[breakpoint] : mine[breakpoint];
    if (item) merged[breakpoint] = item;
  }
  return { ...merged, lg: merged.lg ?? mine.lg };
}

function withLayout(widget: BoardWidget, layout: WidgetLayout): BoardWidget {
  return { ...widget, layout } as BoardWidget;
}

export function mergeBoards(
  base: readonly BoardWidget[],
  mine: readonly BoardWidget[],
  theirs: readonly BoardWidget[],
): MergeResult {
  const baseById = new Map(base.map((widget) => [widget.id, widget]));
  const mineById = new Map(mine.map((widget) => [widget.id, widget]));
  const theirsById = new Map(theirs.map((widget) => [widget.id, widget]));
  // Their order, then what the person added, in theirs.
  const ids = [
    ...theirs.map((widget) => widget.id),
    ...mine.map((widget) => widget.id).filter((id) => !theirsById.has(id)),
  ];

  const conflicts: WidgetConflict[] = [];
  const keptMine: BoardWidget[] = [];
  const keptTheirs: BoardWidget[] = [];
  const keep = (forMine: BoardWidget | null, forTheirs: BoardWidget | null = forMine): void => {
    if (forMine) keptMine.push(forMine);
    if (forTheirs) keptTheirs.push(forTheirs);
  };

  for (const id of ids) {
    const b = baseById.get(id);
    const m = mineById.get(id) ?? null;
    const t = theirsById.get(id) ?? null;
    if (!b) {
      // Added on one side (ids are random: never on both, but then the same widget or a conflict).
      if (m && t && !sameWidget(m, t)) {
        conflicts.push({ kind: 'content', id, mine: m, theirs: t });
        keep(m, t);
      } else keep(t ?? m);
      continue;
    }
    if (!m && !t) continue;
    if (!m && t) {
      if (sameWidget(t, b)) continue;
      conflicts.push({ kind: 'removed-here', id, mine: null, theirs: t });
      keep(null, t);
      continue;
    }
    if (m && !t) {
      if (sameWidget(m, b)) continue;
      conflicts.push({ kind: 'removed-there', id, mine: m, theirs: null });
      keep(m, null);
      continue;
    }
    if (!m || !t) continue;
    const mineChanged = contentOf(m) !== contentOf(b);
    const theirsChanged = contentOf(t) !== contentOf(b);
    const layout = mergeLayouts(b.layout, m.layout, t.layout);
    if (mineChanged && theirsChanged && contentOf(m) !== contentOf(t)) {
      conflicts.push({ kind: 'content', id, mine: m, theirs: t });
      keep(withLayout(m, layout), withLayout(t, layout));
    } else {
      keep(withLayout(mineChanged ? m : t, layout));
    }
  }

  // Two boards that are each valid can make one that is not (two « Bienvenue », 41 widgets): then
  // the person chooses one board or the other, whole.
  const valid = (widgets: readonly BoardWidget[]) => boardWidgetsSchema.safeParse(widgets).success;
  if (!valid(keptMine) || !valid(keptTheirs)) {
    return { mine, theirs, conflicts: [{ kind: 'board', id: null, mine: null, theirs: null }] };
  }
  return { mine: keptMine, theirs: keptTheirs, conflicts };
}
