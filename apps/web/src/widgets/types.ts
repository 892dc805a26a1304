import type { ComponentType, LazyExoticComponent } from 'react';
import type { WidgetInstance, WidgetKind } from '@pleiade/contracts';

export type WidgetOf<K extends WidgetKind> = Extract<WidgetInstance, { kind: K }>;
export type WidgetOptionsOf<K extends WidgetKind> = WidgetOf<K>['options'];

export interface WidgetProps<K extends WidgetKind> {
  widget: WidgetOf<K>;
  /** True on read-only boards (élus): the widget must offer no way to change its options. */
  readOnly: boolean;
  /** Stores new options; they are saved with the board. */
  onOptionsChange: (options: WidgetOptionsOf<K>) => void;
}

export interface WidgetDefinition<K extends WidgetKind = WidgetKind> {
  kind: K;
  /** Title in the interface's language, shown in the widget's header and in the catalogue. */
  readonly title: string;
  /** One sentence for the catalogue, in the interface's language. */
  readonly description: string;
  component: LazyExoticComponent<ComponentType<WidgetProps<K>>>;
}

/** One definition per kind, typed to that kind: a kind without a definition does not compile. */
export type WidgetRegistry = { [K in WidgetKind]: WidgetDefinition<K> };
