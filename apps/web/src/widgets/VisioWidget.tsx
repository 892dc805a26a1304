import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
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
  return (
    <ConnectedWidget
      kind="visio"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement de vos prochaines visios…"
      before={(response) => (response?.status === 'not_configured' ? null : <StartVisio widgetId={widget.id} />)}
    >
      {(data, { now }) => (
        <>
          <h3 className="cw-subtitle">Prochaines visios</h3>
          {!data.agendaConnected ? (
            <p className="widget-state">Aucun agenda n’est relié : vos visios prévues ne peuvent pas s’afficher ici.</p>
          ) : data.upcoming.length === 0 ? (
            <p className="widget-state">Aucune visio prévue dans votre agenda</p>
          ) : (
            <EventDays events={data.upcoming} now={now} headingLevel={4} />
          )}
          <AppLink href={data.appUrl} label="Ouvrir la visio" />
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
        <label htmlFor={`${id}-room`}>Nom de la salle (facultatif)</label>
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
          Lettres, chiffres et tirets ; laissé vide, un nom difficile à deviner est choisi.
        </p>
        {fieldError && (
          <p id={`${id}-room-error`} className="cw-field-error" role="alert">
            {fieldError}
          </p>
        )}
      </div>
      <button type="submit" className="button button-primary" disabled={start.isPending}>
        {start.isPending ? 'Préparation de la visio…' : 'Démarrer une visio'}
      </button>
      <div role="alert" className="cw-alert-slot">
        {start.isError && <p className="cw-error">La visio n’a pas pu être créée. {errorMessage(start.error)}</p>}
      </div>
      <div role="status" className="cw-alert-slot">
        {started && (
          <p className="cw-started">
            {started.blocked
              ? 'Votre navigateur a empêché l’ouverture d’un nouvel onglet. '
              : `La salle « ${started.visio.roomName} » s’ouvre dans un nouvel onglet. `}
            <ExternalLink href={started.visio.url}>Rejoindre la visio « {started.visio.roomName} »</ExternalLink>
          </p>
        )}
      </div>
    </form>
  );
}
