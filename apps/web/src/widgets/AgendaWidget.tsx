import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { EventDays } from './connected/EventDays';
import type { WidgetProps } from './types';

export default function AgendaWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'agenda'>) {
  return (
    <ConnectedWidget
      kind="agenda"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement de votre agenda…"
    >
      {(data, { now }) => (
        <>
          {data.events.length === 0 ? (
            <p className="widget-state">Aucun événement à venir</p>
          ) : (
            <EventDays events={data.events} now={now} headingLevel={3} />
          )}
          <AppLink href={data.appUrl} label="Ouvrir l’agenda" />
        </>
      )}
    </ConnectedWidget>
  );
}
