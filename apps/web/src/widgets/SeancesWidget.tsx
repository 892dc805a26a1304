import { useTranslation } from 'react-i18next';
import type { ConvocationState } from '@pleiade/contracts';
import { AppLink } from './connected/AppLink';
import { ConnectedWidget } from './connected/ConnectedWidget';
import { formatCount } from './format';
import { formatClock, formatDayHeading } from './time';
import type { WidgetProps } from './types';

const TO_ACT: ReadonlySet<ConvocationState> = new Set(['to_read', 'to_confirm']);

/** i-delibRE: upcoming sittings and the person's own convocations (to read, to confirm). */
export default function SeancesWidget({ widget, readOnly, onOptionsChange }: WidgetProps<'seances'>) {
  const { t } = useTranslation('widgets');
  return (
    <ConnectedWidget
      kind="seances"
      widgetId={widget.id}
      options={widget.options}
      readOnly={readOnly}
      onOptionsChange={onOptionsChange}
      loadingText={t('seances.loading')}
    >
      {(data, { now }) => (
        <>
          {(data.toRead > 0 || data.toConfirm > 0) && (
            <p className="cw-counts">
              {data.toRead > 0 && (
                <span className="cw-count">
                  {t('seances.toRead', { count: data.toRead, value: formatCount(data.toRead) })}
                </span>
              )}
              {data.toConfirm > 0 && (
                <span className="cw-count">
                  {t('seances.toConfirm', { count: data.toConfirm, value: formatCount(data.toConfirm) })}
                </span>
              )}
            </p>
          )}
          {data.sittings.length === 0 ? (
            <p className="widget-state">{t('seances.none')}</p>
          ) : (
            <ul className="cw-list" aria-label={t('seances.listLabel')}>
              {data.sittings.map((sitting) => {
                const date = new Date(sitting.date);
                const state = sitting.convocation?.state;
                return (
                  <li key={sitting.id} className="cw-item">
                    <span className="cw-item-title">{sitting.name}</span>
                    <span className="cw-meta">
                      <time dateTime={sitting.date}>
                        {formatDayHeading(date, now)}, {formatClock(date)}
                      </time>
                      {state && (
                        <span className={TO_ACT.has(state) ? 'cw-badge cw-badge-strong' : 'cw-badge'}>
                          {sitting.convocation?.category === 'invitation' && state === 'to_read'
                            ? t('seances.invitationToRead')
                            : t(`seances.state.${state}`)}
                        </span>
                      )}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <AppLink href={data.appUrl} label={t('seances.open')} />
        </>
      )}
    </ConnectedWidget>
  );
}
