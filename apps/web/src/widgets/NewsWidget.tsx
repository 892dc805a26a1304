import { useTranslation } from 'react-i18next';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { ExternalLink } from './connected/ExternalLink';
import { formatMoment } from './time';
import type { WidgetProps } from './types';

/**
 * Articles of a news feed chosen by the collectivité's administrator (a « Flux d’actualités »
 * connector). The BFF reads the feed and sends plain text and http(s) links only: no image or
 * address of the site is requested by the browser until the person opens an article.
 */
export default function NewsWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'news'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="news"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('news.loading')}
    >
      {(data, { source, now }) => (
        <>
          {data.title.trim() !== '' && <p className="cw-subtitle">{data.title}</p>}
          {data.items.length === 0 ? (
            <p className="widget-state">{t('news.empty')}</p>
          ) : (
            <ul className="cw-list" aria-label={t('news.listLabel', { title: data.title || t('news.defaultTitle') })}>
              {data.items.map((item) => (
                <li key={item.id} className="cw-item">
                  <ExternalLink href={item.url} className="cw-link cw-item-title">
                    {item.title}
                  </ExternalLink>
                  {item.publishedAt && (
                    <span className="cw-meta">
                      <time dateTime={item.publishedAt}>{formatMoment(new Date(item.publishedAt), now)}</time>
                    </span>
                  )}
                  {item.summary !== '' && <p className="cw-excerpt">{item.summary}</p>}
                </li>
              ))}
            </ul>
          )}
          <AppLink
            href={data.appUrl}
            label={source ? t('news.openNamedSite', { name: source.label }) : t('news.openSite')}
          />
        </>
      )}
    </ConnectedWidget>
  );
}
