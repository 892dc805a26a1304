import {
  compareActionItems,
  type ActionItem,
  type TodoEvent,
  type TodoSource,
  type WidgetFailureStatus,
} from '@pleiade/contracts';

/**
 * « À traiter » in the page: what each source answered so far. A new stream (every minute, or
 * « Actualiser ») replaces a source's items when its line arrives: until then the page keeps
 * showing what it had, so nothing blinks.
 */

export type SourcePhase = 'loading' | 'slow' | 'ok' | 'failed';

export interface SourceState {
  source: TodoSource;
  phase: SourcePhase;
  items: ActionItem[];
  /** The failure's French message (phase `failed`). */
  message: string | null;
  /** Why the application failed, as the BFF classed it (phase `failed`); null when the stream broke. */
  failure: WidgetFailureStatus | null;
  /** Served from the cache: the application did not answer this time. */
  stale: boolean;
}

export interface TodoState {
  /** `loading` before the first line; `error` when the stream itself failed (not a source). */
  phase: 'loading' | 'streaming' | 'done' | 'error';
  sources: SourceState[];
  /** The ids seen once a stream completed: items not among them are new. */
  known: ReadonlySet<string> | null;
  /** Items that appeared since the previous complete stream. */
  fresh: ReadonlySet<string>;
  error: string | null;
}

export const INITIAL_TODO_STATE: TodoState = {
  phase: 'loading',
  sources: [],
  known: null,
  fresh: new Set(),
  error: null,
};

/** A new stream begins: sources keep their items, and show as loading until they answer again. */
export function startStream(state: TodoState): TodoState {
  return {
    ...state,
    phase: state.phase === 'loading' || state.phase === 'error' ? 'loading' : 'streaming',
    error: null,
  };
}

export function applyTodoEvent(state: TodoState, event: TodoEvent): TodoState {
  switch (event.type) {
    case 'sources': {
      const previous = new Map(state.sources.map((entry) => [entry.source.connectorId, entry]));
      return {
        ...state,
        phase: 'streaming',
        sources: event.sources.map((source) => {
          const known = previous.get(source.connectorId);
          return known
            ? { ...known, source, phase: known.phase === 'ok' ? 'ok' : 'loading' }
            : { source, phase: 'loading', items: [], message: null, failure: null, stale: false };
        }),
      };
    }
    case 'items':
      return updateSource(state, event.connectorId, (entry) => ({
        ...entry,
        phase: 'ok',
        items: event.items,
        message: null,
        failure: null,
        stale: event.stale,
      }));
    case 'slow':
      return updateSource(state, event.connectorId, (entry) =>
        entry.phase === 'ok' ? entry : { ...entry, phase: 'slow' },
      );
    case 'failed':
      return updateSource(state, event.connectorId, (entry) => ({
        ...entry,
        phase: 'failed',
        message: event.message,
        failure: event.status,
      }));
    case 'done': {
      const ids = new Set(allItems(state).map((item) => item.id));
      const fresh = state.known ? new Set([...ids].filter((id) => !state.known?.has(id))) : new Set<string>();
      return { ...state, phase: 'done', known: ids, fresh };
    }
  }
}

/** The stream broke before `done` (network, session): sources still waiting are failed. */
export function streamFailed(state: TodoState, message: string): TodoState {
  return {
    ...state,
    phase: state.sources.length > 0 ? 'done' : 'error',
    error: message,
    sources: state.sources.map((entry) =>
      entry.phase === 'loading' || entry.phase === 'slow'
        ? { ...entry, phase: 'failed', message, failure: null }
        : entry,
    ),
  };
}

function updateSource(state: TodoState, connectorId: string, change: (entry: SourceState) => SourceState): TodoState {
  return {
    ...state,
    sources: state.sources.map((entry) => (entry.source.connectorId === connectorId ? change(entry) : entry)),
  };
}

/** Every item received, most urgent first. */
export function allItems(state: TodoState): ActionItem[] {
  return state.sources.flatMap((entry) => entry.items).sort(compareActionItems);
}

export function itemCount(state: TodoState): number {
  return state.sources.reduce((sum, entry) => sum + entry.items.length, 0);
}
