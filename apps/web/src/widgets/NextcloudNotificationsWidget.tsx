import { nextcloudAppLabel } from '@pleiade/contracts';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount, pluralise } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function NextcloudNotificationsWidget({
  widget,
  readOnly,
  onOptionsChange,
}: WidgetProps<'nextcloud-notifications'>) {
  return (
    <ConnectedWidget
      kind="nextcloud-notifications"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement de vos notifications…"
    >
      {(data, { now }) => (
        <>
          {data.count === 0 ? (
            <p className="widget-state">Aucune notification</p>
          ) : (
            <p className="cw-count">
              <span className="cw-count-number">{formatCount(data.count)}</span>{' '}
              {pluralise(data.count, 'notification', 'notifications')}
            </p>
          )}
          {data.items.length > 0 && (
            <ul className="cw-list" aria-label="Dernières notifications">
              {data.items.map((item) => (
                <li key={item.id} className="cw-item">
                  <ExternalLink href={item.url} className="cw-link cw-item-title">
                    {item.subject}
                  </ExternalLink>
                  {item.message.trim() !== '' && <span className="cw-excerpt">{item.message}</span>}
                  {item.action && (
                    <ExternalLink href={item.action.url} className="cw-link cw-visio-link">
                      {item.action.label}
                      <span className="visually-hidden"> « {item.subject} »</span>
                    </ExternalLink>
                  )}
                  <span className="cw-meta">
                    {nextcloudAppLabel(item.app)} ·{' '}
                    <time dateTime={item.at}>{formatMoment(new Date(item.at), now)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label="Ouvrir Nextcloud" />
        </>
      )}
    </ConnectedWidget>
  );
}
