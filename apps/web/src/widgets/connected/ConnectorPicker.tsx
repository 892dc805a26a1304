import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { WIDGET_CONNECTOR_KINDS, type ConnectedWidgetKind } from '@pleiade/contracts';
import { myConnectorsQuery } from '../../api/widget-data';

interface ConnectorPickerProps {
  kind: ConnectedWidgetKind;
  connectorId: string | undefined;
  onChange: (connectorId: string | undefined) => void;
}

/** Shown only when the collectivité has several applications able to feed this widget. */
export function ConnectorPicker({ kind, connectorId, onChange }: ConnectorPickerProps) {
  const { t } = useTranslation('widgets');
  const id = useId();
  const connectors = useQuery(myConnectorsQuery);
  const suitable = (connectors.data?.connectors ?? []).filter((connector) =>
    WIDGET_CONNECTOR_KINDS[kind].includes(connector.kind),
  );
  if (suitable.length < 2) return null;
  return (
    <div className="cw-picker">
      <label htmlFor={`${id}-connector`}>{t('connected.source')}</label>
      <select
        id={`${id}-connector`}
        className="cw-select"
        value={connectorId ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">{t('connected.automatic')}</option>
        {connectorId !== undefined && !suitable.some((connector) => connector.id === connectorId) && (
          <option value={connectorId}>{t('connected.removedApp')}</option>
        )}
        {suitable.map((connector) => (
          <option key={connector.id} value={connector.id}>
            {connector.label}
          </option>
        ))}
      </select>
    </div>
  );
}
