import { useMemo, useState } from 'react';
import { formatCount, pluralise } from '../widgets/format';
import { useNowByMinute } from '../widgets/useNow';
import { TodoList } from './TodoList';
import { allItems, itemCount, type SourceState, type TodoState } from './todo-state';
import { useTodo } from './todo-store';

/** What a source is doing, in words (never a colour alone). */
function sourceNote(entry: SourceState): string {
  switch (entry.phase) {
    case 'loading':
      return 'chargement…';
    case 'slow':
      return 'l’application met du temps à répondre…';
    case 'failed':
      return entry.message ?? 'indisponible';
    case 'ok':
      return entry.stale
        ? `${countText(entry.items.length)} (l’application ne répond pas : dernières données connues)`
        : countText(entry.items.length);
  }
}

function countText(count: number): string {
  return count === 0 ? 'rien à traiter' : `${formatCount(count)} ${pluralise(count, 'élément', 'éléments')}`;
}

/** The summary read aloud when a reading completes. */
function announcement(state: TodoState): string {
  if (state.phase !== 'done') return '';
  const count = itemCount(state);
  const fresh = state.fresh.size;
  const news = fresh > 0 ? ` dont ${formatCount(fresh)} ${pluralise(fresh, 'nouveau', 'nouveaux')}` : '';
  return `${count === 0 ? 'Rien à traiter' : `${countText(count)} à traiter`}${news}.`;
}

/** `#/a-traiter`: everything the person has to do, from every application, most urgent first. */
export function TodoPage() {
  const { state, refresh } = useTodo();
  const now = useNowByMinute();
  const [chosen, setSource] = useState<string | null>(null);
  const [urgentOnly, setUrgentOnly] = useState(false);
  const items = useMemo(() => allItems(state), [state]);
  const labels = useMemo(
    () => new Map(state.sources.map((entry) => [entry.source.connectorId, entry.source.label])),
    [state.sources],
  );
  // A filter on a source that is gone (connector removed) shows everything again.
  const source = chosen !== null && labels.has(chosen) ? chosen : null;
  const shown = items.filter(
    (item) => (source === null || item.connectorId === source) && (!urgentOnly || item.priority === 'urgent'),
  );
  const total = items.length;
  const waiting = state.sources.filter((entry) => entry.phase === 'loading' || entry.phase === 'slow').length;
  const failed = state.sources.filter((entry) => entry.phase === 'failed').length;

  return (
    <section className="todo-page" aria-labelledby="todo-title">
      <div className="todo-page-head">
        <h1 id="todo-title">À traiter</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={refresh}
          disabled={state.phase === 'loading' || state.phase === 'streaming'}
        >
          Actualiser
        </button>
      </div>
      <p className="todo-intro">
        Ce que vous avez à faire dans les applications de votre collectivité, le plus urgent d’abord.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement(state)}
      </p>

      {state.phase === 'error' ? (
        <div role="alert" className="error-panel">
          <p className="error-panel-title">Vos éléments à traiter n’ont pas pu être chargés.</p>
          <p>{state.error}</p>
          <button type="button" className="button button-secondary" onClick={refresh}>
            Réessayer
          </button>
        </div>
      ) : state.phase === 'loading' && state.sources.length === 0 ? (
        <p role="status" className="page-loading">
          Chargement de vos éléments à traiter…
        </p>
      ) : state.sources.length === 0 ? (
        <p className="todo-empty">
          Aucune application reliée à Pléiade ne propose encore d’éléments à traiter. Votre administrateur peut en
          ajouter.
        </p>
      ) : (
        <>
          <h2 className="visually-hidden">Applications</h2>
          <ul className="todo-sources" aria-label="État des applications">
            {state.sources.map((entry) => (
              <li key={entry.source.connectorId} className={`todo-source-state todo-source-${entry.phase}`}>
                <span className="todo-source-name">{entry.source.label}</span> : {sourceNote(entry)}
              </li>
            ))}
          </ul>

          <div className="todo-filters" role="group" aria-label="Filtrer par application">
            <button
              type="button"
              className="todo-filter"
              aria-pressed={source === null}
              onClick={() => setSource(null)}
            >
              Toutes ({formatCount(total)})
            </button>
            {state.sources.map((entry) => (
              <button
                key={entry.source.connectorId}
                type="button"
                className="todo-filter"
                aria-pressed={source === entry.source.connectorId}
                onClick={() => setSource(entry.source.connectorId)}
              >
                {entry.source.label} ({formatCount(entry.items.length)})
              </button>
            ))}
            <label className="todo-urgent-only">
              <input type="checkbox" checked={urgentOnly} onChange={(event) => setUrgentOnly(event.target.checked)} />{' '}
              Urgent seulement
            </label>
          </div>

          <h2 className="todo-count">
            {total === 0 && waiting === 0
              ? 'Rien à traiter'
              : `${formatCount(shown.length)} ${pluralise(shown.length, 'élément', 'éléments')}${
                  shown.length !== total ? ` sur ${formatCount(total)}` : ''
                }`}
          </h2>
          {shown.length > 0 ? (
            <TodoList items={shown} labels={labels} fresh={state.fresh} now={now} label="Éléments à traiter" />
          ) : waiting > 0 ? (
            <p role="status" className="widget-state">
              En attente des applications…
            </p>
          ) : (
            <p className="todo-empty">
              {total > 0
                ? 'Aucun élément ne correspond à ce filtre.'
                : failed > 0
                  ? 'Rien à traiter dans les applications qui ont répondu.'
                  : 'Rien à traiter pour le moment : tout est à jour.'}
            </p>
          )}
        </>
      )}
    </section>
  );
}
