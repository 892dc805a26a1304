import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function NextcloudDashboardWidget({
  widget,
  readOnly,
  onOptionsChange,
}: WidgetProps<'nextcloud-dashboard'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="nextcloud-dashboard"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('dashboard.loading')}
    >
      {(data, { now }) => (
        <>
          {data.items.length === 0 ? (
            <p className="widget-state">{t('common.nothingToShow')}</p>
          ) : (
            <ul className="cw-list" aria-label={t('dashboard.listLabel')}>
              {data.items.map((item) => (
                <li key={item.id} className="cw-item">
                  <ExternalLink href={item.url} className="cw-link cw-item-title">
                    {item.title}
                  </ExternalLink>
                  {(item.subtitle.trim() !== '' || item.at) && (
                    <span className="cw-meta">
                      {item.subtitle}
                      {item.subtitle.trim() !== '' && item.at && ' · '}
                      {item.at && <time dateTime={item.at}>{formatMoment(new Date(item.at), now)}</time>}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label={t('common.openNextcloud')} />
        </>
      )}
    </ConnectedWidget>
  );
}
