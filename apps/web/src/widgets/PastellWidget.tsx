import { useId } from 'react';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { countLabel } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

/**
 * Pastell: one entity of the collectivité, its documents with their last state and its flows in
 * error. The entities offered are those the BFF allows (the connector's); it refuses any other.
 */
export default function PastellWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'pastell'>) {
  const id = useId();
  return (
    <ConnectedWidget
      kind="pastell"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement des documents Pastell…"
    >
      {(data, { now }) => (
        <>
          {data.entity === null ? (
            <p className="widget-state">Aucune entité de votre collectivité n’est lisible dans Pastell</p>
          ) : readOnly || data.entities.length < 2 ? (
            <p className="cw-subtitle">{data.entity.name}</p>
          ) : (
            <div className="cw-picker">
              <label htmlFor={`${id}-entity`}>Entité</label>
              <select
                id={`${id}-entity`}
                className="cw-select"
                value={data.entity.id}
                onChange={(event) => onOptionsChange({ ...widget.options, entityId: event.target.value })}
              >
                {data.entities.map((entity) => (
                  <option key={entity.id} value={entity.id}>
                    {entity.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {data.errorBadges.length > 0 && (
            <ul className="cw-badges" aria-label="Flux en erreur">
              {data.errorBadges.map((badge) => (
                <li key={badge.flux} className="cw-badge cw-badge-alert">
                  {badge.label} : {countLabel(badge.errors, 'erreur', 'erreurs')}
                </li>
              ))}
            </ul>
          )}
          {data.entity !== null &&
            (data.documents.length === 0 ? (
              <p className="widget-state">Aucun document pour cette entité</p>
            ) : (
              <ul className="cw-list" aria-label="Documents">
                {data.documents.map((doc) => (
                  <li key={doc.id} className="cw-item">
                    <ExternalLink href={doc.url} className="cw-link cw-item-title">
                      {doc.title || 'Document sans titre'}
                    </ExternalLink>
                    <span className="cw-meta">
                      <span className={doc.inError ? 'cw-badge cw-badge-alert' : 'cw-badge'}>{doc.state}</span>
                      {doc.flux}
                      {doc.changedAt && (
                        <>
                          {' · '}
                          <time dateTime={doc.changedAt}>{formatMoment(new Date(doc.changedAt), now)}</time>
                        </>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            ))}
          <AppLink href={data.appUrl} label="Ouvrir Pastell" />
        </>
      )}
    </ConnectedWidget>
  );
}
