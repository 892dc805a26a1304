import { createContext, useContext } from 'react';
import { isUnavailable, type Board } from '@pleiade/contracts';

export interface SavedWidgetState {
  /** The server has this widget on the board: its data route answers (else 404). */
  saved: boolean;
  /** The connector chosen in the saved options, which is the one the server reads from. */
  connectorId: string | undefined;
  /** The other saved options (a Pastell entity, a period), as a key; undefined when there are none. */
  optionsKey?: string | undefined;
}

export function savedWidgetState(board: Board | undefined, widgetId: string): SavedWidgetState {
  const saved = board?.widgets.find((widget) => widget.id === widgetId);
  // A widget to reconfigure has no data until it is saved reconfigured.
  if (!saved || isUnavailable(saved)) return { saved: false, connectorId: undefined };
  const { connectorId, ...others } = saved.options as { connectorId?: string };
  const optionsKey = Object.keys(others).length > 0 ? JSON.stringify(others) : undefined;
  return { saved: true, connectorId, optionsKey };
}

/**
 * The board shown, as the server last gave it: the board editor provides the board of its query
 * (updated after each save), the kiosk the board it read.
 */
export const ShownBoardContext = createContext<Board | null>(null);

/**
 * The widget as the server knows it. A widget just added, or a connector just chosen, is only read
 * once the board is saved.
 */
export function useSavedWidget(widgetId: string): SavedWidgetState {
  return savedWidgetState(useContext(ShownBoardContext) ?? undefined, widgetId);
}
