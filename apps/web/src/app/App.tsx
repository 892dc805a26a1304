import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { Me } from '@pleiade/contracts';
import { useTranslation } from 'react-i18next';
import { kioskBoardIdOf, useHash, useHashView, type AppView } from '../admin/admin-route';
import { adminSectionOf } from '../admin/boards/sections';
import { useMe } from '../api/queries';
import { useSessionExpired } from '../api/session-expiry';
import { isApiError } from '../api/errors';
import { BoardPage } from '../board/BoardPage';
import { AppHeader } from './AppHeader';
import { ErrorPanel } from './ErrorPanel';
import { WelcomePage } from './WelcomePage';
import { LanguageSwitch, useLanguageOf } from '../i18n/LanguageSwitch';

// Administrators only: its code is fetched when they open it, not with everyone's first load.
const LookAdmin = lazy(() => import('../look/LookAdmin').then((module) => ({ default: module.LookAdmin })));
const AdminPage = lazy(() => import('../admin/AdminPage').then((module) => ({ default: module.AdminPage })));
const BoardsAdmin = lazy(() =>
  import('../admin/boards/BoardsAdmin').then((module) => ({ default: module.BoardsAdmin })),
);
const TodoPage = lazy(() => import('../todo/TodoPage').then((module) => ({ default: module.TodoPage })));
const DataSourcesAdmin = lazy(() =>
  import('../admin/DataSourcesAdmin').then((module) => ({ default: module.DataSourcesAdmin })),
);
const KioskPage = lazy(() => import('../shared-boards/KioskPage').then((module) => ({ default: module.KioskPage })));

/** Where to come back after signing in: a kiosk screen is set up once, signed in, then left alone. */
const RETURN_KEY = 'pleiade.returnTo';

const MAIN_ID = 'contenu';

/** The page around every view but the kiosk: skip link, header, main content. */
export function Shell({ me, view = 'board', children }: { me: Me | null; view?: AppView; children: ReactNode }) {
  const { t } = useTranslation('common');
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('app.skipLink')}
      </a>
      <AppHeader me={me} view={view} />
      <main id={MAIN_ID} tabIndex={-1} className="app-main">
        {children}
      </main>
      {/* Phones: the header has no room left for the language, it is offered at the page's end. */}
      <footer className="app-footer">
        <LanguageSwitch signedIn={me !== null} />
      </footer>
    </>
  );
}

/** A view switch is a page change for assistive technologies: focus goes to the new content. */
function useFocusMainOnViewChange(view: AppView): void {
  const previous = useRef(view);
  useEffect(() => {
    if (previous.current === view) return;
    previous.current = view;
    document.getElementById(MAIN_ID)?.focus();
  }, [view]);
}

function useReturnAfterSignIn(signedOut: boolean, view: AppView, hash: string): void {
  useEffect(() => {
    if (signedOut && view === 'kiosk') sessionStorage.setItem(RETURN_KEY, hash);
    if (signedOut) return;
    const back = sessionStorage.getItem(RETURN_KEY);
    if (back === null) return;
    sessionStorage.removeItem(RETURN_KEY);
    if (window.location.hash === '' || window.location.hash === '#/') window.location.hash = back;
  }, [signedOut, view, hash]);
}

export function App() {
  const { t } = useTranslation('common');
  const me = useMe();
  useLanguageOf(me.data?.language);
  const view = useHashView();
  const hash = useHash();
  useFocusMainOnViewChange(view);
  const sessionExpired = useSessionExpired();
  const signedOut = isApiError(me.error) && me.error.status === 401;
  useReturnAfterSignIn(signedOut || sessionExpired || (!me.data && me.isPending), view, hash);

  if (signedOut || sessionExpired) {
    return (
      <Shell me={null}>
        <WelcomePage sessionExpired={sessionExpired} />
      </Shell>
    );
  }
  // A failed background refetch keeps the signed-in page: only a first load that failed is an error.
  if (me.data && view === 'kiosk') {
    // No header nor navigation: the kiosk is the whole screen.
    return (
      <Suspense fallback={<p role="status">{t('app.loadingKiosk')}</p>}>
        <KioskPage boardId={kioskBoardIdOf(hash)} />
      </Suspense>
    );
  }
  if (me.data) {
    const section = adminSectionOf(hash);
    return (
      <Shell me={me.data} view={view}>
        {view === 'administration' ? (
          <Suspense
            fallback={
              <p role="status" className="page-loading">
                {t('app.loadingAdministration')}
              </p>
            }
          >
            {section.name === 'connectors' ? (
              <AdminPage me={me.data} />
            ) : section.name === 'look' ? (
              <LookAdmin me={me.data} />
            ) : section.name === 'data-sources' ? (
              <DataSourcesAdmin me={me.data} />
            ) : (
              <BoardsAdmin me={me.data} section={section} />
            )}
          </Suspense>
        ) : view === 'todo' ? (
          <Suspense
            fallback={
              <p role="status" className="page-loading">
                {t('app.loadingTodo')}
              </p>
            }
          >
            <TodoPage />
          </Suspense>
        ) : (
          <BoardPage />
        )}
      </Shell>
    );
  }
  if (me.isError) {
    return (
      <Shell me={null}>
        <h1>Pléiade</h1>
        <ErrorPanel title={t('app.startFailed')} error={me.error} onRetry={() => void me.refetch()} />
      </Shell>
    );
  }
  return (
    <Shell me={null}>
      <h1 className="visually-hidden">Pléiade</h1>
      <p role="status" className="page-loading">
        {t('app.loading')}
      </p>
    </Shell>
  );
}
