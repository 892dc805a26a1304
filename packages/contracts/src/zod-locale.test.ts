import { describe, expect, it } from 'vitest';
import { connectorKindSchema, createBoardRequestSchema } from './index.js';

describe('validation details', () => {
  it('are in French once the contracts are loaded, for messages the contracts do not write themselves', () => {
    const unknownKey = createBoardRequestSchema.safeParse({ name: 'Finances', colour: 'bleu' });
    expect(unknownKey.success).toBe(false);
    const messages = unknownKey.error?.issues.map((issue) => issue.message) ?? [];
    expect(messages.join(' ')).toMatch(/Clé non reconnue/);
    expect(messages.join(' ')).not.toMatch(/Unrecognized|Invalid|expected/);

    const kind = connectorKindSchema.safeParse('sharepoint');
    expect(kind.error?.issues[0]?.message).toMatch(/^Option invalide/);
  });
});
