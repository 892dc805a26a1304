import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { countLabel, formatCount, pluralise } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function ChatWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'chat'>) {
  return (
    <ConnectedWidget
      kind="chat"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement de vos conversations…"
    >
      {(data, { now }) => (
        <>
          {data.unreadRooms === 0 && data.mentions === 0 ? (
            <p className="widget-state">Aucune conversation non lue</p>
          ) : (
            <p className="cw-counts">
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.unreadRooms)}</span>{' '}
                {pluralise(data.unreadRooms, 'conversation non lue', 'conversations non lues')}
              </span>
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.mentions)}</span>{' '}
                {pluralise(data.mentions, 'mention', 'mentions')}
              </span>
            </p>
          )}
          {data.rooms.length > 0 && (
            <ul className="cw-list" aria-label="Conversations non lues">
              {data.rooms.map((room) => (
                <li key={room.id} className="cw-item cw-room">
                  <ExternalLink href={room.url} className="cw-link cw-item-title">
                    {room.name}
                  </ExternalLink>
                  <span className="cw-meta">
                    {room.unread > 0 && (
                      <span className="cw-badge">{countLabel(room.unread, 'non lu', 'non lus')}</span>
                    )}
                    {room.mentions > 0 && (
                      <span className="cw-badge cw-badge-strong">
                        {countLabel(room.mentions, 'mention', 'mentions')}
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
          <AppLink href={data.appUrl} label="Ouvrir la messagerie instantanée" />
        </>
      )}
    </ConnectedWidget>
  );
}
