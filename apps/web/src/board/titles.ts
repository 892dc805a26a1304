import type { WidgetInstance, WidgetKind } from '@pleiade/contracts';
import { WIDGET_REGISTRY } from '../widgets/registry';

/**
 * Titles that tell instances of one kind apart (« Notes », « Notes 2 »): each widget is a landmark
 * named by its title, and screen-reader users navigate landmarks by name.
 */
export function widgetTitles(widgets: readonly WidgetInstance[]): Map<string, string> {
  const seen = new Map<WidgetKind, number>();
  const titles = new Map<string, string>();
  for (const widget of widgets) {
    const rank = (seen.get(widget.kind) ?? 0) + 1;
    seen.set(widget.kind, rank);
    const title = WIDGET_REGISTRY[widget.kind].title;
    titles.set(widget.id, rank === 1 ? title : `${title} ${rank}`);
  }
  return titles;
}
