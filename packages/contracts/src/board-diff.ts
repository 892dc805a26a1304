import type { BoardChange } from './shared-boards.js';
import {
  BREAKPOINT_NAMES,
  WIDGET_TITLES,
  isWidgetKind,
  widgetLayoutSchema,
  type Breakpoint,
  type GridItem,
} from './widgets.js';

/** What comparing two versions of a board needs of it (a stored version, a template, a copy). */
export interface DiffableBoard {
  name: string;
  audience: readonly string[];
  priority: number;
  widgets: readonly DiffableWidget[];
}

export interface DiffableWidget {
  id: string;
  kind: string | null;
  /** Absent for a widget whose options are not sent (one to reconfigure). */
  options?: unknown;
  layout: unknown;
  locked: boolean;
  audience: readonly string[];
}

/** JSON with object keys sorted: two values are the same when these are. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : item,
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function sameGroups(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function positions(layout: unknown): Partial<Record<Breakpoint, GridItem>> {
  const parsed = widgetLayoutSchema.safeParse(layout);
  return parsed.success ? parsed.data : {};
}

/** The widest screen size on which a widget's stored position differs, with both positions. */
function positionChange(
  before: unknown,
  after: unknown,
): { breakpoint: Breakpoint; from: GridItem; to: GridItem } | null {
  const from = positions(before);
  const to = positions(after);
  for (const breakpoint of BREAKPOINT_NAMES) {
    const a = from[breakpoint];
    const b = to[breakpoint];
    if (a && b && !sameJson(a, b)) return { breakpoint, from: a, to: b };
  }
  return null;
}

/**
 * What changed from one version of a board to another, for people to read: the board's name,
 * audience and priority, then each widget added, moved, resized, configured, locked or unlocked,
 * restricted otherwise, then those removed. Widgets are matched by id.
 */
export function diffBoards(before: DiffableBoard, after: DiffableBoard): BoardChange[] {
  const changes: BoardChange[] = [];
  if (before.name !== after.name) changes.push({ type: 'renamed', from: before.name, to: after.name });
  if (!sameGroups(before.audience, after.audience)) {
    changes.push({ type: 'audience', from: [...before.audience], to: [...after.audience] });
  }
  if (before.priority !== after.priority) changes.push({ type: 'priority', from: before.priority, to: after.priority });
  const previous = new Map(before.widgets.map((widget) => [widget.id, widget]));
  for (const widget of after.widgets) {
    const ref = { widgetId: widget.id, kind: widget.kind };
    const old = previous.get(widget.id);
    if (!old || old.kind !== widget.kind) {
      if (old) changes.push({ type: 'widget-removed', widgetId: old.id, kind: old.kind });
      const position = positions(widget.layout).lg ?? { x: 0, y: 0, w: 0, h: 0 };
      changes.push({
        type: 'widget-added',
        ...ref,
        position,
        locked: widget.locked,
        audience: [...widget.audience],
      });
      continue;
    }
    const moved = positionChange(old.layout, widget.layout);
    if (moved && (moved.from.x !== moved.to.x || moved.from.y !== moved.to.y)) {
      changes.push({ type: 'widget-moved', ...ref, ...moved });
    }
    if (moved && (moved.from.w !== moved.to.w || moved.from.h !== moved.to.h)) {
      changes.push({ type: 'widget-resized', ...ref, ...moved });
    }
    if (!sameJson(old.options ?? null, widget.options ?? null)) changes.push({ type: 'widget-configured', ...ref });
    if (old.locked !== widget.locked)
      changes.push({ type: widget.locked ? 'widget-locked' : 'widget-unlocked', ...ref });
    if (!sameGroups(old.audience, widget.audience)) {
      changes.push({ type: 'widget-audience', ...ref, from: [...old.audience], to: [...widget.audience] });
    }
  }
  const kept = new Set(after.widgets.map((widget) => widget.id));
  for (const widget of before.widgets) {
    if (!kept.has(widget.id)) changes.push({ type: 'widget-removed', widgetId: widget.id, kind: widget.kind });
  }
  return changes;
}

const SCREEN_SIZES: Record<Breakpoint, string> = {
  lg: '',
  md: ' sur écran moyen',
  sm: ' sur tablette',
  xs: ' sur téléphone',
};

/** The title of a kind for people; « Widget indisponible » for one this version does not know. */
export function widgetTitleOf(kind: string | null): string {
  return kind !== null && isWidgetKind(kind) ? WIDGET_TITLES[kind] : 'Widget indisponible';
}

function place(item: { x: number; y: number }): string {
  return `colonne ${item.x + 1}, ligne ${item.y + 1}`;
}

function groups(list: readonly string[]): string {
  return list.join(', ');
}

/**
 * One change in French, for the history, the diff and « Mise à jour disponible ». `titleOf` names a
 * widget (« Notes 2 » when there are several); by default, its kind's title.
 */
export function describeChange(
  change: BoardChange,
  titleOf: (widgetId: string, kind: string | null) => string = (_id, kind) => widgetTitleOf(kind),
): string {
  const title = 'widgetId' in change ? `« ${titleOf(change.widgetId, change.kind)} »` : '';
  switch (change.type) {
    case 'widget-added': {
      const settings = [
        ...(change.locked ? ['verrouillé'] : []),
        ...(change.audience.length > 0 ? [`réservé aux groupes : ${groups(change.audience)}`] : []),
      ];
      return `${title} ajouté en ${place(change.position)}${settings.length > 0 ? ` (${settings.join(' ; ')})` : ''}.`;
    }
    case 'widget-removed':
      return `${title} retiré.`;
    case 'widget-moved':
      return `${title} déplacé${SCREEN_SIZES[change.breakpoint as Breakpoint] ?? ''} de la ${place(change.from)} à la ${place(change.to)}.`;
    case 'widget-resized':
      return `${title} redimensionné${SCREEN_SIZES[change.breakpoint as Breakpoint] ?? ''} : ${change.to.w} colonnes sur ${change.to.h} lignes (avant : ${change.from.w} sur ${change.from.h}).`;
    case 'widget-configured':
      return `Réglages de ${title} modifiés.`;
    case 'widget-locked':
      return `${title} verrouillé : il ne peut plus être déplacé ni retiré des copies.`;
    case 'widget-unlocked':
      return `${title} déverrouillé.`;
    case 'widget-audience':
      return change.to.length === 0
        ? `${title} de nouveau visible par tout le public du tableau.`
        : `${title} réservé aux groupes : ${groups(change.to)}.`;
    case 'renamed':
      return `Nom changé : « ${change.from} » devient « ${change.to} ».`;
    case 'audience':
      return change.to.length === 0
        ? 'Public retiré : le tableau n’est plus visible que des administrateurs.'
        : `Public : ${groups(change.to)}${change.from.length > 0 ? ` (avant : ${groups(change.from)})` : ''}.`;
    case 'priority':
      return `Priorité : ${change.to} (avant : ${change.from}).`;
  }
}
