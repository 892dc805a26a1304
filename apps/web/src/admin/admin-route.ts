import { useEffect, useState } from 'react';

/**
 * The SPA has two views and no router: the board, and the administration page at `#/administration`.
 * Only hashes starting with `#/` are views, so in-page anchors (the « Aller au contenu » link's
 * `#contenu`) leave the current view alone.
 */
export type AppView = 'board' | 'administration';

export const ADMIN_HASH = '#/administration';
export const BOARD_HASH = '#/';

/** The view a hash asks for; `null` when the hash is an in-page anchor, not a view. */
export function viewFromHash(hash: string): AppView | null {
  if (hash === ADMIN_HASH || hash.startsWith(`${ADMIN_HASH}/`)) return 'administration';
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
