import type { BoardWidget, WidgetKind } from '@pleiade/contracts';
import { i18n } from '../i18n';
import { widgetKindTitle } from '../i18n/kinds';

/** The title of a widget whose kind this version does not know. */
export const unknownWidgetTitle = (): string => i18n.t('board:widget.unknownTitle');

/**
 * Titles that tell instances of one kind apart (« Notes », « Notes 2 »): each widget is a landmark
 * named by its title, and screen-reader users navigate landmarks by name. A widget to reconfigure
 * keeps its kind's title. In the interface's language at the time of the call; `kindTitle` lets a
 * component pass its own `t`, so that its memoised titles follow a change of language.
 */
export function widgetTitles(
  widgets: readonly BoardWidget[],
  kindTitle: (kind: WidgetKind) => string = widgetKindTitle,
): Map<string, string> {
  const seen = new Map<WidgetKind | null, number>();
  const titles = new Map<string, string>();
  for (const widget of widgets) {
    const rank = (seen.get(widget.kind) ?? 0) + 1;
    seen.set(widget.kind, rank);
    const title = widget.kind === null ? unknownWidgetTitle() : kindTitle(widget.kind);
    titles.set(widget.id, rank === 1 ? title : `${title} ${rank}`);
  }
  return titles;
}
