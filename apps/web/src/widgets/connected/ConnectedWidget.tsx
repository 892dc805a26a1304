import type { ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConnectedWidgetKind, ConnectorSource, WidgetDataOf, WidgetDataResponse } from '@pleiade/contracts';
import { errorMessage } from '../../api/errors';
import { deletePersonalCredential, fetchWidgetData, widgetDataKeys, widgetDataQuery } from '../../api/widget-data';
import { formatDataAge } from '../time';
import { useNowByMinute } from '../useNow';
import { ConnectorPicker } from './ConnectorPicker';
import { CredentialForm } from './CredentialForm';
import { failureText } from './failure';
import { useSavedWidget } from './saved-widget';
import '../widgets.css';

export interface ConnectorOptions {
  connectorId?: string | undefined;
}

export interface RenderContext {
  source: ConnectorSource | undefined;
  now: Date;
}

interface ConnectedWidgetProps<K extends ConnectedWidgetKind, O extends ConnectorOptions> {
  kind: K;
  widgetId: string;
  options: O;
  readOnly: boolean;
  onOptionsChange: (options: O) => void;
  /** « Chargement des messages… » */
  loadingText: string;
  children: (data: WidgetDataOf<K>, context: RenderContext) => ReactNode;
  /** Shown above the data whatever its state, once the widget is saved (the visio button). */
  before?: (response: WidgetDataResponse<K> | undefined) => ReactNode;
}

const RETRYABLE = new Set(['unreachable', 'timeout', 'invalid_response', 'circuit_open']);

function withConnector<O extends ConnectorOptions>(options: O, connectorId: string | undefined): O {
  const rest = { ...options };
  delete rest.connectorId;
  return connectorId === undefined ? rest : { ...rest, connectorId };
}

/**
 * What every connected widget shares: reading its data at its kind's pace, the loading, error and
 * failure states (the BFF's French message, or the status's text in another language), linking a personal account, the stale note and
 * the choice of connector. Each kind only renders its data.
 */
export function ConnectedWidget<K extends ConnectedWidgetKind, O extends ConnectorOptions>({
  kind,
  widgetId,
  options,
  readOnly,
  onOptionsChange,
  loadingText,
  children,
  before,
}: ConnectedWidgetProps<K, O>) {
  const { t } = useTranslation('widgets');
  const saved = useSavedWidget(widgetId);
  const query = useQuery({
    ...widgetDataQuery(widgetId, kind, saved.connectorId, saved.optionsKey),
    enabled: saved.saved,
  });
  const now = useNowByMinute();
  const queryClient = useQueryClient();
  const dataKey = widgetDataQuery(widgetId, kind, saved.connectorId, saved.optionsKey).queryKey;
  // « Actualiser » / « Réessayer »: the BFF reads the application again rather than its cache.
  const reload = useMutation({
    mutationFn: () => fetchWidgetData(widgetId, kind, undefined, true),
    onSuccess: (fresh) => queryClient.setQueryData(dataKey, fresh),
  });
  const response = query.data;
  const busy = query.isFetching || reload.isPending;

  let body: ReactNode;
  if (!saved.saved) {
    body = (
      <p className="widget-state" role="status">
        {t('connected.waitingForSave')}
      </p>
    );
  } else if (query.isPending) {
    body = (
      <p className="widget-state" role="status">
        {loadingText}
      </p>
    );
  } else if (response === undefined) {
    body = (
      <div className="widget-state widget-state-error">
        <p>{t('connected.loadFailed', { reason: errorMessage(query.error) })}</p>
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()}>
          {t('common.retry')}
        </button>
      </div>
    );
  } else if (response.status === 'ok') {
    body = (
      <>
        {children(response.data as WidgetDataOf<K>, { source: response.source, now })}
        {response.stale && (
          <p className="cw-stale">
            <time dateTime={response.fetchedAt}>{formatDataAge(new Date(response.fetchedAt), now)}</time>{' '}
            <button type="button" className="cw-text-button" disabled={busy} onClick={() => reload.mutate()}>
              {t('common.refresh')}
            </button>
          </p>
        )}
      </>
    );
  } else if (
    response.source?.authMode === 'personal_secret' &&
    (response.status === 'credentials_missing' || response.status === 'credentials_refused')
  ) {
    body = (
      <CredentialForm
        source={response.source}
        message={failureText(response.status, response.message, response.source.authMode)}
      />
    );
  } else {
    body = (
      <div className="widget-state widget-state-error">
        <p>{failureText(response.status, response.message, response.source?.authMode)}</p>
        {RETRYABLE.has(response.status) && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => reload.mutate()}>
            {reload.isPending ? t('common.retrying') : t('common.retry')}
          </button>
        )}
      </div>
    );
  }

  const source = response?.source;
  const linked = source?.authMode === 'personal_secret' && response?.status === 'ok';
  return (
    <div className="cw">
      {saved.saved && before?.(response)}
      <div className="cw-body">{body}</div>
      {(linked || !readOnly) && (
        <div className="cw-footer">
          {!readOnly && (
            <ConnectorPicker
              kind={kind}
              connectorId={options.connectorId}
              onChange={(connectorId) => onOptionsChange(withConnector(options, connectorId))}
            />
          )}
          {linked && source && <UnlinkButton source={source} />}
        </div>
      )}
    </div>
  );
}

function UnlinkButton({ source }: { source: ConnectorSource }) {
  const { t } = useTranslation('widgets');
  const queryClient = useQueryClient();
  const unlink = useMutation({
    mutationFn: () => deletePersonalCredential(source.id),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: widgetDataKeys.all }),
        queryClient.invalidateQueries({ queryKey: widgetDataKeys.myConnectors }),
      ]),
  });
  const onClick = (): void => {
    const confirmed = window.confirm(t('connected.unlinkConfirm', { app: source.label }));
    if (confirmed) unlink.mutate();
  };
  return (
    <div className="cw-unlink">
      <button type="button" className="cw-text-button" disabled={unlink.isPending} onClick={onClick}>
        {t('connected.unlink', { app: source.label })}
      </button>
      <div role="alert">{unlink.isError && <p className="cw-error">{errorMessage(unlink.error)}</p>}</div>
    </div>
  );
}
