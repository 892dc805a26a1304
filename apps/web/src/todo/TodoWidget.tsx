import { useMemo } from 'react';
import { formatCount, pluralise } from '../widgets/format';
import type { WidgetProps } from '../widgets/types';
import { useNowByMinute } from '../widgets/useNow';
import { TODO_HASH } from './todo-route';
import { TodoList } from './TodoList';
import { allItems } from './todo-state';
import { useTodo } from './todo-store';

/** The most urgent items on the board; the page lists them all. */
const SHOWN = 4;

export default function TodoWidget(_props: WidgetProps<'todo'>) {
  const { state } = useTodo();
  const now = useNowByMinute();
  const items = useMemo(() => allItems(state), [state]);
  const labels = useMemo(
    () => new Map(state.sources.map((entry) => [entry.source.connectorId, entry.source.label])),
    [state.sources],
  );
  const waiting = state.sources.filter((entry) => entry.phase === 'loading' || entry.phase === 'slow');
  const failed = state.sources.filter((entry) => entry.phase === 'failed');

  if (state.phase === 'error') {
    return (
      <p className="cw-error" role="alert">
        Vos éléments à traiter n’ont pas pu être chargés. {state.error}
      </p>
    );
  }
  if (state.phase === 'loading' && state.sources.length === 0) {
    return (
      <p className="widget-state" role="status">
        Chargement de vos éléments à traiter…
      </p>
    );
  }
  if (state.sources.length === 0) {
    return <p className="widget-state">Aucune application reliée ne propose d’éléments à traiter.</p>;
  }
  return (
    <div className="cw-body">
      <p className="cw-counts">
        <span className="cw-count">
          <span className="cw-count-number">{formatCount(items.length)}</span>{' '}
          {pluralise(items.length, 'élément à traiter', 'éléments à traiter')}
        </span>
        <a className="cw-link" href={TODO_HASH}>
          Tout voir ({formatCount(items.length)})
        </a>
      </p>
      {items.length > 0 ? (
        <TodoList
          items={items.slice(0, SHOWN)}
          labels={labels}
          fresh={state.fresh}
          now={now}
          label="Les plus urgents"
          compact
        />
      ) : (
        waiting.length === 0 && <p className="widget-state">Rien à traiter pour le moment.</p>
      )}
      {waiting.length > 0 && (
        <p className="cw-hint" role="status">
          En attente : {waiting.map((entry) => entry.source.label).join(', ')}
        </p>
      )}
      {failed.length > 0 && (
        <p className="cw-hint">Indisponible : {failed.map((entry) => entry.source.label).join(', ')}</p>
      )}
    </div>
  );
}
