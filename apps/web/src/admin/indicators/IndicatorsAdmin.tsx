import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  formatIndicatorValue,
  INDICATOR_DIRECTION_LABELS,
  INDICATOR_DIRECTIONS,
  INDICATOR_PERIOD_LABELS,
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
import { defaultParams, emptyForm, fieldOfPath, formOf, requestOf, type IndicatorForm } from './indicator-form';

type Sources = IndicatorSourceList['sources'];

/**
 * The collectivité's indicators: what each follows (a source of the BFF's registry), how often it
 * is read, its thresholds and their words. Created, changed and deleted by its administrators;
 * every change goes to the audit log (« Journal »).
 */
export function IndicatorsAdmin({ nav }: { nav: ReactNode }) {
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
      setStatus(`Indicateur « ${indicator.label} » supprimé.`);
      refresh();
    },
  });

  return (
    <>
      <h1>Administration — Indicateurs</h1>
      {nav}
      <div className="admin-page">
        <p className="admin-intro">
          Un indicateur suit un chiffre de la collectivité. Pléiade le relève une fois par période (jour, semaine, mois
          ou trimestre) et garde son historique ; le widget « Indicateur » montre sa valeur, son évolution et son état.
        </p>
        <p role="status" className="admin-status">
          {status}
        </p>
        {(sources.isError || definitions.isError) && (
          <ErrorPanel
            title="Les indicateurs n’ont pas pu être chargés."
            error={sources.error ?? definitions.error}
            onRetry={() => {
              void sources.refetch();
              void definitions.refetch();
            }}
          />
        )}
        {(sources.isPending || definitions.isPending) && !sources.isError && !definitions.isError && (
          <p role="status" aria-busy="true" className="page-loading">
            Chargement des indicateurs…
          </p>
        )}
        {sources.data && definitions.data && (
          <>
            {remove.isError && (
              <div className="admin-form-alert" role="alert">
                <p className="admin-form-alert-title">La suppression n’a pas abouti.</p>
                <p>{errorMessage(remove.error)}</p>
              </div>
            )}
            {definitions.data.length === 0 ? (
              <p className="widget-state">Aucun indicateur pour l’instant.</p>
            ) : (
              <table className="admin-table">
                <caption className="visually-hidden">Indicateurs de la collectivité</caption>
                <thead>
                  <tr>
                    <th scope="col">Indicateur</th>
                    <th scope="col">Source</th>
                    <th scope="col">Relevé</th>
                    <th scope="col">Seuils</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {definitions.data.map((indicator) => (
                    <tr key={indicator.id}>
                      <th scope="row">{indicator.label}</th>
                      <td>{indicator.source.label}</td>
                      <td>{INDICATOR_PERIOD_LABELS[indicator.period]}</td>
                      <td>{thresholdSummary(indicator)}</td>
                      <td className="indicator-admin-actions">
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={`Modifier « ${indicator.label} »`}
                          onClick={() => {
                            setStatus('');
                            setEditing(indicator);
                          }}
                        >
                          Modifier
                        </button>
                        <button
                          type="button"
                          className="button button-danger"
                          aria-label={`Supprimer « ${indicator.label} »`}
                          disabled={remove.isPending}
                          onClick={() => {
                            if (
                              window.confirm(`Supprimer l’indicateur « ${indicator.label} » et tout son historique ?`)
                            ) {
                              remove.mutate(indicator);
                            }
                          }}
                        >
                          Supprimer
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
                  Nouvel indicateur
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
  const comparison = indicator.direction === 'higher_is_better' ? 'sous' : 'au-dessus de';
  const parts = [
    watch === null ? null : `${labels.watch} ${comparison} ${formatIndicatorValue(watch, indicator.unit)}`,
    critical === null ? null : `${labels.critical} ${comparison} ${formatIndicatorValue(critical, indicator.unit)}`,
  ].filter((part) => part !== null);
  return parts.length === 0 ? 'Aucun' : parts.join(' ; ');
}

function IndicatorEditor({
  sources,
  indicator,
  onDone,
}: {
  sources: Sources;
  indicator: IndicatorDefinitionView | null;
  onDone: (message: string | null) => void;
}) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [form, setForm] = useState<IndicatorForm>(() => (indicator ? formOf(indicator) : emptyForm(sources)));
  // Opened by a button: the keyboard goes on to the form.
  useEffect(() => headingRef.current?.focus(), []);
  const save = useMutation({
    mutationFn: (value: IndicatorForm) =>
      indicator ? updateIndicator(indicator.id, requestOf(value)) : createIndicator(requestOf(value)),
    onSuccess: (saved) => onDone(`Indicateur « ${saved.label} » ${indicator ? 'modifié' : 'créé'}.`),
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
        {indicator ? `Modifier « ${indicator.label} »` : 'Nouvel indicateur'}
      </h2>
      {save.isError && (
        <div className="admin-form-alert" role="alert">
          <p className="admin-form-alert-title">L’indicateur n’a pas été enregistré.</p>
          <p>{errors.size > 0 ? 'Corrigez les champs signalés.' : errorMessage(save.error)}</p>
        </div>
      )}
      {field('label', 'Nom', (props) => (
        <input {...props} type="text" value={form.label} onChange={(event) => set('label', event.target.value)} />
      ))}
      {field('source.kind', 'Ce qui est compté', (props) => (
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
          {!source && <option value={form.sourceKind}>Source qui n’est plus proposée</option>}
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
        'Unité (facultative)',
        (props) => (
          <input {...props} type="text" value={form.unit} onChange={(event) => set('unit', event.target.value)} />
        ),
        'Affichée après le nombre : « personnes », « actes », « jours »…',
      )}
      {field('period', 'Relevé', (props) => (
        <select
          {...props}
          value={form.period}
          onChange={(event) => set('period', event.target.value as IndicatorForm['period'])}
        >
          {INDICATOR_PERIODS.map((period) => (
            <option key={period} value={period}>
              {INDICATOR_PERIOD_LABELS[period]}
            </option>
          ))}
        </select>
      ))}
      {field('direction', 'Sens', (props) => (
        <select
          {...props}
          value={form.direction}
          onChange={(event) => set('direction', event.target.value as IndicatorForm['direction'])}
        >
          {INDICATOR_DIRECTIONS.map((direction) => (
            <option key={direction} value={direction}>
              {INDICATOR_DIRECTION_LABELS[direction]}
            </option>
          ))}
        </select>
      ))}
      <fieldset className="admin-fieldset">
        <legend>Seuils (facultatifs)</legend>
        <p className="admin-hint">
          {form.direction === 'higher_is_better'
            ? 'En dessous du premier seuil, l’indicateur est « à surveiller » ; en dessous du second, « critique ».'
            : 'Au-dessus du premier seuil, l’indicateur est « à surveiller » ; au-dessus du second, « critique ».'}{' '}
          Chaque état s’affiche en toutes lettres, avec sa couleur.
        </p>
        {field('thresholds.watch', 'Seuil « à surveiller »', (props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            value={form.watch}
            onChange={(event) => set('watch', event.target.value)}
          />
        ))}
        {field('thresholds.critical', 'Seuil critique', (props) => (
          <input
            {...props}
            type="text"
            inputMode="decimal"
            value={form.critical}
            onChange={(event) => set('critical', event.target.value)}
          />
        ))}
        {(['good', 'watch', 'critical'] as const).map((level) =>
          field(
            `thresholds.labels.${level}`,
            { good: 'Mot de l’état correct', watch: 'Mot de l’état à surveiller', critical: 'Mot de l’état critique' }[
              level
            ],
            (props) => (
              <input
                {...props}
                type="text"
                value={form.labels[level]}
                onChange={(event) => set('labels', { ...form.labels, [level]: event.target.value })}
              />
            ),
          ),
        )}
      </fieldset>
      <div className="admin-form-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {indicator ? 'Enregistrer les modifications' : 'Créer l’indicateur'}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone(null)}>
          Annuler
        </button>
      </div>
    </form>
  );
}
