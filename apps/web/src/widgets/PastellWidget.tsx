import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

/**
 * Pastell: one entity of the collectivité, its documents with their last state and its flows in
 * error. The entities offered are those the BFF allows (the connector's); it refuses any other.
 */
export default function PastellWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'pastell'>) {
  const { t } = useTranslation('widgets');
  const id = useId();
  return (
    <ConnectedWidget
      kind="pastell"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('pastell.loading')}
    >
      {(data, { now }) => (
        <>
          {data.entity === null ? (
            <p className="widget-state">{t('pastell.noEntity')}</p>
          ) : readOnly || data.entities.length < 2 ? (
            <p className="cw-subtitle">{data.entity.name}</p>
          ) : (
            <div className="cw-picker">
              <label htmlFor={`${id}-entity`}>{t('pastell.entityLabel')}</label>
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
            <ul className="cw-badges" aria-label={t('pastell.errorsLabel')}>
              {data.errorBadges.map((badge) => (
                <li key={badge.flux} className="cw-badge cw-badge-alert">
                  {t('pastell.fluxErrors', {
                    flux: badge.label,
                    count: badge.errors,
                    value: formatCount(badge.errors),
                  })}
                </li>
              ))}
            </ul>
          )}
          {data.entity !== null &&
            (data.documents.length === 0 ? (
              <p className="widget-state">{t('pastell.noDocuments')}</p>
            ) : (
              <ul className="cw-list" aria-label={t('pastell.documentsLabel')}>
                {data.documents.map((doc) => (
                  <li key={doc.id} className="cw-item">
                    <ExternalLink href={doc.url} className="cw-link cw-item-title">
                      {doc.title || t('pastell.untitled')}
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
          <AppLink href={data.appUrl} label={t('pastell.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
