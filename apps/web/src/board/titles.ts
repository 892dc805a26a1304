import type { BoardWidget, WidgetKind } from '@pleiade/contracts';
import { i18n } from '../i18n';
import { widgetKindTitle } from '../i18n/kinds';

/** The title of a widget whose kind this version does not know. */
export const unknownWidgetTitle = (): string => i18n.t('board:widget.unknownTitle');

/** The name a widget takes from what it shows (a data source's, an indicator's), when known. */
export type ContentName = (widget: BoardWidget) => string | undefined;

/**
 * Titles that tell widgets apart (« Notes », « Notes 2 »): each widget is a landmark named by its
 * title, and screen-reader users navigate landmarks by name. A widget showing a chosen data source or
 * indicator is named after it (`contentName`), others after their kind; a widget to reconfigure
 * keeps its kind's title. In the interface's language at the time of the call; `kindTitle` lets a
 * component pass its own `t`, so that its memoised titles follow a change of language.
 */
export function widgetTitles(
  widgets: readonly BoardWidget[],
  kindTitle: (kind: WidgetKind) => string = widgetKindTitle,
  contentName: ContentName = () => undefined,
): Map<string, string> {
  const seen = new Map<string, number>();
  const titles = new Map<string, string>();
  for (const widget of widgets) {
    const title = contentName(widget) ?? (widget.kind === null ? unknownWidgetTitle() : kindTitle(widget.kind));
    const rank = (seen.get(title) ?? 0) + 1;
    seen.set(title, rank);
    titles.set(widget.id, rank === 1 ? title : `${title} ${rank}`);
  }
  return titles;
}
