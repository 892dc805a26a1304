import { useEffect, useState } from 'react';

/**
 * The SPA has no router: views are hashes. The board; the administration at `#/administration`
 * (its sections below it: admin/boards/sections.ts); a published board full screen at
 * `#/kiosque/<id>`. Only hashes starting with `#/` are views, so in-page anchors (the « Aller au
 * contenu » link's `#contenu`) leave the current view alone.
 */
export type AppView = 'board' | 'administration' | 'kiosk' | 'todo';

export const ADMIN_HASH = '#/administration';
export const BOARD_HASH = '#/';
export const KIOSK_HASH = '#/kiosque';
/** « À traiter » (todo/TodoPage.tsx). */
export const TODO_HASH = '#/a-traiter';

/** The kiosk mode of a published board (a council-chamber screen). */
export function kioskHash(boardId: string): string {
  return `${KIOSK_HASH}/${boardId}`;
}

/** The board a kiosk hash names, or null. */
export function kioskBoardIdOf(hash: string): string | null {
  const match = /^#\/kiosque\/([0-9a-f-]{36})$/i.exec(hash);
  return match?.[1] ?? null;
}

/** The view a hash asks for; `null` when the hash is an in-page anchor, not a view. */
export function viewFromHash(hash: string): AppView | null {
  if (hash === ADMIN_HASH || hash.startsWith(`${ADMIN_HASH}/`)) return 'administration';
  if (hash.startsWith(`${KIOSK_HASH}/`)) return 'kiosk';
  if (hash === TODO_HASH) return 'todo';
  if (hash === '' || hash === '#' || hash.startsWith('#/')) return 'board';
  return null;
}

export function useHashView(): AppView {
  const [view, setView] = useState<AppView>(() => viewFromHash(window.location.hash) ?? 'board');
  useEffect(() => {
    const onHashChange = (): void => {
      const next = viewFromHash(window.location.hash);
      if (next) setView(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return view;
}

/** The current hash, kept up to date (the administration's sections, the kiosk's board). */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onHashChange = (): void => setHash(window.location.hash);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return hash;
}
