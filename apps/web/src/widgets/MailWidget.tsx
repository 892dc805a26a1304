import { useTranslation } from 'react-i18next';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { AppLink } from './connected/AppLink';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function MailWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'mail'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="mail"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('mail.loading')}
    >
      {(data, { now }) => (
        <>
          {data.unreadCount === 0 ? (
            <p className="widget-state">{t('mail.noUnread')}</p>
          ) : (
            <p className="cw-count">
              <span className="cw-count-number">{formatCount(data.unreadCount)}</span>{' '}
              {t('mail.unread', { count: data.unreadCount })}
            </p>
          )}
          {data.latest.length > 0 && (
            <ul className="cw-list" aria-label={t('mail.latest')}>
              {data.latest.map((message) => (
                <li key={message.id} className="cw-item">
                  <ExternalLink href={message.url} className="cw-link cw-item-title">
                    {message.subject.trim() === '' ? t('mail.noSubject') : message.subject}
                  </ExternalLink>
                  <span className="cw-meta">
                    {message.from} ·{' '}
                    <time dateTime={message.receivedAt}>{formatMoment(new Date(message.receivedAt), now)}</time>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label={t('mail.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
