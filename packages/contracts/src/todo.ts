import { z } from 'zod';
import { connectorKindSchema } from './connector-kinds/index.js';
import { safeLinkSchema, widgetFailureStatusSchema } from './widget-data.js';

/**
 * « À traiter » (issue 10): what the person has to do in every application of their collectivité,
 * in one shape, streamed to the page source by source (GET /api/todo/stream, NDJSON).
 */

/** The connector kind an item comes from. */
export const actionItemSourceKindSchema = connectorKindSchema;
export type ActionItemSourceKind = z.infer<typeof actionItemSourceKindSchema>;

const isoInstant = z.iso.datetime({ offset: true });
const text = (max = 500) => z.string().max(max);

/** `urgent`: late, due within two days or in error; `high`: has a due date or asks for an answer. */
export const ACTION_PRIORITIES = ['urgent', 'high', 'normal'] as const;
export const actionPrioritySchema = z.enum(ACTION_PRIORITIES);
export type ActionPriority = z.infer<typeof actionPrioritySchema>;

export const actionItemSchema = z.object({
  /** Unique across sources: the connector's id and the item's id in its application. */
  id: text(400),
  /** The connector the item comes from (one of the person's collectivité). */
  connectorId: z.uuid(),
  kind: actionItemSourceKindSchema,
  title: text(),
  /** Where it sits (desk, sitting, sender…), French, plain text. */
  context: text(),
  /** What to do, in French. */
  status: text(200),
  dueAt: isoInstant.nullable(),
  updatedAt: isoInstant.nullable(),
  priority: actionPrioritySchema,
  url: safeLinkSchema.optional(),
});
export type ActionItem = z.infer<typeof actionItemSchema>;

/** A source as the page lists it (its filter and count). */
export const todoSourceSchema = z.object({
  connectorId: z.uuid(),
  kind: actionItemSourceKindSchema,
  label: z.string(),
});
export type TodoSource = z.infer<typeof todoSourceSchema>;

/** One NDJSON line of GET /api/todo/stream. */
export const todoEventSchema = z.discriminatedUnion('type', [
  /** First line: every source queried. */
  z.object({ type: z.literal('sources'), sources: z.array(todoSourceSchema) }),
  /** A source answered: its items (all of them: replaces what the page held for it). */
  z.object({
    type: z.literal('items'),
    connectorId: z.uuid(),
    items: z.array(actionItemSchema),
    fetchedAt: isoInstant,
    /** Served from the cache while the application is slow or failing. */
    stale: z.boolean(),
  }),
  /** A source has not answered yet after the slow threshold; an `items` or `failed` line follows. */
  z.object({ type: z.literal('slow'), connectorId: z.uuid() }),
  /** A source failed; `message` is French, for people. */
  z.object({
    type: z.literal('failed'),
    connectorId: z.uuid(),
    status: widgetFailureStatusSchema,
    message: z.string(),
  }),
  /** Last line: every source answered or failed. */
  z.object({ type: z.literal('done') }),
]);
export type TodoEvent = z.infer<typeof todoEventSchema>;

const PRIORITY_RANK: Record<ActionPriority, number> = { urgent: 0, high: 1, normal: 2 };

/**
 * Urgency order: priority first, then the nearest due date (items without one after), then the
 * latest change, then the id (a stable order when the stream completes source by source).
 */
export function compareActionItems(a: ActionItem, b: ActionItem): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') ||
    (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '') ||
    a.id.localeCompare(b.id)
  );
}
