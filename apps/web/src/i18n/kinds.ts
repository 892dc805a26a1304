import type { ConnectorKind, WidgetKind } from '@pleiade/contracts';
import { i18n } from './index';

/** A widget kind's name in the interface's language (French: WIDGET_TITLES of the contracts). */
export const widgetKindTitle = (kind: WidgetKind): string => i18n.t(`kinds:widget.${kind}`);

/** An application kind's name in the interface's language (French: its connector definition's label). */
export const connectorKindName = (kind: ConnectorKind): string => i18n.t(`kinds:connector.${kind}`);
