import { BREAKPOINT_NAMES, sameJson, widgetLayoutSchema, type WidgetLayout } from '@pleiade/contracts';
import { arrangeWidgets, type StoredWidget } from './shared-widgets.js';

/**
 * A person's copy of a template meets a newer version of it. Three versions, widgets matched by id
 * (a copy keeps the template's widget ids): the version the copy was made or last merged from (the
 * base), the template's new version, and the copy as the person left it.
 *
 * Merge rules (mergeTemplate, on the person's request):
 * - a widget of the new version the person still has: on each screen size, their position if they
 *   moved it there (else the new one); their settings if they changed them (else the new ones);
 *   lock and audience from the new version; a locked widget always takes the new version's position;
 * - a widget new in the template is added at its place (the person's widgets around it move down);
 * - a template widget the person removed stays removed, unless the new version locks it;
 * - a widget the template no longer has is removed if the person left it as it was, kept (as their
 *   own, unlocked) if they moved or configured it;
 * - the person's own widgets stay as they are;
 * - then every screen size is arranged: locked widgets where the template puts them, the others
 *   flowing around them.
 *
 * Locks and restrictions (enforceTemplate, when the administrator publishes, without the person's
 * action): the new version's locked widgets are applied — added back, put at their place, their
 * settings taken unless the person changed them —, widgets no longer locked are released where they
 * are, and every widget of the template takes the new version's audience (a widget restricted to
 * some groups disappears at once for the others). Nothing else of the copy changes until the person
 * merges or resets.
 */

function byId(widgets: readonly StoredWidget[]): Map<string, StoredWidget> {
  return new Map(widgets.map((widget) => [widget.id, widget]));
}

function layoutOf(widget: StoredWidget | undefined): WidgetLayout | null {
  const parsed = widgetLayoutSchema.safeParse(widget?.layout);
  return parsed.success ? parsed.data : null;
}

/** Screen size by screen size: where the person moved it, else where the new version puts it. */
function mergedLayout(copy: StoredWidget, next: StoredWidget, base: StoredWidget | undefined): StoredWidget['layout'] {
  const mine = layoutOf(copy);
  const theirs = layoutOf(next);
  const before = layoutOf(base);
  if (!mine || !theirs) return theirs ? next.layout : copy.layout;
  const merged: WidgetLayout = { lg: theirs.lg };
  for (const breakpoint of BREAKPOINT_NAMES) {
    const moved = mine[breakpoint] && !sameJson(mine[breakpoint], before?.[breakpoint]);
    const item = moved ? mine[breakpoint] : (theirs[breakpoint] ?? mine[breakpoint]);
    if (item) merged[breakpoint] = item;
  }
  return merged;
}

/** A template widget as the person's copy keeps it, given what the person changed since the base. */
function mergedWidget(copy: StoredWidget, next: StoredWidget, base: StoredWidget | undefined): StoredWidget {
  if (copy.kind !== next.kind) return next;
  const sameKind = base?.kind === copy.kind;
  const configured = !sameKind || !sameJson(copy.options, base.options);
  return {
    id: next.id,
    kind: next.kind,
    layout: next.locked ? next.layout : mergedLayout(copy, next, sameKind ? base : undefined),
    options: configured ? copy.options : next.options,
    locked: next.locked,
    audience: next.audience,
  };
}

export function mergeTemplate(
  base: readonly StoredWidget[],
  next: readonly StoredWidget[],
  copy: readonly StoredWidget[],
): StoredWidget[] {
  const baseById = byId(base);
  const nextById = byId(next);
  const copyById = byId(copy);
  const merged: StoredWidget[] = [];
  for (const widget of copy) {
    const inNext = nextById.get(widget.id);
    const inBase = baseById.get(widget.id);
    if (inNext) {
      merged.push(mergedWidget(widget, inNext, inBase));
    } else if (inBase) {
      const untouched =
        inBase.kind === widget.kind &&
        sameJson(widget.layout, inBase.layout) &&
        sameJson(widget.options, inBase.options);
      if (!untouched) merged.push({ ...widget, locked: false, audience: [] });
    } else {
      merged.push(widget);
    }
  }
  for (const widget of next) {
    if (copyById.has(widget.id)) continue;
    if (!baseById.has(widget.id) || widget.locked) merged.push(widget);
  }
  return arrangeWidgets(merged);
}

/** The copy with the new version's locks and audiences applied; null when they change nothing. */
export function enforceTemplate(
  base: readonly StoredWidget[],
  next: readonly StoredWidget[],
  copy: readonly StoredWidget[],
): StoredWidget[] | null {
  const baseById = byId(base);
  const nextById = byId(next);
  const copyById = byId(copy);
  const enforced = copy.map((widget): StoredWidget => {
    const inNext = nextById.get(widget.id);
    if (inNext?.locked) {
      const inBase = baseById.get(widget.id);
      const configured = !inBase || inBase.kind !== widget.kind || !sameJson(widget.options, inBase.options);
      return {
        ...inNext,
        options: configured && widget.kind === inNext.kind ? widget.options : inNext.options,
      };
    }
    const audience = inNext ? inNext.audience : widget.audience;
    return { ...widget, locked: false, audience };
  });
  for (const widget of next) {
    if (widget.locked && !copyById.has(widget.id)) enforced.push(widget);
  }
  if (sameJson(enforced, copy)) return null;
  // Only a change of locks moves widgets around; a change of audience moves nothing.
  const locksChanged = !sameJson(
    enforced.map((widget) => [widget.id, widget.locked, widget.locked ? widget.layout : null]),
    copy.map((widget) => [widget.id, widget.locked, widget.locked ? widget.layout : null]),
  );
  return locksChanged ? arrangeWidgets(enforced) : enforced;
}
