import type { Me } from '@pleiade/contracts';
import { useTranslation } from 'react-i18next';
import { LOGOUT_URL } from '../api/client';
import { ADMIN_HASH, BOARD_HASH, type AppView } from '../admin/admin-route';
import { TodoNavLink } from '../todo/TodoNavLink';
import { useLook } from '../api/look';
import { AppIcon, type IconName } from '../look/icons';
import { useTheme } from '../look/theme';
import { canAdminister } from './permissions';
import { roleLabel } from './roles';
import { LanguageSwitch } from '../i18n/LanguageSwitch';

export function AppHeader({ me, view = 'board' }: { me: Me | null; view?: AppView }) {
  const { t } = useTranslation('common');
  // The collectivité's name, logo and colour, as its administrators set them (no rebuild).
  const look = useLook(me !== null);
  useTheme(look.data?.primaryColor);
  const collectiviteName = look.data?.name ?? me?.collectivite.name;
  return (
    <header className="app-header">
      <div className="app-header-inner">
        <p className="brand">
          {look.data?.logoUrl ? (
            <img className="brand-logo" src={look.data.logoUrl} alt="" />
          ) : (
            <span className="brand-mark" aria-hidden="true">
              ✶
            </span>
          )}
          <span className="brand-product">Pléiade</span>
          {collectiviteName && <span className="brand-collectivite">{collectiviteName}</span>}
        </p>
        {/* Agents and élus never see « Administration »; « Mon tableau » always leads back. */}
        {me && (
          <nav aria-label={t('header.spaces')} className="app-nav">
            {view !== 'board' && (
              <a className="button button-secondary header-button" href={BOARD_HASH}>
                <HeaderButtonText icon="home" label={t('header.myBoard')} />
              </a>
            )}
            <TodoNavLink current={view === 'todo'} />
            {canAdminister(me) && view !== 'administration' && (
              <a className="button button-secondary header-button" href={ADMIN_HASH}>
                <HeaderButtonText icon="settings" label={t('header.administration')} />
              </a>
            )}
          </nav>
        )}
        {!me && <LanguageSwitch signedIn={false} />}
        {me && (
          <div className="user-box">
            <p className="user-identity">
              <span className="user-name">{me.displayName}</span>
              <span className="user-role">{roleLabel(me.role)}</span>
            </p>
            <LanguageSwitch signedIn />
            {/* A real form post: the BFF ends the session, then sends the browser through the IdP's logout. */}
            <form method="post" action={LOGOUT_URL} className="logout-form">
              <button type="submit" className="button button-secondary header-button">
                <HeaderButtonText icon="signOut" label={t('header.signOut')} />
              </button>
            </form>
          </div>
        )}
      </div>
    </header>
  );
}

/**
 * A header button's words; on a phone its icon instead, the words still its accessible name, so
 * that one row leaves the collectivité's name room to be read (styles.css, « Phones »).
 */
function HeaderButtonText({ icon, label }: { icon: IconName; label: string }) {
  return (
    <>
      <AppIcon name={icon} className="header-button-icon" />
      <span className="header-button-label">{label}</span>
    </>
  );
}
