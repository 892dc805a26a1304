import { createContext, useContext } from 'react';
import { useQuery } from '@tanstack/react-query';
import { isUnavailable, type Board } from '@pleiade/contracts';
import { boardQuery } from '../../api/queries';

export interface SavedWidgetState {
  /** The server has this widget on the board: its data route answers (else 404). */
  saved: boolean;
  /** The connector chosen in the saved options, which is the one the server reads from. */
  connectorId: string | undefined;
}

export function savedWidgetState(board: Board | undefined, widgetId: string): SavedWidgetState {
  const saved = board?.widgets.find((widget) => widget.id === widgetId);
  // A widget to reconfigure has no data until it is saved reconfigured.
  if (!saved || isUnavailable(saved)) return { saved: false, connectorId: undefined };
  const connectorId = 'connectorId' in saved.options ? saved.options.connectorId : undefined;
  return { saved: true, connectorId };
}

/** The id of the board whose widgets are shown: the board editor provides it. */
export const ShownBoardContext = createContext<string | null>(null);

/**
 * The widget as the server knows it, read from the cache of the board shown, which the editor
 * updates after each save. A widget just added, or a connector just chosen, is only read once the
 * board is saved. The observer is disabled: it follows the cache and never fetches the board by itself.
 */
export function useSavedWidget(widgetId: string): SavedWidgetState {
  const boardId = useContext(ShownBoardContext) ?? '';
  const board = useQuery({ ...boardQuery(boardId), enabled: false });
  return savedWidgetState(board.data, widgetId);
}
