import { z } from 'zod';

/**
 * Grid breakpoints: minimum container width in pixels and number of columns. A desktop (lg, md)
 * arranges widgets freely on 12 or 10 columns; a tablet (sm) has two columns, a widget filling one
 * or both; a phone (xs) has one. Widget sizes are given for the 12-column grid and scaled to the
 * others (grid.ts), so a tablet shows two widgets side by side instead of one squeezed column.
 */
export const BREAKPOINTS = {
  lg: { minWidth: 1200, cols: 12 },
  md: { minWidth: 996, cols: 10 },
  sm: { minWidth: 600, cols: 2 },
  xs: { minWidth: 0, cols: 1 },
} as const;
export type Breakpoint = keyof typeof BREAKPOINTS;
export const BREAKPOINT_NAMES = Object.keys(BREAKPOINTS) as Breakpoint[];

/** Lowest row a widget may start at: far beyond any real board, low enough to stop abuse. */
export const MAX_ROW = 500;
/** Most widgets one board may hold. */
export const MAX_WIDGETS_PER_BOARD = 40;
/** Largest serialised size of a board's widgets (options included), in bytes. */
export const MAX_BOARD_BYTES = 200_000;
export const MAX_NOTE_LENGTH = 10_000;

export const WIDGET_KINDS = [
  'welcome',
  'app-launcher',
  'notes',
  'mail',
  'agenda',
  'nextcloud-notifications',
  'nextcloud-files',
  'nextcloud-dashboard',
  'chat',
  'visio',
  'parapheur',
  'teletransmission',
  'seances',
  'pastell',
  'todo',
  'announcements',
  'news',
  'business-data',
  'indicator',
] as const;
export type WidgetKind = (typeof WIDGET_KINDS)[number];

/**
 * What people call each kind, everywhere: the widget's title, the catalogue, the history of a
 * board, the administration's messages. One name per thing.
 */
export const WIDGET_TITLES: { readonly [K in WidgetKind]: string } = {
  welcome: 'Bienvenue',
  'app-launcher': 'Applications',
  notes: 'Notes',
  mail: 'Messagerie',
  agenda: 'Agenda',
  'nextcloud-notifications': 'Notifications Nextcloud',
  'nextcloud-files': 'Fichiers récents',
  'nextcloud-dashboard': 'Tableau de bord Nextcloud',
  chat: 'Messagerie instantanée',
  visio: 'Visioconférence',
  parapheur: 'Parapheur',
  teletransmission: 'Télétransmission des actes',
  seances: 'Séances et convocations',
  pastell: 'Documents Pastell',
  todo: 'À traiter',
  announcements: 'Annonces',
  news: 'Actualités',
  'business-data': 'Données métier',
  indicator: 'Indicateur',
};

export function isWidgetKind(kind: string): kind is WidgetKind {
  return (WIDGET_KINDS as readonly string[]).includes(kind);
}

/** Sizes in columns of the 12-column grid (lg), in rows of every grid. */
export interface WidgetSize {
  defaultW: number;
  defaultH: number;
  minW: number;
  minH: number;
  maxW: number;
  maxH: number;
}

/** What both the SPA and the BFF must know of a widget kind: its options and size bounds. */
export interface WidgetKindContract<Options extends z.ZodType = z.ZodType> {
  options: Options;
  defaultOptions: z.infer<Options>;
  size: WidgetSize;
  /** Most instances of this kind on one board. */
  maxPerBoard: number;
}

const welcomeOptions = z.object({}).strict();
const appLauncherOptions = z.object({}).strict();
const notesOptions = z
  .object({
    text: z.string().max(MAX_NOTE_LENGTH, `Une note compte au plus ${MAX_NOTE_LENGTH} caractères.`),
  })
  .strict();

/**
 * Options of widgets fed by a connected application. `connectorId` picks one of the
 * collectivité's connectors; absent, the BFF uses the first suitable one (WIDGET_CONNECTOR_KINDS).
 */
const connectedOptions = z
  .object({ connectorId: z.uuid({ error: 'identifiant de connecteur invalide' }).optional() })
  .strict();
const nextcloudDashboardOptions = connectedOptions
  .extend({
    /** Id of a Nextcloud dashboard widget (`recommendations`, `activity`, `deck`…). */
    dashboardWidget: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'un identifiant de widget Nextcloud')
      .default('recommendations'),
  })
  .strict();

/** Télétransmission: the period its counts cover, in days up to today (absent: TELETRANSMISSION_DEFAULT_DAYS). */
const teletransmissionOptions = connectedOptions
  .extend({
    periodDays: z
      .number()
      .int()
      .min(1, 'Une période compte au moins 1 jour.')
      .max(366, 'Une période compte au plus 366 jours.')
      .optional(),
  })
  .strict();
/**
 * Pastell: the entity shown. The BFF refuses one outside the connector's entities (those of the
 * person's collectivité); absent, the connector's first entity.
 */
