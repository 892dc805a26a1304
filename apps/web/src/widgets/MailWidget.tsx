import { ConnectedWidget } from './connected/ConnectedWidget';
import { AppLink } from './connected/AppLink';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount, pluralise } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function MailWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'mail'>) {
  return (
    <ConnectedWidget
      kind="mail"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement de vos messages…"
    >
      {(data, { now }) => (
        <>
          {data.unreadCount === 0 ? (
            <p className="widget-state">Aucun message non lu</p>
          ) : (
            <p className="cw-count">
              <span className="cw-count-number">{formatCount(data.unreadCount)}</span>{' '}
              {pluralise(data.unreadCount, 'message non lu', 'messages non lus')}
            </p>
          )}
          {data.latest.length > 0 && (
            <ul className="cw-list" aria-label="Derniers messages non lus">
              {data.latest.map((message) => (
                <li key={message.id} className="cw-item">
                  <ExternalLink href={message.url} className="cw-link cw-item-title">
                    {message.subject.trim() === '' ? '(sans objet)' : message.subject}
                  </ExternalLink>
                  <span className="cw-meta">
                    {message.from} ·{' '}
                    <time dateTime={message.receivedAt}>{formatMoment(new Date(message.receivedAt), now)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label="Ouvrir la messagerie" />
        </>
      )}
    </ConnectedWidget>
  );
}
