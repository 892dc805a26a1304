import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import type { Me } from '@pleiade/contracts';
import { useHashView, type AppView } from '../admin/admin-route';
import { useMe } from '../api/queries';
import { useSessionExpired } from '../api/session-expiry';
import { isApiError } from '../api/errors';
import { BoardPage } from '../board/BoardPage';
import { AppHeader } from './AppHeader';
import { ErrorPanel } from './ErrorPanel';
import { WelcomePage } from './WelcomePage';

// Administrators only: its code is fetched when they open it, not with everyone's first load.
const AdminPage = lazy(() => import('../admin/AdminPage').then((module) => ({ default: module.AdminPage })));

const MAIN_ID = 'contenu';

function Shell({ me, view = 'board', children }: { me: Me | null; view?: AppView; children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        Aller au contenu
      </a>
      <AppHeader me={me} view={view} />
      <main id={MAIN_ID} tabIndex={-1} className="app-main">
        {children}
      </main>
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

export function App() {
  const me = useMe();
  const view = useHashView();
  useFocusMainOnViewChange(view);
  const sessionExpired = useSessionExpired();
  const signedOut = isApiError(me.error) && me.error.status === 401;

  if (signedOut || sessionExpired) {
    return (
      <Shell me={null}>
        <WelcomePage sessionExpired={sessionExpired} />
      </Shell>
    );
  }
  // A failed background refetch keeps the signed-in page: only a first load that failed is an error.
  if (me.data) {
    return (
      <Shell me={me.data} view={view}>
        {view === 'administration' ? (
          <Suspense
            fallback={
              <p role="status" className="page-loading">
                Chargement de l’administration…
              </p>
            }
          >
            <AdminPage me={me.data} />
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
        <ErrorPanel title="Pléiade n'a pas pu démarrer." error={me.error} onRetry={() => void me.refetch()} />
      </Shell>
    );
  }
  return (
    <Shell me={null}>
      <h1 className="visually-hidden">Pléiade</h1>
      <p role="status" className="page-loading">
        Chargement de Pléiade…
      </p>
    </Shell>
  );
}
