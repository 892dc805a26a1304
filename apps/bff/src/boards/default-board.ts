import { randomUUID } from 'node:crypto';
import {
  WIDGET_CONNECTOR_KINDS,
  newWidgetLayout,
  type Breakpoint,
  type ConnectedWidgetKind,
  type ConnectorKind,
  type WidgetInstance,
} from '@pleiade/contracts';

/** Connected widgets a new person gets, in this order, when their collectivité has a suitable connector. */
const DEFAULT_CONNECTED_KINDS = [
  'mail',
  'agenda',
  'nextcloud-notifications',
  'chat',
  'visio',
] as const satisfies readonly ConnectedWidgetKind[];

/**
 * Then the dematerialisation chain: an agent follows folders to sign, transmissions and Pastell's
 * flows; an élu (whose board is read-only) their sittings, convocations and folders to sign.
 */
const DEFAULT_DEMAT_KINDS = {
  agent: ['parapheur', 'teletransmission', 'pastell'],
  elu: ['seances', 'parapheur'],
} as const satisfies Record<string, readonly ConnectedWidgetKind[]>;

/** Width of a connected widget at each breakpoint: three per row on large screens, two on medium and tablets, one on phones. */
const CONNECTED_WIDTH: Record<Breakpoint, number> = { lg: 4, md: 5, sm: 1, xs: 1 };

/**
 * The board everyone gets at first sign-in, until administrators can prepare their own: welcome,
 * launcher, notes (only on a board its owner may edit: not for élus), then one widget per
 * application their collectivité has connected, placed where nothing else is at every breakpoint.
 */
export function defaultWidgets(editable: boolean, connectorKinds: readonly ConnectorKind[] = []): WidgetInstance[] {
  const widgets: WidgetInstance[] = [
    {
      id: randomUUID(),
      kind: 'welcome',
      options: {},
      layout: {
        lg: { x: 0, y: 0, w: 4, h: 3 },
        md: { x: 0, y: 0, w: 4, h: 3 },
        sm: { x: 0, y: 0, w: 1, h: 3 },
        xs: { x: 0, y: 0, w: 1, h: 3 },
      },
    },
    {
      id: randomUUID(),
      kind: 'app-launcher',
      options: {},
      layout: {
        lg: { x: 4, y: 0, w: 4, h: 4 },
        md: { x: 4, y: 0, w: 4, h: 4 },
        sm: { x: 1, y: 0, w: 1, h: 4 },
        xs: { x: 0, y: 3, w: 1, h: 4 },
      },
    },
  ];
  if (editable) {
    widgets.push({
      id: randomUUID(),
      kind: 'notes',
      options: { text: '' },
      layout: {
        lg: { x: 8, y: 0, w: 4, h: 4 },
        md: { x: 8, y: 0, w: 2, h: 4 },
        sm: { x: 0, y: 3, w: 1, h: 4 },
        xs: { x: 0, y: 7, w: 1, h: 4 },
      },
    });
  }
  const available = new Set(connectorKinds);
  for (const kind of [...DEFAULT_CONNECTED_KINDS, ...DEFAULT_DEMAT_KINDS[editable ? 'agent' : 'elu']]) {
    if (!WIDGET_CONNECTOR_KINDS[kind].some((connectorKind) => available.has(connectorKind))) continue;
    const layout = newWidgetLayout(kind, widgets, 'first-free', CONNECTED_WIDTH);
    widgets.push({ id: randomUUID(), kind, options: {}, layout });
  }
  return widgets;
}
