import { can, widgetInstanceSchema, type Board, type WidgetInstance } from '@pleiade/contracts';
import type { Principal } from '../auth/principal.js';
import { boardResourceOf, type BoardAccessRow } from './board-access.js';

export interface BoardRow extends BoardAccessRow {
  id: string;
  name: string;
  version: number;
  updatedAt: Date;
  widgets: { id: string; kind: string; options: unknown; layout: unknown; position: number }[];
}

/** Shapes a board for the API from allow-listed fields; a stored widget that no longer parses is left out. */
export function presentBoard(row: BoardRow, principal: Principal): Board {
  const widgets = [...row.widgets]
    .sort((a, b) => a.position - b.position)
    .flatMap((widget): WidgetInstance[] => {
      const parsed = widgetInstanceSchema.safeParse({
        id: widget.id,
        kind: widget.kind,
        options: widget.options,
        layout: widget.layout,
      });
      return parsed.success ? [parsed.data] : [];
    });
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    readOnly: !can(principal, 'board.edit', boardResourceOf(row)),
    updatedAt: row.updatedAt.toISOString(),
    widgets,
  };
}
