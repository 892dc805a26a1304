import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { folderOf, formatFileSize } from './format';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

export default function NextcloudFilesWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'nextcloud-files'>) {
  return (
    <ConnectedWidget
      kind="nextcloud-files"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText="Chargement de vos fichiers récents…"
    >
      {(data, { now }) => (
        <>
          {data.items.length === 0 ? (
            <p className="widget-state">Aucun fichier modifié récemment</p>
          ) : (
            <ul className="cw-list" aria-label="Fichiers modifiés récemment">
              {data.items.map((file) => (
                <li key={file.id} className="cw-item">
                  <ExternalLink href={file.url} className="cw-link cw-item-title">
                    {file.name}
                  </ExternalLink>
                  <span className="cw-meta">
                    <span className="visually-hidden">Modifié </span>
                    <time dateTime={file.modifiedAt}>{formatMoment(new Date(file.modifiedAt), now)}</time>
                    {file.size !== null && <> · {formatFileSize(file.size)}</>}
                    {folderOf(file.path) && <> · {folderOf(file.path)}</>}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <AppLink href={data.appUrl} label="Ouvrir les fichiers" />
        </>
      )}
    </ConnectedWidget>
  );
}
