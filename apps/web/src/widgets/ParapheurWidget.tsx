import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatCount } from './format';
import { formatDayInSentence } from './time';
import type { WidgetProps } from './types';

/** i-Parapheur: folders to process and late on the person's desks, the first ones to open. */
export default function ParapheurWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'parapheur'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="parapheur"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('parapheur.loading')}
    >
      {(data, { now }) => (
        <>
          {data.desks.length === 0 ? (
            <p className="widget-state">{t('parapheur.noDesk')}</p>
          ) : data.pending === 0 ? (
            <p className="widget-state">{t('parapheur.none')}</p>
          ) : (
            <p className="cw-counts">
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.pending)}</span>{' '}
                {t('parapheur.pending', { count: data.pending })}
              </span>
              <span className="cw-count">
                <span className="cw-count-number">{formatCount(data.late)}</span>{' '}
                {t('parapheur.late', { count: data.late })}
              </span>
            </p>
          )}
          {data.desks.length > 1 && (
            <ul className="cw-list" aria-label={t('parapheur.desksLabel')}>
              {data.desks.map((desk) => (
                <li key={desk.id} className="cw-item">
                  <span className="cw-item-title">{desk.name}</span>
                  <span className="cw-meta">
                    <span className="cw-badge">
                      {t('parapheur.deskPending', { count: desk.pending, value: formatCount(desk.pending) })}
                    </span>
                    {desk.late > 0 && (
                      <span className="cw-badge cw-badge-alert">
                        {t('parapheur.deskLate', { count: desk.late, value: formatCount(desk.late) })}
                      </span>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {data.folders.length > 0 && (
            <ul className="cw-list" aria-label={t('parapheur.foldersLabel')}>
              {data.folders.map((folder) => (
                <li key={folder.id} className="cw-item">
                  <ExternalLink href={folder.url} className="cw-link cw-item-title">
                    {folder.title || t('parapheur.untitled')}
                  </ExternalLink>
                  <span className="cw-meta">
                    <span className={folder.late ? 'cw-badge cw-badge-alert' : 'cw-badge'}>{folder.status}</span>
                    {folder.desk}
                    {folder.dueAt && (
                      <>
                        {` · ${t('parapheur.due')} `}
                        <time dateTime={folder.dueAt}>{formatDayInSentence(new Date(folder.dueAt), now)}</time>
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label={t('parapheur.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
