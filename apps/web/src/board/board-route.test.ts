import { describe, expect, it } from 'vitest';
import { viewFromHash } from '../admin/admin-route';
import { boardHash, boardIdFromHash } from './board-route';

describe('board route', () => {
  const id = '0f8fad5b-d9cb-469f-a165-70867728950e';

  it('names a board in the hash, and is the board view', () => {
    expect(boardHash(id)).toBe(`#/tableau/${id}`);
    expect(boardIdFromHash(boardHash(id))).toBe(id);
    expect(boardIdFromHash(boardHash(id.toUpperCase()))).toBe(id);
    expect(viewFromHash(boardHash(id))).toBe('board');
  });

  it('opens the home board for any other hash', () => {
    for (const hash of ['', '#', '#/', '#/tableau/', '#/tableau/accueil', `#/tableau/${id}/x`, '#contenu']) {
      expect(boardIdFromHash(hash), hash).toBeNull();
    }
  });
});
