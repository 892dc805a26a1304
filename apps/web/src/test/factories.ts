import {
  widgetInstanceSchema,
  type UnavailableWidget,
  type WidgetInstance,
  type WidgetKind,
  type WidgetLayout,
} from '@pleiade/contracts';

let counter = 0;

/** A valid UUID (v4 shape) that differs on every call and stays readable in failures. */
export function testId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString().padStart(12, '0')}`;
}

export function widget(
  kind: WidgetKind,
  lg: { x: number; y: number; w: number; h: number },
  overrides: { id?: string; layout?: Partial<WidgetLayout>; options?: unknown } = {},
): WidgetInstance {
  return widgetInstanceSchema.parse({
    id: overrides.id ?? testId(),
    kind,
    layout: { lg, ...overrides.layout },
    options: overrides.options ?? (kind === 'notes' ? { text: '' } : {}),
  });
}

/** A widget the server marks to reconfigure: `kind` null for a kind this version does not know. */
export function unavailableWidget(
  kind: WidgetKind | null,
  lg: { x: number; y: number; w: number; h: number },
  overrides: { id?: string; layout?: Partial<WidgetLayout> } = {},
): UnavailableWidget {
  return { id: overrides.id ?? testId(), state: 'needs_reconfiguration', kind, layout: { lg, ...overrides.layout } };
}
