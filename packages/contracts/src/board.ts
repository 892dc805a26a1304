import { z } from 'zod';
import { sizeBounds } from './grid.js';
import { BOARD_KINDS } from './policies/resources.js';
import {
  BREAKPOINT_NAMES,
  BREAKPOINTS,
  MAX_BOARD_BYTES,
  MAX_WIDGETS_PER_BOARD,
  WIDGET_CONTRACTS,
  WIDGET_KINDS,
  widgetInstanceSchema,
  widgetLayoutSchema,
  type WidgetInstance,
} from './widgets.js';

/**
 * A stored widget this version cannot show: its options no longer match its kind's contract, or its
 * kind is unknown here (after a downgrade, say). The BFF keeps its kind and options as stored, never
 * sends them, and keeps the widget at every save that still lists it: only the person's removal (a
 * save without it) or reconfiguration (a save with a valid widget of that id) changes it.
 */
export const unavailableWidgetSchema = z
  .object({
    id: z.uuid(),
    state: z.literal('needs_reconfiguration'),
    /** Its kind when this version knows it (its options no longer match); null for an unknown kind. */
    kind: z.enum(WIDGET_KINDS).nullable(),
    layout: widgetLayoutSchema,
  })
  .strict();
export type UnavailableWidget = z.infer<typeof unavailableWidgetSchema>;

/** A widget of a board as the API gives it and takes it back. */
export type BoardWidget = WidgetInstance | UnavailableWidget;

export function isUnavailable(widget: BoardWidget): widget is UnavailableWidget {
  return 'state' in widget;
}

/**
 * One widget of a board: an unavailable one when it says so (`state`), else a widget of its kind.
 * Each is checked by its own schema, so errors keep their paths (`widgets.3.options.text`).
 */
export const boardWidgetSchema = z.unknown().transform((input, ctx): BoardWidget => {
  const unavailable = typeof input === 'object' && input !== null && 'state' in input;
  const parsed = (unavailable ? unavailableWidgetSchema : widgetInstanceSchema).safeParse(input);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  return z.NEVER;
});

/** UTF-8 size of a string; works the same in the browser and in Node without extra typings. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Checks that need the whole list: unique ids, per-kind counts, size bounds, total size. Unavailable
 * widgets count for none of their kind's limits (they do not work as that kind until reconfigured).
 */
export function checkBoardWidgets(widgets: readonly BoardWidget[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  const perKind = new Map<string, number>();
  widgets.forEach((widget, index) => {
    if (seen.has(widget.id)) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'Identifiant de widget en double.' });
    }
    seen.add(widget.id);
    if (!isUnavailable(widget)) {
      const count = (perKind.get(widget.kind) ?? 0) + 1;
      perKind.set(widget.kind, count);
      const { maxPerBoard } = WIDGET_CONTRACTS[widget.kind];
      if (count > maxPerBoard) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'kind'],
          message: `Au plus ${maxPerBoard} widget(s) « ${widget.kind} » par tableau.`,
        });
      }
    }
    for (const breakpoint of BREAKPOINT_NAMES) {
      const item = widget.layout[breakpoint];
      if (!item) continue;
      const cols = BREAKPOINTS[breakpoint].cols;
      const { minW, maxW, minH, maxH } = sizeBounds(widget.kind, breakpoint);
      const path = [index, 'layout', breakpoint];
      if (item.x + item.w > cols) {
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'x'],
          message: cols === 1 ? 'Le widget dépasse l’unique colonne.' : `Le widget dépasse les ${cols} colonnes.`,
        });
      }
      if (item.w < minW || item.w > maxW) {
        ctx.addIssue({ code: 'custom', path: [...path, 'w'], message: `Largeur hors limites (${minW} à ${maxW}).` });
      }
      if (item.h < minH || item.h > maxH) {
        ctx.addIssue({ code: 'custom', path: [...path, 'h'], message: `Hauteur hors limites (${minH} à ${maxH}).` });
      }
    }
  });
  const bytes = utf8ByteLength(JSON.stringify(widgets));
  if (bytes > MAX_BOARD_BYTES) {
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: `Le tableau est trop volumineux (${bytes} octets, au plus ${MAX_BOARD_BYTES}).`,
    });
  }
}

/** A board's version is a PostgreSQL integer (int4): beyond it, no board can be at that version. */
export const MAX_BOARD_VERSION = 2_147_483_647;

export const boardWidgetsSchema = z
  .array(boardWidgetSchema)
  .max(MAX_WIDGETS_PER_BOARD, `Au plus ${MAX_WIDGETS_PER_BOARD} widgets par tableau.`)
  .superRefine(checkBoardWidgets);

/** PUT /api/boards/:boardId */
export const saveBoardRequestSchema = z
  .object({
    /** The version the edit was made on; the server answers 409 when it is no longer current. */
    version: z.number().int().min(1).max(MAX_BOARD_VERSION),
    widgets: boardWidgetsSchema,
  })
  .strict();
export type SaveBoardRequest = z.infer<typeof saveBoardRequestSchema>;

export const boardSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  /** True when the signed-in person may not change this board (élus). */
  readOnly: z.boolean(),
  updatedAt: z.iso.datetime(),
  /** Whose it is: the person's own, or the collectivité's template or published board. */
  kind: z.enum(BOARD_KINDS),
  /** The widgets the person can see. Those restricted to groups they are not in are never sent. */
  widgets: z.array(boardWidgetSchema),
  /** Widgets the person may neither move nor remove: locked by the template this board copies. */
  lockedWidgetIds: z.array(z.uuid()),
  /** A person's copy of a template they still read: which, and whether a newer version can be merged. */
  template: z.object({ id: z.uuid(), name: z.string(), updateAvailable: z.boolean() }).nullable(),
});
export type Board = z.infer<typeof boardSchema>;

export const boardIdParamsSchema = z.object({ boardId: z.uuid() }).strict();
