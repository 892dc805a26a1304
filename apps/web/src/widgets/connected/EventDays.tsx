import { useTranslation } from 'react-i18next';
import type { AgendaEvent } from '@pleiade/contracts';
import { groupEventsByDay, placeOf } from '../agenda';
import { formatEventTime } from '../time';
import { ExternalLink } from './ExternalLink';

interface EventDaysProps {
  events: readonly AgendaEvent[];
  now: Date;
  /** The widget's title is an h2: days are h3, or h4 under a sub-heading. */
  headingLevel: 3 | 4;
}

/** Events under a heading per day, each with its time range, place and visio link. */
export function EventDays({ events, now, headingLevel }: EventDaysProps) {
  const { t } = useTranslation('widgets');
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="cw-days">
      {groupEventsByDay(events, now).map((group) => (
        <div key={group.day} className="cw-day">
          <Heading className="cw-day-heading">{group.heading}</Heading>
          <ul className="cw-list">
            {group.events.map((event) => {
              const { place, visioUrl } = placeOf(event);
              return (
                <li key={event.id} className="cw-item cw-event">
                  <span className="cw-event-time">
                    <time dateTime={event.start}>{formatEventTime(event)}</time>
                  </span>
                  <ExternalLink href={event.url} className="cw-link cw-item-title">
                    {event.title.trim() === '' ? t('events.untitled') : event.title}
                  </ExternalLink>
                  {place && <span className="cw-meta">{place}</span>}
                  {visioUrl && (
                    <ExternalLink href={visioUrl} className="cw-link cw-visio-link">
                      {t('events.joinVisio')}
                      <span className="visually-hidden">{` ${t('common.quoted', { text: event.title })}`}</span>
                    </ExternalLink>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </div>
  );
}