const pastellOptions = connectedOptions
  .extend({
    entityId: z
      .string()
      .regex(/^\d{1,10}$/, 'un numéro d’entité Pastell')
      .optional(),
  })
  .strict();

export const TELETRANSMISSION_DEFAULT_DAYS = 30;
const todoOptions = z.object({}).strict();

/** « Données métier » shows one declarative data source of the collectivité (declarative.ts); none chosen yet: it says so. */
const businessDataOptions = z
  .object({ dataSourceId: z.uuid({ error: 'identifiant de donnée métier invalide' }).optional() })
  .strict();
/** Which of the collectivité's indicators (GET /api/indicators); absent until chosen. */
const indicatorOptions = z
  .object({ indicatorId: z.uuid({ error: 'identifiant d’indicateur invalide' }).optional() })
  .strict();

const connectedSize = { defaultW: 4, defaultH: 5, minW: 2, minH: 2, maxW: 12, maxH: 12 };

/** Exhaustive: adding a kind to WIDGET_KINDS without a contract here fails to compile. */
export const WIDGET_CONTRACTS = {
  welcome: {
    options: welcomeOptions,
    defaultOptions: {},
    size: { defaultW: 4, defaultH: 3, minW: 2, minH: 2, maxW: 12, maxH: 6 },
    maxPerBoard: 1,
  },
  'app-launcher': {
    options: appLauncherOptions,
    defaultOptions: {},
    size: { defaultW: 4, defaultH: 4, minW: 2, minH: 2, maxW: 12, maxH: 12 },
    maxPerBoard: 2,
  },
  notes: {
    options: notesOptions,
    defaultOptions: { text: '' },
    size: { defaultW: 4, defaultH: 4, minW: 2, minH: 2, maxW: 12, maxH: 16 },
    maxPerBoard: 10,
  },
  mail: { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  agenda: { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  'nextcloud-notifications': { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  'nextcloud-files': { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  'nextcloud-dashboard': {
    options: nextcloudDashboardOptions,
    defaultOptions: { dashboardWidget: 'recommendations' },
    size: connectedSize,
    maxPerBoard: 4,
  },
  chat: { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  visio: { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 2 },
  parapheur: { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  teletransmission: { options: teletransmissionOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  seances: { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  pastell: { options: pastellOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  /** « À traiter »: every application's actionable items (GET /api/todo/stream), no options. */
  todo: { options: todoOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 1 },
  announcements: { options: z.object({}).strict(), defaultOptions: {}, size: connectedSize, maxPerBoard: 1 },
  news: { options: connectedOptions, defaultOptions: {}, size: connectedSize, maxPerBoard: 4 },
  'business-data': {
    options: businessDataOptions,
    defaultOptions: {},
    size: { defaultW: 3, defaultH: 3, minW: 2, minH: 2, maxW: 12, maxH: 12 },
    maxPerBoard: 12,
  },
  indicator: {
    options: indicatorOptions,
    defaultOptions: {},
    size: { defaultW: 3, defaultH: 4, minW: 2, minH: 3, maxW: 6, maxH: 8 },
    maxPerBoard: 12,
  },
} as const satisfies { [K in WidgetKind]: WidgetKindContract };

export const gridItemSchema = z
  .object({
    x: z.number().int().min(0),
    y: z.number().int().min(0).max(MAX_ROW),
    w: z.number().int().min(1),
    h: z.number().int().min(1),
  })
  .strict();
export type GridItem = z.infer<typeof gridItemSchema>;

/** Positions per breakpoint; `lg` is required, the others are derived by the grid when absent. */
export const widgetLayoutSchema = z
  .object({
    lg: gridItemSchema,
    md: gridItemSchema.optional(),
    sm: gridItemSchema.optional(),
    xs: gridItemSchema.optional(),
  })
  .strict();
export type WidgetLayout = z.infer<typeof widgetLayoutSchema>;

const widgetBase = {
  id: z.uuid(),
  layout: widgetLayoutSchema,
};

export const widgetInstanceSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ ...widgetBase, kind: z.literal('welcome'), options: welcomeOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('app-launcher'), options: appLauncherOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('notes'), options: notesOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('mail'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('agenda'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('nextcloud-notifications'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('nextcloud-files'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('nextcloud-dashboard'), options: nextcloudDashboardOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('chat'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('visio'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('parapheur'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('teletransmission'), options: teletransmissionOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('seances'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('pastell'), options: pastellOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('todo'), options: todoOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('announcements'), options: z.object({}).strict() }).strict(),
    z.object({ ...widgetBase, kind: z.literal('news'), options: connectedOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('business-data'), options: businessDataOptions }).strict(),
    z.object({ ...widgetBase, kind: z.literal('indicator'), options: indicatorOptions }).strict(),
  ],
  { error: () => `Type de widget inconnu. Types acceptés : ${WIDGET_KINDS.join(', ')}.` },
);
export type WidgetInstance = z.infer<typeof widgetInstanceSchema>;
