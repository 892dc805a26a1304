import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  formatIndicatorValue,
  INDICATOR_DIRECTIONS,
  INDICATOR_PERIODS,
  type IndicatorDefinitionView,
  type IndicatorSourceList,
} from '@pleiade/contracts';
import { errorMessage, isApiError } from '../../api/errors';
import {
  createIndicator,
  deleteIndicator,
  fetchIndicatorDefinitions,
  fetchIndicatorSources,
  updateIndicator,
} from '../../api/indicators';
import { ErrorPanel } from '../../app/ErrorPanel';
import { i18n } from '../../i18n';
import { defaultParams, emptyForm, fieldOfPath, formOf, requestOf, type IndicatorForm } from './indicator-form';

type Sources = IndicatorSourceList['sources'];

/**
 * The collectivité's indicators: what each follows (a source of the BFF's registry), how often it
 * is read, its thresholds and their words. Created, changed and deleted by its administrators;
 * every change goes to the audit log (« Journal »).
 */
export function IndicatorsAdmin({ nav }: { nav: ReactNode }) {
  const { t } = useTranslation('adminBoards');
  const queryClient = useQueryClient();
  const sources = useQuery({
    queryKey: ['admin', 'indicator-sources'],
    queryFn: ({ signal }) => fetchIndicatorSources(signal),
  });
  const definitions = useQuery({
    queryKey: ['admin', 'indicators'],
    queryFn: ({ signal }) => fetchIndicatorDefinitions(signal),
  });
  const [editing, setEditing] = useState<IndicatorDefinitionView | 'new' | null>(null);
  const [status, setStatus] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['admin', 'indicators'] });
    void queryClient.invalidateQueries({ queryKey: ['indicators'] });
  };
  const remove = useMutation({
    mutationFn: (indicator: IndicatorDefinitionView) => deleteIndicator(indicator.id),
    onSuccess: (_data, indicator) => {
      setStatus(t('indicators.deleted', { name: indicator.label }));
      refresh();
    },
  });

  return (
    <>
      <h1>{t('indicators.title')}</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">{t('indicators.intro')}</p>
        <p role="status" className="admin-status">
          {status}
        </p>
        {(sources.isError || definitions.isError) && (
          <ErrorPanel
            title={t('indicators.loadFailed')}
            error={sources.error ?? definitions.error}
            onRetry={() => {
              void sources.refetch();
              void definitions.refetch();
            }}
          />
        )}
        {(sources.isPending || definitions.isPending) && !sources.isError && !definitions.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            {t('indicators.loading')}
          </p>
        )}
        {sources.data && definitions.data && (
          <>
            {remove.isError && (
              <div className="admin-form-alert" role="alert">
                <p className="admin-form-alert-title">{t('indicators.deleteFailed')}</p>
                <p>{errorMessage(remove.error)}</p>
              </div>
            )}
            {definitions.data.length === 0 ? (
              <p className="widget-state">{t('indicators.empty')}</p>
            ) : (
              <table className="admin-table">
                <caption className="visually-hidden">{t('indicators.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('indicators.indicator')}</th>
                    <th scope="col">{t('indicators.source')}</th>
                    <th scope="col">{t('indicators.period')}</th>
                    <th scope="col">{t('indicators.thresholds')}</th>
                    <th scope="col">{t('indicators.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {definitions.data.map((indicator) => (
                    <tr key={indicator.id}>
                      <th scope="row">{indicator.label}</th>
                      <td>{indicator.source.label}</td>
                      <td>{t(`indicators.periods.${indicator.period}`)}</td>
                      <td>{thresholdSummary(indicator)}</td>
                      <td className="indicator-admin-actions">
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('indicators.editWhich', { name: indicator.label })}
                          onClick={() => {
                            setStatus('');
                            setEditing(indicator);
                          }}
                        >
                          {t('indicators.edit')}
                        </button>
                        <button
                          type="button"
                          className="button button-danger"
                          aria-label={t('indicators.deleteWhich', { name: indicator.label })}
                          disabled={remove.isPending}
                          onClick={() => {
                            if (window.confirm(t('indicators.confirmDelete', { name: indicator.label }))) {
                              remove.mutate(indicator);
                            }
                          }}
                        >
                          {t('indicators.delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {editing === null ? (
              <div>
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => {
                    setStatus('');
                    setEditing('new');
                  }}
                >
                  {t('indicators.new')}
                </button>
              </div>
            ) : (
              <IndicatorEditor
                key={editing === 'new' ? 'new' : editing.id}
                sources={sources.data.sources}
                indicator={editing === 'new' ? null : editing}
                onDone={(message) => {
                  setEditing(null);
                  if (message) {
                    setStatus(message);
                    refresh();
                  }
                }}
              />
            )}
          </>
        )}
      </div>
    </>
  );
}

function thresholdSummary(indicator: IndicatorDefinitionView): string {
  const { watch, critical, labels } = indicator.thresholds;
  const comparison = indicator.direction === 'higher_is_better' ? 'below' : 'above';
  const part = (level: string, value: number) =>
    i18n.t(`adminBoards:indicators.${comparison}`, { level, value: formatIndicatorValue(value, indicator.unit) });
  const parts = [
    watch === null ? null : part(labels.watch, watch),
    critical === null ? null : part(labels.critical, critical),
  ].filter((text) => text !== null);
  return parts.length === 0
    ? i18n.t('adminBoards:indicators.noThreshold')
    : parts.join(i18n.t('adminBoards:indicators.thresholdSeparator'));
}

/** Creating or changing one indicator: its source, reading, direction, thresholds and their words. */
export function IndicatorEditor({
  sources,
  indicator,
  onDone,
}: {
  sources: Sources;
  indicator: IndicatorDefinitionView | null;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('adminBoards');
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState<IndicatorForm>(() => (indicator ? formOf(indicator) : emptyForm(sources)));
  // Opened by a button: the keyboard goes on to the form.
  useEffect(() => headingRef.current?.focus(), []);
  const save = useMutation({
    mutationFn: (value: IndicatorForm) =>
      indicator ? updateIndicator(indicator.id, requestOf(value)) : createIndicator(requestOf(value)),
    onSuccess: (saved) => onDone(t(indicator ? 'indicators.updated' : 'indicators.created', { name: saved.label })),
  });
  const errors = new Map(
    isApiError(save.error) ? save.error.details.map((detail) => [fieldOfPath(detail.path), detail.message]) : [],
  );
  const source = sources.find((candidate) => candidate.kind === form.sourceKind);
  const set = <K extends keyof IndicatorForm>(key: K, value: IndicatorForm[K]) =>
    setForm((current) => ({ ...current, [key]: value }));

  const field = (
    name: string,
    label: string,
    input: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode,
    hint?: string,
  ) => {
    const error = errors.get(name);
    const fieldId = `${id}-${name}`;
    const describedBy = [hint ? `${fieldId}-hint` : null, error ? `${fieldId}-error` : null].filter(Boolean).join(' ');
    return (
      <div className="admin-field">
        <label htmlFor={fieldId}>{label}</label>
        {hint && (
          <p id={`${fieldId}-hint`} className="admin-hint">
            {hint}
          </p>
        )}
        {input({
          id: fieldId,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          ...(error ? { 'aria-invalid': true } : {}),
        })}
        {error && (
          <p id={`${fieldId}-error`} className="admin-field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    save.mutate(form);
  };

  return (
    <form className="admin-form indicator-editor" onSubmit={onSubmit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {indicator ? t('indicators.editWhich', { name: indicator.label }) : t('indicators.new')}
      </h2>
      {save.isError && (
        <div className="admin-form-alert" role="alert">
          <p className="admin-form-alert-title">{t('indicators.saveFailed')}</p>
          <p>{errors.size > 0 ? t('indicators.fixFields') : errorMessage(save.error)}</p>
        </div>
      )}
      {field('label', t('indicators.name'), (props) => (
        <input {...props} type="text" value={form.label} onChange={(event) => set('label', event.target.value)} />
      ))}
      {field('source.kind', t('indicators.counted'), (props) => (
        <select
          {...props}
          value={form.sourceKind}
          onChange={(event) => {
            const next = sources.find((candidate) => candidate.kind === event.target.value);
            setForm((current) => ({
              ...current,
              sourceKind: event.target.value,
              params: defaultParams(next),
              unit: current.unit === '' || current.unit === (source?.unit ?? '') ? (next?.unit ?? '') : current.unit,
            }));
          }}
        >
          {!source && <option value={form.sourceKind}>{t('indicators.sourceGone')}</option>}
          {sources.map((candidate) => (
            <option key={candidate.kind} value={candidate.kind}>
              {candidate.label}
            </option>
          ))}
        </select>
      ))}
      {(source?.fields ?? []).map((sourceField) =>
        field(`params.${sourceField.name}`, sourceField.label, (props) =>
          sourceField.type === 'select' ? (
            <select
              {...props}
              value={form.params[sourceField.name] ?? ''}
              onChange={(event) => set('params', { ...form.params, [sourceField.name]: event.target.value })}
            >
              {sourceField.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          ) : (
            <input
              {...props}
              type="text"
              value={form.params[sourceField.name] ?? ''}
              onChange={(event) => set('params', { ...form.params, [sourceField.name]: event.target.value })}
            />
          ),
        ),
      )}
      {field(
        'unit',
        t('indicators.unit'),
        (props) => (
          <input {...props} type="text" value={form.unit} onChange={(event) => set('unit', event.target.value)} />
        ),
        t('indicators.unitHint'),
      )}
      {field('period', t('indicators.period'), (props) => (
        <select
          {...props}
          value={form.period}
          onChange={(event) => set('period', event.target.value as IndicatorForm['period'])}
        >
          {INDICATOR_PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`indicators.periods.${period}`)}
            </option>
          ))}
        </select>
      ))}
      {field('direction', t('indicators.direction'), (props) => (
        <select
          {...props}
          value={form.direction}
          onChange={(event) => set('direction', event.target.value as IndicatorForm['direction'])}
        >
          {INDICATOR_DIRECTIONS.map((direction) => (
            <option key={direction} value={direction}>
              {t(`indicators.directions.${direction}`)}
            </option>
          ))}
        </select>
      ))}
      <fieldset className="admin-fieldset">
        <legend>{t('indicators.thresholdsLegend')}</legend>
        <p className="admin-hint">
          {form.direction === 'higher_is_better'
            ? t('indicators.thresholdsHintHigher')
            : t('indicators.thresholdsHintLower')}{' '}
          {t('indicators.thresholdsHintColour')}
        </p>
        {field('thresholds.watch', t('indicators.watch'), (props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            value={form.watch}
            onChange={(event) => set('watch', event.target.value)}
          />
        ))}
        {field('thresholds.critical', t('indicators.critical'), (props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            value={form.critical}
            onChange={(event) => set('critical', event.target.value)}
          />
        ))}
        {(['good', 'watch', 'critical'] as const).map((level) =>
          field(`thresholds.labels.${level}`, t(`indicators.levelWord.${level}`), (props) => (
            <input
              {...props}
              type="text"
              value={form.labels[level]}
              onChange={(event) => set('labels', { ...form.labels, [level]: event.target.value })}
            />
          )),
        )}
      </fieldset>
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {indicator ? t('indicators.save') : t('indicators.create')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          {t('indicators.cancel')}
        </button>
      </div>
    </form>
  );
}
