import { randomUUID } from 'node:crypto';
import type { Role, WidgetInstance } from '@pleiade/contracts';

/** The board everyone gets at first sign-in, until administrators can prepare their own. */
export function defaultWidgets(role: Role): WidgetInstance[] {
  const widgets: WidgetInstance[] = [
    {
      id: randomUUID(),
      kind: 'welcome',
      options: {},
      layout: {
        lg: { x: 0, y: 0, w: 4, h: 3 },
        md: { x: 0, y: 0, w: 4, h: 3 },
        sm: { x: 0, y: 0, w: 6, h: 3 },
        xs: { x: 0, y: 0, w: 2, h: 3 },
      },
    },
    {
      id: randomUUID(),
      kind: 'app-launcher',
      options: {},
      layout: {
        lg: { x: 4, y: 0, w: 4, h: 4 },
        md: { x: 4, y: 0, w: 4, h: 4 },
        sm: { x: 0, y: 3, w: 6, h: 4 },
        xs: { x: 0, y: 3, w: 2, h: 4 },
      },
    },
  ];
  if (role !== 'elu') {
    widgets.push({
      id: randomUUID(),
      kind: 'notes',
      options: { text: '' },
      layout: {
        lg: { x: 8, y: 0, w: 4, h: 4 },
        md: { x: 8, y: 0, w: 2, h: 4 },
        sm: { x: 0, y: 7, w: 6, h: 4 },
        xs: { x: 0, y: 7, w: 2, h: 4 },
      },
    });
  }
  return widgets;
}
