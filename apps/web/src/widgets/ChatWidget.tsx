import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function ChatWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'chat'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="chat"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('chat.loading')}
    >
      {(data, { now }) => (
        <>
          {data.unreadRooms === 0 && data.mentions === 0 ? (
            <p className="widget-state">{t('chat.none')}</p>
          ) : (
            <p className="cw-counts">
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.unreadRooms)}</span>{' '}
                {t('chat.unreadRooms', { count: data.unreadRooms })}
              </span>
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.mentions)}</span>{' '}
                {t('chat.mentions', { count: data.mentions })}
              </span>
            </p>
          )}
          {data.rooms.length > 0 && (
            <ul className="cw-list" aria-label={t('chat.listLabel')}>
              {data.rooms.map((room) => (
                <li key={room.id} className="cw-item cw-room">
                  <ExternalLink href={room.url} className="cw-link cw-item-title">
                    {room.name}
                  </ExternalLink>
                  <span className="cw-meta">
                    {room.unread > 0 && (
                      <span className="cw-badge">
                        {t('chat.roomUnread', { count: room.unread, value: formatCount(room.unread) })}
                      </span>
                    )}
                    {room.mentions > 0 && (
                      <span className="cw-badge cw-badge-strong">
                        {t('chat.roomMentions', { count: room.mentions, value: formatCount(room.mentions) })}
                      </span>
                    )}
                    {room.lastActivityAt && (
                      <time dateTime={room.lastActivityAt}>{formatMoment(new Date(room.lastActivityAt), now)}</time>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label={t('chat.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
