import { useTranslation } from 'react-i18next';
import { useMe } from '../api/queries';
import { formatClock, formatLongDate } from './time';
import type { WidgetProps } from './types';
import { useNowByMinute } from './useNow';

export default function WelcomeWidget(_props: WidgetProps<'welcome'>) {
  const { t } = useTranslation('widgets');
  const me = useMe();
  const now = useNowByMinute();
  const name = me.data?.displayName;
  return (
    <div className="welcome">
      <p className="welcome-greeting">{name ? t('welcome.helloName', { name }) : t('welcome.hello')}</p>
      <p className="welcome-date">
        <time dateTime={now.toISOString()}>{formatLongDate(now)}</time>
      </p>
      <p className="welcome-clock">
        <span className="visually-hidden">{`${t('welcome.parisTime')} `}</span>
        <time dateTime={now.toISOString()}>{formatClock(now)}</time>
      </p>
    </div>
  );
}
