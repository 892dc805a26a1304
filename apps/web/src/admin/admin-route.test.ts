import { describe, expect, it } from 'vitest';
import { ADMIN_HASH, BOARD_HASH, kioskBoardIdOf, kioskHash, viewFromHash } from './admin-route';

describe('the hash view switch', () => {
  it('maps #/administration to the administration page and the rest of #/… to the board', () => {
    expect(viewFromHash(ADMIN_HASH)).toBe('administration');
    expect(viewFromHash(`${ADMIN_HASH}/connecteurs`)).toBe('administration');
    expect(viewFromHash(BOARD_HASH)).toBe('board');
    expect(viewFromHash('')).toBe('board');
    expect(viewFromHash('#/administrationx')).toBe('board');
  });

  it('maps #/kiosque/<id> to the kiosk mode of that board', () => {
    const id = '6f1c2d3e-4b5a-4c6d-8e7f-901234567890';
    expect(viewFromHash(kioskHash(id))).toBe('kiosk');
    expect(kioskBoardIdOf(kioskHash(id))).toBe(id);
    expect(kioskBoardIdOf('#/kiosque/pas-un-tableau')).toBeNull();
  });

  it('leaves the view alone for an in-page anchor such as « Aller au contenu »', () => {
    expect(viewFromHash('#contenu')).toBeNull();
  });
});
