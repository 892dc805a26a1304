import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { EventDays } from './connected/EventDays';
import type { WidgetProps } from './types';

export default function AgendaWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'agenda'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="agenda"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('agenda.loading')}
    >
      {(data, { now }) => (
        <>
          {data.events.length === 0 ? (
            <p className="widget-state">{t('agenda.empty')}</p>
          ) : (
            <EventDays events={data.events} now={now} headingLevel={3} />
          )}
          <AppLink href={data.appUrl} label={t('agenda.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
