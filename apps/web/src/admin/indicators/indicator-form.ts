import {
  DEFAULT_LEVEL_LABELS,
  type IndicatorDefinitionRequest,
  type IndicatorDefinitionView,
  type IndicatorDirection,
  type IndicatorPeriod,
  type IndicatorSourceList,
} from '@pleiade/contracts';

/** The administration's indicator form, as the fields hold it (text), and its request. */
export interface IndicatorForm {
  label: string;
  unit: string;
  sourceKind: string;
  params: Record<string, string>;
  period: IndicatorPeriod;
  direction: IndicatorDirection;
  watch: string;
  critical: string;
  labels: { good: string; watch: string; critical: string };
}

export function emptyForm(sources: IndicatorSourceList['sources']): IndicatorForm {
  const first = sources[0];
  return {
    label: '',
    unit: first?.unit ?? '',
    sourceKind: first?.kind ?? '',
    params: defaultParams(first),
    period: 'month',
    direction: 'higher_is_better',
    watch: '',
    critical: '',
    labels: { ...DEFAULT_LEVEL_LABELS },
  };
}

/** Each select field on its first option, text fields empty. */
export function defaultParams(source: IndicatorSourceList['sources'][number] | undefined): Record<string, string> {
  return Object.fromEntries(
    (source?.fields ?? []).map((field) => [field.name, field.type === 'select' ? (field.options[0]?.value ?? '') : '']),
  );
}

export function formOf(view: IndicatorDefinitionView): IndicatorForm {
  return {
    label: view.label,
    unit: view.unit ?? '',
    sourceKind: view.source.kind,
    params: Object.fromEntries(Object.entries(view.source.params).map(([key, value]) => [key, String(value)])),
    period: view.period,
    direction: view.direction,
    watch: view.thresholds.watch === null ? '' : String(view.thresholds.watch),
    critical: view.thresholds.critical === null ? '' : String(view.thresholds.critical),
    labels: { ...view.thresholds.labels },
  };
}

/** « 12,5 » or « 12.5 »; empty: no threshold. Not a number: sent as is, for the server to refuse. */
function thresholdOf(text: string): number | null | string {
  const trimmed = text.trim().replace(/\s/g, '').replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : text;
}

export function requestOf(form: IndicatorForm): IndicatorDefinitionRequest {
  return {
    label: form.label,
    unit: form.unit.trim() === '' ? null : form.unit,
    source: { kind: form.sourceKind, params: form.params },
    period: form.period,
    direction: form.direction,
    // The server checks the types: a word typed as a threshold comes back as a field error.
    thresholds: {
      watch: thresholdOf(form.watch) as number | null,
      critical: thresholdOf(form.critical) as number | null,
      labels: form.labels,
    },
  };
}

/** The API's field paths (body.thresholds.watch) to the form's fields. */
export function fieldOfPath(path: string): string {
  return path.replace(/^body\./, '').replace(/^source\.params\./, 'params.');
}
