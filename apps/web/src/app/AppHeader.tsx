import type { Me } from '@pleiade/contracts';
import { LOGOUT_URL } from '../api/client';
import { ADMIN_HASH, BOARD_HASH, type AppView } from '../admin/admin-route';
import { TodoNavLink } from '../todo/TodoNavLink';
import { canAdminister } from './permissions';
import { ROLE_LABELS } from './roles';

export function AppHeader({ me, view = 'board' }: { me: Me | null; view?: AppView }) {
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✶
          </span>
          Pléiade
          {me && <span className="brand-collectivite">{me.collectivite.name}</span>}
        </p>
        {/* Agents and élus never see « Administration »; « Mon tableau » always leads back. */}
        {me && (
          <nav aria-label="Espaces" className="app-nav">
            {view !== 'board' && (
              <a className="button button-secondary" href={BOARD_HASH}>
                Mon tableau
              </a>
            )}
            <TodoNavLink current={view === 'todo'} />
            {canAdminister(me) && view !== 'administration' && (
              <a className="button button-secondary" href={ADMIN_HASH}>
                Administration
              </a>
            )}
          </nav>
        )}
        {me && (
          <div className="user-box">
            <p className="user-identity">
              <span className="user-name">{me.displayName}</span>
              <span className="user-role">{ROLE_LABELS[me.role]}</span>
            </p>
            {/* A real form post: the BFF ends the session, then sends the browser through the IdP's logout. */}
            <form method="post" action={LOGOUT_URL} className="logout-form">
              <button type="submit" className="button button-secondary">
                Se déconnecter
              </button>
            </form>
          </div>
        )}
      </div>
    </header>
  );
}
