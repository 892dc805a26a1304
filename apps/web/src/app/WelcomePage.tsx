import { useTranslation } from 'react-i18next';
import { LOGIN_URL } from '../api/client';

export function WelcomePage({ sessionExpired = false }: { sessionExpired?: boolean }) {
  const { t } = useTranslation('common');
  if (sessionExpired) {
    return (
      <div className="welcome-page">
        <h1>{t('welcome.expired.title')}</h1>
        <p className="welcome-page-lead" role="alert">
          {t('welcome.expired.lead')}
        </p>
        <a className="button button-primary button-large" href={LOGIN_URL}>
          {t('welcome.expired.signIn')}
        </a>
      </div>
    );
  }
  return (
    <div className="welcome-page">
      <h1>{t('welcome.title')}</h1>
      <p className="welcome-page-lead">{t('welcome.lead')}</p>
      <a className="button button-primary button-large" href={LOGIN_URL}>
        {t('welcome.signIn')}
      </a>
    </div>
  );
}
