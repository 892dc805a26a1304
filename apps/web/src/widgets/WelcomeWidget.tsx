import { useMe } from '../api/queries';
import { formatClock, formatLongDate } from './time';
import type { WidgetProps } from './types';
import { useNowByMinute } from './useNow';

export default function WelcomeWidget(_props: WidgetProps<'welcome'>) {
  const me = useMe();
  const now = useNowByMinute();
  const name = me.data?.displayName;
  return (
    <div className="welcome">
      <p className="welcome-greeting">{name ? `Bonjour, ${name}` : 'Bonjour'}</p>
      <p className="welcome-date">
        <time dateTime={now.toISOString()}>{formatLongDate(now)}</time>
      </p>
      <p className="welcome-clock">
        <span className="visually-hidden">Heure de Paris : </span>
        <time dateTime={now.toISOString()}>{formatClock(now)}</time>
      </p>
    </div>
  );
}
