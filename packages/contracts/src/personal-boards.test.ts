import { describe, expect, it } from 'vitest';
import {
  MAX_BOARD_NAME_LENGTH,
  createBoardRequestSchema,
  homeBoardRequestSchema,
  updateBoardRequestSchema,
} from './personal-boards.js';

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => issue.message) ?? [];
}

describe('personal board requests', () => {
  it('take a name trimmed, refuse an empty, too long or control-character name in French', () => {
    expect(createBoardRequestSchema.parse({ name: '  Finances  ' })).toEqual({ name: 'Finances' });
    expect(messages(createBoardRequestSchema.safeParse({ name: '   ' }))).toEqual(['Donnez un nom au tableau.']);
    expect(messages(createBoardRequestSchema.safeParse({}))).toEqual(['Donnez un nom au tableau.']);
    expect(messages(createBoardRequestSchema.safeParse({ name: 'x'.repeat(MAX_BOARD_NAME_LENGTH + 1) }))).toEqual([
      `Le nom d’un tableau compte au plus ${MAX_BOARD_NAME_LENGTH} caractères.`,
    ]);
    expect(createBoardRequestSchema.safeParse({ name: 'a\u0000b' }).success).toBe(false);
    expect(createBoardRequestSchema.safeParse({ name: 'Élus', owner: 'x' }).success).toBe(false);
  });

  it('a change names a new name or a new place, and nothing else', () => {
    expect(updateBoardRequestSchema.parse({ position: 0 })).toEqual({ position: 0 });
    expect(updateBoardRequestSchema.parse({ name: 'Suivi', position: 2 })).toEqual({ name: 'Suivi', position: 2 });
    expect(messages(updateBoardRequestSchema.safeParse({}))).toEqual([
      'Indiquez un nouveau nom ou une nouvelle place pour le tableau.',
    ]);
    expect(updateBoardRequestSchema.safeParse({ position: -1 }).success).toBe(false);
    expect(updateBoardRequestSchema.safeParse({ position: 1.5 }).success).toBe(false);
    expect(updateBoardRequestSchema.safeParse({ version: 3 }).success).toBe(false);
  });

  it('the home board is a board id, or null to let Pléiade choose', () => {
    expect(homeBoardRequestSchema.parse({ boardId: null })).toEqual({ boardId: null });
    expect(homeBoardRequestSchema.safeParse({ boardId: 'accueil' }).success).toBe(false);
    expect(homeBoardRequestSchema.safeParse({}).success).toBe(false);
  });
});
