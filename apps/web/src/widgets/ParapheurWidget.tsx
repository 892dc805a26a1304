import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { countLabel, formatCount, pluralise } from './format';
import { formatDayHeading } from './time';
import type { WidgetProps } from './types';

/** i-Parapheur: folders to process and late on the person's desks, the first ones to open. */
export default function ParapheurWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'parapheur'>) {
  return (
    <ConnectedWidget
      kind="parapheur"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement de vos dossiers à traiter…"
    >
      {(data, { now }) => (
        <>
          {data.desks.length === 0 ? (
            <p className="widget-state">Vous ne tenez aucun bureau dans le parapheur</p>
          ) : data.pending === 0 ? (
            <p className="widget-state">Aucun dossier à traiter</p>
          ) : (
            <p className="cw-counts">
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.pending)}</span>{' '}
                {pluralise(data.pending, 'dossier à traiter', 'dossiers à traiter')}
              </span>
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.late)}</span>{' '}
                {pluralise(data.late, 'en retard', 'en retard')}
              </span>
            </p>
          )}
          {data.desks.length > 1 && (
            <ul className="cw-list" aria-label="Vos bureaux">
              {data.desks.map((desk) => (
                <li key={desk.id} className="cw-item">
                  <span className="cw-item-title">{desk.name}</span>
                  <span className="cw-meta">
                    <span className="cw-badge">{countLabel(desk.pending, 'à traiter', 'à traiter')}</span>
                    {desk.late > 0 && (
                      <span className="cw-badge cw-badge-alert">{countLabel(desk.late, 'en retard', 'en retard')}</span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {data.folders.length > 0 && (
            <ul className="cw-list" aria-label="Dossiers à traiter">
              {data.folders.map((folder) => (
                <li key={folder.id} className="cw-item">
                  <ExternalLink href={folder.url} className="cw-link cw-item-title">
                    {folder.title || 'Dossier sans titre'}
                  </ExternalLink>
                  <span className="cw-meta">
                    <span className={folder.late ? 'cw-badge cw-badge-alert' : 'cw-badge'}>{folder.status}</span>
                    {folder.desk}
                    {folder.dueAt && (
                      <>
                        {' · échéance '}
                        <time dateTime={folder.dueAt}>
                          {formatDayHeading(new Date(folder.dueAt), now).toLowerCase()}
                        </time>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label="Ouvrir le parapheur" />
        </>
      )}
    </ConnectedWidget>
  );
}
