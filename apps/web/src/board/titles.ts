import type { BoardWidget, WidgetKind } from '@pleiade/contracts';
import { WIDGET_REGISTRY } from '../widgets/registry';

/** The title of a widget whose kind this version does not know. */
export const UNKNOWN_WIDGET_TITLE = 'Widget indisponible';

/**
 * Titles that tell instances of one kind apart (« Notes », « Notes 2 »): each widget is a landmark
 * named by its title, and screen-reader users navigate landmarks by name. A widget to reconfigure
 * keeps its kind's title.
 */
export function widgetTitles(widgets: readonly BoardWidget[]): Map<string, string> {
  const seen = new Map<WidgetKind | null, number>();
  const titles = new Map<string, string>();
  for (const widget of widgets) {
    const rank = (seen.get(widget.kind) ?? 0) + 1;
    seen.set(widget.kind, rank);
    const title = widget.kind === null ? UNKNOWN_WIDGET_TITLE : WIDGET_REGISTRY[widget.kind].title;
    titles.set(widget.id, rank === 1 ? title : `${title} ${rank}`);
  }
  return titles;
}
