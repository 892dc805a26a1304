import { z } from 'zod';
import { MAX_BOARD_VERSION, boardWidgetSchema, checkBoardWidgets, type BoardWidget } from './board.js';
import { boardNameSchema } from './personal-boards.js';
import { MAX_WIDGETS_PER_BOARD } from './widgets.js';

/**
 * Boards the collectivité's administrators prepare: templates (people get a copy that keeps
 * receiving new versions) and boards published read-only to an audience. Their widgets carry two
 * settings of their own: `locked` (on a person's copy, it can be neither moved nor removed) and an
 * `audience` (groups that may see it and its data; empty: everyone who sees the board).
 */

export const SHARED_BOARD_KINDS = ['template', 'published'] as const;
export type SharedBoardKind = (typeof SHARED_BOARD_KINDS)[number];

export const MAX_AUDIENCE_GROUPS = 50;
/** Versions kept per template or published board. */
export const MAX_REVISIONS = 20;
/** Templates are chosen for a person in the audience of several by priority: 1 first. */
export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 99;

/** A group of the identity provider, as the `groups` claim names it. */
export const groupNameSchema = z
  .string({ error: 'Un nom de groupe est un texte.' })
  .trim()
  .min(1, 'Un nom de groupe ne peut pas être vide.')
  .max(200, 'Un nom de groupe compte au plus 200 caractères.')
  .regex(/^[^,\p{Cc}]+$/u, 'Un nom de groupe ne contient ni virgule ni caractère de contrôle.');

/** Groups, each once, in the order given. */
export const audienceSchema = z
  .array(groupNameSchema, { error: 'Le public est une liste de groupes.' })
  .max(MAX_AUDIENCE_GROUPS, `Au plus ${MAX_AUDIENCE_GROUPS} groupes.`)
  .transform((groups) => [...new Set(groups)]);

export const prioritySchema = z
  .number({ error: 'La priorité est un nombre entier.' })
  .int('La priorité est un nombre entier.')
  .min(MIN_PRIORITY, `La priorité va de ${MIN_PRIORITY} à ${MAX_PRIORITY}.`)
  .max(MAX_PRIORITY, `La priorité va de ${MIN_PRIORITY} à ${MAX_PRIORITY}.`);

/** What a template or published board says of one of its widgets, besides the widget itself. */
export interface WidgetAccess {
  locked: boolean;
  audience: string[];
}

export type SharedWidget = BoardWidget & WidgetAccess;

const widgetAccessSchema = z
  .object({
    locked: z.boolean({ error: '« locked » vaut true ou false.' }).default(false),
    audience: audienceSchema.default([]),
  })
  .strict();

/**
 * A widget of a template or published board: a board widget (checked by its own schema, errors keep
 * their paths) with its lock and audience.
 */
export const sharedWidgetSchema = z.unknown().transform((input, ctx): SharedWidget => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    ctx.addIssue({ code: 'custom', message: 'Un widget est un objet.' });
    return z.NEVER;
  }
  const { locked, audience, ...widget } = input as Record<string, unknown>;
  const access = widgetAccessSchema.safeParse({ locked, audience });
  const parsed = boardWidgetSchema.safeParse(widget);
  if (!access.success) for (const issue of access.error.issues) ctx.addIssue({ ...issue });
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
  if (!access.success || !parsed.success) return z.NEVER;
  return { ...parsed.data, ...access.data };
});

export const sharedWidgetsSchema = z
  .array(sharedWidgetSchema)
  .max(MAX_WIDGETS_PER_BOARD, `Au plus ${MAX_WIDGETS_PER_BOARD} widgets par tableau.`)
  .superRefine(checkBoardWidgets);

/** POST /api/admin/boards */
export const createSharedBoardRequestSchema = z
  .object({
    kind: z.enum(SHARED_BOARD_KINDS, { error: 'Le type est « template » (modèle) ou « published » (publié).' }),
    name: boardNameSchema,
    audience: audienceSchema.default([]),
    priority: prioritySchema.default(MIN_PRIORITY),
  })
  .strict();
export type CreateSharedBoardRequest = z.infer<typeof createSharedBoardRequestSchema>;

/** PUT /api/admin/boards/:boardId — publishes a new version. */
export const saveSharedBoardRequestSchema = z
  .object({
    /** The version the edit was made on; 409 when another administrator published since. */
    version: z.number().int().min(1).max(MAX_BOARD_VERSION),
    name: boardNameSchema,
    audience: audienceSchema,
    priority: prioritySchema,
    widgets: sharedWidgetsSchema,
  })
  .strict();
export type SaveSharedBoardRequest = z.infer<typeof saveSharedBoardRequestSchema>;

/** POST /api/admin/boards/:boardId/revisions/:number/restore */
export const restoreRevisionRequestSchema = z
  .object({ version: z.number().int().min(1).max(MAX_BOARD_VERSION) })
  .strict();
export type RestoreRevisionRequest = z.infer<typeof restoreRevisionRequestSchema>;

export const revisionParamsSchema = z
  .object({ boardId: z.uuid(), number: z.coerce.number().int().min(1).max(1_000_000) })
  .strict();

/** GET /api/admin/boards/:boardId — everything the administration edits. */
export const sharedBoardSchema = z.object({
  id: z.uuid(),
  kind: z.enum(SHARED_BOARD_KINDS),
  name: z.string(),
  audience: z.array(z.string()),
  priority: z.number().int(),
  version: z.number().int(),
  /** Number of the version published last. */
  revision: z.number().int(),
  updatedAt: z.iso.datetime(),
  /** A template: how many people have a copy. */
  copies: z.number().int(),
  widgets: z.array(sharedWidgetSchema),
});
export type SharedBoard = z.infer<typeof sharedBoardSchema>;

