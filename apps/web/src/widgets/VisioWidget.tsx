import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StartVisioRequest, StartVisioResponse } from '@pleiade/contracts';
import { errorMessage } from '../api/errors';
import { startVisio } from '../api/widget-data';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { EventDays } from './connected/EventDays';
import { ExternalLink } from './connected/ExternalLink';
import { safeHref } from './safe-href';
import type { WidgetProps } from './types';
import { sendTabTo, visioRequest } from './visio';

export default function VisioWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'visio'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="visio"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('visio.loading')}
      before={(response) => (response?.status === 'not_configured' ? null : <StartVisio widgetId={widget.id} />)}
    >
      {(data, { now }) => (
        <>
          <h3 className="cw-subtitle">{t('visio.upcoming')}</h3>
          {!data.agendaConnected ? (
            <p className="widget-state">{t('visio.noAgenda')}</p>
          ) : data.upcoming.length === 0 ? (
            <p className="widget-state">{t('visio.none')}</p>
          ) : (
            <EventDays events={data.upcoming} now={now} headingLevel={4} />
          )}
          <AppLink href={data.appUrl} label={t('visio.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}

interface Started {
  visio: StartVisioResponse;
  /** The tab could not be opened (popup blocker): the link is the way in. */
  blocked: boolean;
}

function StartVisio({ widgetId }: { widgetId: string }) {
  const { t } = useTranslation('widgets');
  const id = useId();
  const [roomName, setRoomName] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [started, setStarted] = useState<Started | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const start = useMutation({
    mutationFn: (request: StartVisioRequest) => startVisio(widgetId, request),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const check = visioRequest(roomName);
    if (!check.ok) {
      setFieldError(check.error);
      inputRef.current?.focus();
      return;
    }
    setFieldError(null);
    setStarted(null);
    // Opened now, while the click still counts as the person's gesture; sent to the meeting once
    // the BFF answers. Cut from this page first, as rel=noopener would.
    const tab = window.open('', '_blank');
    if (tab) tab.opener = null;
    start.mutate(check.request, {
      onSuccess: (visio) => {
        const href = safeHref(visio.url);
        if (href === undefined) {
          tab?.close();
          return;
        }
        setStarted({ visio, blocked: !sendTabTo(tab, href) });
      },
      onError: () => tab?.close(),
    });
  };

  return (
    <form className="cw-visio-start" noValidate onSubmit={onSubmit}>
      <div className="cw-field">
        <label htmlFor={`${id}-room`}>{t('visio.roomLabel')}</label>
        <input
          ref={inputRef}
          id={`${id}-room`}
          className="cw-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          value={roomName}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={`${id}-room-help${fieldError ? ` ${id}-room-error` : ''}`}
          onChange={(event) => setRoomName(event.target.value)}
        />
        <p id={`${id}-room-help`} className="cw-hint">
          {t('visio.roomHelp')}
        </p>
        {fieldError && (
          <p id={`${id}-room-error`} className="cw-field-error" role="alert">
            {fieldError}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={start.isPending}>
        {start.isPending ? t('visio.preparing') : t('visio.start')}
      </button>
      <div role="alert" className="cw-alert-slot">
        {start.isError && <p className="cw-error">{t('visio.failed', { reason: errorMessage(start.error) })}</p>}
      </div>
      <div role="status" className="cw-alert-slot">
        {started && (
          <p className="cw-started">
            {`${started.blocked ? t('visio.blocked') : t('visio.opening', { room: started.visio.roomName })} `}
            <ExternalLink href={started.visio.url}>{t('visio.join', { room: started.visio.roomName })}</ExternalLink>
          </p>
        )}
      </div>
    </form>
  );
}
