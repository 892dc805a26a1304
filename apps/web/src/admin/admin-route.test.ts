import { describe, expect, it } from 'vitest';
import { ADMIN_HASH, BOARD_HASH, viewFromHash } from './admin-route';

describe('the hash view switch', () => {
  it('maps #/administration to the administration page and the rest of #/… to the board', () => {
    expect(viewFromHash(ADMIN_HASH)).toBe('administration');
    expect(viewFromHash(`${ADMIN_HASH}/connecteurs`)).toBe('administration');
    expect(viewFromHash(BOARD_HASH)).toBe('board');
    expect(viewFromHash('')).toBe('board');
    expect(viewFromHash('#/administrationx')).toBe('board');
  });

  it('leaves the view alone for an in-page anchor such as « Aller au contenu »', () => {
    expect(viewFromHash('#contenu')).toBeNull();
  });
});