const revisionAuthorSchema = z.object({
  number: z.number().int(),
  authorName: z.string(),
  createdAt: z.iso.datetime(),
});

export const sharedBoardSummarySchema = z.object({
  id: z.uuid(),
  kind: z.enum(SHARED_BOARD_KINDS),
  name: z.string(),
  audience: z.array(z.string()),
  priority: z.number().int(),
  revision: z.number().int(),
  updatedAt: z.iso.datetime(),
  widgetCount: z.number().int(),
  lockedCount: z.number().int(),
  restrictedCount: z.number().int(),
  copies: z.number().int(),
  lastRevision: revisionAuthorSchema.nullable(),
});
export type SharedBoardSummary = z.infer<typeof sharedBoardSummarySchema>;

/** GET /api/admin/boards */
export const sharedBoardListSchema = z.object({ boards: z.array(sharedBoardSummarySchema) });
export type SharedBoardList = z.infer<typeof sharedBoardListSchema>;

/** Why a version was recorded. */
export const REVISION_ACTIONS = ['created', 'published', 'restored', 'imported'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

const gridItemShape = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
const changedWidget = { widgetId: z.string(), kind: z.string().nullable() };

/** One difference between two versions of a board, for people to read (the SPA words it in French). */
export const boardChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('widget-added'),
    ...changedWidget,
    position: gridItemShape,
    locked: z.boolean(),
    audience: z.array(z.string()),
  }),
  z.object({ type: z.literal('widget-removed'), ...changedWidget }),
  z.object({
    type: z.literal('widget-moved'),
    ...changedWidget,
    breakpoint: z.string(),
    from: gridItemShape,
    to: gridItemShape,
  }),
  z.object({
    type: z.literal('widget-resized'),
    ...changedWidget,
    breakpoint: z.string(),
    from: gridItemShape,
    to: gridItemShape,
  }),
  z.object({ type: z.literal('widget-configured'), ...changedWidget }),
  z.object({ type: z.literal('widget-locked'), ...changedWidget }),
  z.object({ type: z.literal('widget-unlocked'), ...changedWidget }),
  z.object({
    type: z.literal('widget-audience'),
    ...changedWidget,
    from: z.array(z.string()),
    to: z.array(z.string()),
  }),
  z.object({ type: z.literal('renamed'), from: z.string(), to: z.string() }),
  z.object({ type: z.literal('audience'), from: z.array(z.string()), to: z.array(z.string()) }),
  z.object({ type: z.literal('priority'), from: z.number(), to: z.number() }),
]);
export type BoardChange = z.infer<typeof boardChangeSchema>;

export const boardRevisionSchema = z.object({
  number: z.number().int(),
  action: z.enum(REVISION_ACTIONS),
  authorName: z.string(),
  createdAt: z.iso.datetime(),
  restoredFrom: z.number().int().nullable(),
  name: z.string(),
  widgetCount: z.number().int(),
  /** What changed since the version before it; null for the oldest version kept. */
  changes: z.array(boardChangeSchema).nullable(),
});
export type BoardRevision = z.infer<typeof boardRevisionSchema>;

/** GET /api/admin/boards/:boardId/revisions — newest first, at most MAX_REVISIONS. */
export const boardRevisionListSchema = z.object({ revisions: z.array(boardRevisionSchema) });
export type BoardRevisionList = z.infer<typeof boardRevisionListSchema>;

/** GET /api/boards/:boardId/template-update — what a newer version of the template would bring. */
export const templateUpdateSchema = z.object({
  template: z.object({ id: z.uuid(), name: z.string() }),
  fromRevision: z.number().int(),
  toRevision: z.number().int(),
  publishedAt: z.iso.datetime(),
  authorName: z.string(),
  /** Only about widgets the person may see. */
  changes: z.array(boardChangeSchema),
});
export type TemplateUpdate = z.infer<typeof templateUpdateSchema>;

/** POST /api/boards/:boardId/template-update/merge and …/reset */
export const applyTemplateUpdateRequestSchema = z
  .object({ version: z.number().int().min(1).max(MAX_BOARD_VERSION) })
  .strict();
export type ApplyTemplateUpdateRequest = z.infer<typeof applyTemplateUpdateRequestSchema>;

/** GET /api/admin/audiences — groups seen among the collectivité's people, and the boards for each. */
export const audienceListSchema = z.object({
  groups: z.array(
    z.object({
      name: z.string(),
      /** People of the collectivité who had this group at their last sign-in. */
      members: z.number().int(),
      boards: z.array(z.object({ id: z.uuid(), kind: z.enum(SHARED_BOARD_KINDS), name: z.string() })),
    }),
  ),
});
export type AudienceList = z.infer<typeof audienceListSchema>;

export const AUDIT_ACTIONS = [
  'board.created',
  'board.published',
  'board.restored',
  'board.imported',
  'board.deleted',
  'announcement.created',
  'announcement.updated',
  'announcement.deleted',
  // Indicators (issue 11): `board` then names the indicator (id and kind null).
  'indicator.created',
  'indicator.updated',
  'indicator.deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEventSchema = z.object({
  id: z.uuid(),
  at: z.iso.datetime(),
  action: z.enum(AUDIT_ACTIONS),
  actorName: z.string(),
  board: z.object({
    /** Null once the board is deleted. */
    id: z.uuid().nullable(),
    kind: z.enum(SHARED_BOARD_KINDS).nullable(),
    name: z.string(),
  }),
  revision: z.number().int().nullable(),
  /** A restore: the version restored. */
  restoredFrom: z.number().int().nullable(),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

/** GET /api/admin/audit-log — newest first. */
export const auditLogSchema = z.object({ events: z.array(auditEventSchema) });
export type AuditLog = z.infer<typeof auditLogSchema>;
