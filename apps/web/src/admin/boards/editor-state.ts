import {
  BREAKPOINT_NAMES,
  diffBoards,
  isUnavailable,
  type Breakpoint,
  type BoardChange,
  type BoardWidget,
  type SaveSharedBoardRequest,
  type SharedBoard,
  type WidgetAccess,
  type WidgetKind,
  WIDGET_CONTRACTS,
  newWidgetLayout,
  widgetInstanceSchema,
} from '@pleiade/contracts';
import { removeWidget, updateWidgetOptions } from '../../board/layout';
import { groupsText, parseGroups } from './format';

/**
 * What the administrator is preparing, before « Publier »: the board's settings as typed, its
 * widgets (placed with the board editor's own placement functions), and each widget's lock and
 * audience. Nothing reaches anyone until it is published as a new version.
 */
export interface Draft {
  name: string;
  /** As typed: groups separated by commas. */
  audienceText: string;
  priority: number;
  widgets: readonly BoardWidget[];
  access: Readonly<Record<string, WidgetAccess>>;
}

export function draftOf(board: SharedBoard): Draft {
  return {
    name: board.name,
    audienceText: groupsText(board.audience),
    priority: board.priority,
    widgets: board.widgets.map(({ locked: _locked, audience: _audience, ...widget }) => widget as BoardWidget),
    access: Object.fromEntries(
      board.widgets.map((widget) => [widget.id, { locked: widget.locked, audience: [...widget.audience] }]),
    ),
  };
}

export function accessOf(draft: Draft, widgetId: string): WidgetAccess {
  return draft.access[widgetId] ?? { locked: false, audience: [] };
}

/** The request publishing the draft as the version after `version`. */
export function publishRequestOf(draft: Draft, version: number): SaveSharedBoardRequest {
  return {
    version,
    name: draft.name.trim(),
    audience: parseGroups(draft.audienceText),
    priority: draft.priority,
    widgets: draft.widgets.map((widget) => ({ ...widget, ...accessOf(draft, widget.id) })),
  };
}

/** What publishing the draft would change, for the administrator to read before they do. */
export function pendingChanges(board: SharedBoard, draft: Draft): BoardChange[] {
  const request = publishRequestOf(draft, board.version);
  return diffBoards(board, {
    ...request,
    widgets: request.widgets.map((widget) => ({
      ...widget,
      options: isUnavailable(widget) ? undefined : widget.options,
    })),
  });
}

export function withWidgets(draft: Draft, widgets: readonly BoardWidget[]): Draft {
  return widgets === draft.widgets ? draft : { ...draft, widgets };
}

/** A new widget with its kind's default options, at the first free place: a board composed at once. */
export function addWidget(draft: Draft, kind: WidgetKind, id: string): Draft {
  const widget = widgetInstanceSchema.parse({
    id,
    kind,
    layout: newWidgetLayout(kind, draft.widgets, 'first-free'),
    options: structuredClone(WIDGET_CONTRACTS[kind].defaultOptions),
  });
  return {
    ...draft,
    widgets: [...draft.widgets, widget],
    access: { ...draft.access, [id]: { locked: false, audience: [] } },
  };
}

export function withoutWidget(draft: Draft, id: string): Draft {
  const { [id]: _removed, ...access } = draft.access;
  return { ...draft, widgets: removeWidget(draft.widgets, id), access };
}

export function withAccess(draft: Draft, id: string, change: Partial<WidgetAccess>): Draft {
  return { ...draft, access: { ...draft.access, [id]: { ...accessOf(draft, id), ...change } } };
}

/** The text of a note prepared for the audience (the only options the administration edits). */
export function withNoteText(draft: Draft, id: string, text: string): Draft {
  return withWidgets(draft, updateWidgetOptions(draft.widgets, id, { text }));
}

/**
 * After an arrangement on one screen size, the narrower ones are derived again from it when the
 * version is published (their stored positions are dropped): the administrator arranges one
 * screen, and every copy's tablet and phone follow it.
 */
export function deriveNarrower(widgets: readonly BoardWidget[], breakpoint: Breakpoint): BoardWidget[] {
  const narrower = BREAKPOINT_NAMES.slice(BREAKPOINT_NAMES.indexOf(breakpoint) + 1);
  return widgets.map((widget) => {
    if (!narrower.some((name) => widget.layout[name])) return widget;
    const layout = { ...widget.layout };
    for (const name of narrower) delete layout[name];
    return { ...widget, layout };
  });
}
