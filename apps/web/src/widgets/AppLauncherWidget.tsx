import { useTranslation } from 'react-i18next';
import { useAppLinks } from '../api/queries';
import { errorMessage } from '../api/errors';
import { AppIcon, linkIconOf } from '../look/icons';
import type { WidgetProps } from './types';

export default function AppLauncherWidget(_props: WidgetProps<'app-launcher'>) {
  const { t } = useTranslation('widgets');
  const apps = useAppLinks();
  if (apps.isPending) {
    return <p className="widget-state">{t('launcher.loading')}</p>;
  }
  if (apps.isError) {
    return (
      <div className="widget-state widget-state-error">
        <p>{t('launcher.loadFailed', { reason: errorMessage(apps.error) })}</p>
        <button type="button" className="button button-secondary" onClick={() => void apps.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  const { links } = apps.data;
  if (links.length === 0) {
    return <p className="widget-state">{t('launcher.empty')}</p>;
  }
  return (
    <ul className="app-list">
      {links.map((link) => (
        <li key={link.id} className="app-list-item">
          <a className="app-link" href={link.url} target="_blank" rel="noopener noreferrer">
            <AppIcon name={linkIconOf(link)} className="app-link-glyph" />
            {link.label}
            <span className="visually-hidden">{` ${t('common.newTab')}`}</span>
            <span aria-hidden="true" className="app-link-icon">
              ↗
            </span>
          </a>
          {link.description && <p className="app-description">{link.description}</p>}
        </li>
      ))}
    </ul>
  );
}
