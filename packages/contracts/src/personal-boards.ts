import { z } from 'zod';
import type { Language } from './identity.js';
import { BOARD_KINDS } from './policies/resources.js';

/** Most boards one person may own (their tabs), boards prepared for them not counted. */
export const MAX_PERSONAL_BOARDS = 20;
export const MAX_BOARD_NAME_LENGTH = 60;
/**
 * Name of the board a person gets when they have none, in the language of their interface at that
 * moment (the SPA's `board:page.loadingTitle` says the same); then it is theirs, renamed or not.
 */
export const DEFAULT_BOARD_NAMES: Readonly<Record<Language, string>> = {
  fr: 'Mon tableau de bord',
  en: 'My dashboard',
};
export const DEFAULT_BOARD_NAME = DEFAULT_BOARD_NAMES.fr;
/** The name offered for a new board (the SPA offers it in the interface's language). */
export const NEW_BOARD_NAME = 'Nouveau tableau';

export const boardNameSchema = z
  .string({ error: 'Donnez un nom au tableau.' })
  .trim()
  .min(1, 'Donnez un nom au tableau.')
  .max(MAX_BOARD_NAME_LENGTH, `Le nom d’un tableau compte au plus ${MAX_BOARD_NAME_LENGTH} caractères.`)
  .regex(/^[^\p{Cc}]*$/u, 'Le nom d’un tableau ne peut pas contenir de caractère de contrôle.');

/** One of the person's tabs: a board they may open. */
export const boardSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Their own (`personal`), or one the collectivité published for them. */
  kind: z.enum(BOARD_KINDS),
  /** True when the person may not change it (élus, boards published for them). */
  readOnly: z.boolean(),
});
export type BoardSummary = z.infer<typeof boardSummarySchema>;

/** GET /api/boards, and the answer of every change to the list. */
export const boardListSchema = z.object({
  /** The person's own boards in their order, then the boards published for them. */
  boards: z.array(boardSummarySchema),
  /**
   * The board to open when none is named: the person's choice, else the copy of the best-matching
   * template of their groups, else their first board (the collectivité's default at first).
   */
  homeBoardId: z.uuid(),
  /** The person's own choice of home board; null when Pléiade chooses. */
  chosenHomeBoardId: z.uuid().nullable(),
});
export type BoardList = z.infer<typeof boardListSchema>;

/** POST /api/boards: a new, empty board of the person's, after their others. */
export const createBoardRequestSchema = z.object({ name: boardNameSchema }).strict();
export type CreateBoardRequest = z.infer<typeof createBoardRequestSchema>;

/** PATCH /api/boards/:boardId: rename a board, or move it among the person's own boards. */
export const updateBoardRequestSchema = z
  .object({
    name: boardNameSchema.optional(),
    /** Its new place among the person's own boards, from 0; past the last, it goes last. */
    position: z.number().int().min(0).max(MAX_PERSONAL_BOARDS).optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.position !== undefined, {
    message: 'Indiquez un nouveau nom ou une nouvelle place pour le tableau.',
  });
export type UpdateBoardRequest = z.infer<typeof updateBoardRequestSchema>;

/** PUT /api/me/home-board: the board to open on; null lets Pléiade choose again. */
export const homeBoardRequestSchema = z.object({ boardId: z.uuid().nullable() }).strict();
export type HomeBoardRequest = z.infer<typeof homeBoardRequestSchema>;
