import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { folderOf, formatFileSize } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function NextcloudFilesWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'nextcloud-files'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="nextcloud-files"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('files.loading')}
    >
      {(data, { now }) => (
        <>
          {data.items.length === 0 ? (
            <p className="widget-state">{t('files.empty')}</p>
          ) : (
            <ul className="cw-list" aria-label={t('files.listLabel')}>
              {data.items.map((file) => (
                <li key={file.id} className="cw-item">
                  <ExternalLink href={file.url} className="cw-link cw-item-title">
                    {file.name}
                  </ExternalLink>
                  <span className="cw-meta">
                    <span className="visually-hidden">{`${t('files.modified')} `}</span>
                    <time dateTime={file.modifiedAt}>{formatMoment(new Date(file.modifiedAt), now)}</time>
                    {file.size !== null && <> · {formatFileSize(file.size)}</>}
                    {folderOf(file.path) && <> · {folderOf(file.path)}</>}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label={t('files.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
