import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount } from './format';
import { nextcloudAppName } from './nextcloud-apps';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function NextcloudNotificationsWidget({
  widget,
  readOnly,
  onOptionsChange,
}: WidgetProps<'nextcloud-notifications'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="nextcloud-notifications"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('notifications.loading')}
    >
      {(data, { now }) => (
        <>
          {data.count === 0 ? (
            <p className="widget-state">{t('notifications.none')}</p>
          ) : (
            <p className="cw-count">
              <span className="cw-count-number">{formatCount(data.count)}</span>{' '}
              {t('notifications.count', { count: data.count })}
            </p>
          )}
          {data.items.length > 0 && (
            <ul className="cw-list" aria-label={t('notifications.listLabel')}>
              {data.items.map((item) => (
                <li key={item.id} className="cw-item">
                  <ExternalLink href={item.url} className="cw-link cw-item-title">
                    {item.subject}
                  </ExternalLink>
                  {item.message.trim() !== '' && <span className="cw-excerpt">{item.message}</span>}
                  {item.action && (
                    <ExternalLink href={item.action.url} className="cw-link cw-visio-link">
                      {item.action.label}
                      <span className="visually-hidden">{` ${t('common.quoted', { text: item.subject })}`}</span>
                    </ExternalLink>
                  )}
                  <span className="cw-meta">
                    {nextcloudAppName(item.app)} ·{' '}
                    <time dateTime={item.at}>{formatMoment(new Date(item.at), now)}</time>
                  </span>
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
