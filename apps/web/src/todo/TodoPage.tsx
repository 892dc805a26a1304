import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { useNowByMinute } from '../widgets/useNow';
import { formatNumber } from './format';
import { failureText } from '../widgets/connected/failure';
import { TodoList } from './TodoList';
import { allItems, itemCount, type SourceState, type TodoState } from './todo-state';
import { useTodo } from './todo-store';

/** « 3 éléments », « rien à traiter »: what a source gave. */
function countText(count: number): string {
  return count === 0
    ? i18n.t('todo:source.nothing')
    : i18n.t('todo:source.items', { count, number: formatNumber(count) });
}

/** What a source is doing, in words (never a colour alone). */
function sourceNote(entry: SourceState): string {
  switch (entry.phase) {
    case 'loading':
      return i18n.t('todo:source.loading');
    case 'slow':
      return i18n.t('todo:source.slow');
    case 'failed':
      // The BFF's French words, or in another language those of the failure's kind.
      if (entry.failure !== null) return failureText(entry.failure, entry.message ?? '');
      return entry.message ?? i18n.t('todo:source.unavailable');
    case 'ok':
      return entry.stale
        ? i18n.t('todo:source.stale', { items: countText(entry.items.length) })
        : countText(entry.items.length);
  }
}

/** The summary read aloud when a reading completes. */
export function announcement(state: TodoState): string {
  if (state.phase !== 'done') return '';
  const count = itemCount(state);
  if (count === 0) return i18n.t('todo:announce.nothing');
  const items = i18n.t('todo:announce.items', { count, number: formatNumber(count) });
  const fresh = state.fresh.size;
  return fresh > 0
    ? i18n.t('todo:announce.summaryWithNew', {
        items,
        news: i18n.t('todo:announce.news', { count: fresh, number: formatNumber(fresh) }),
      })
    : i18n.t('todo:announce.summary', { items });
}

/** `#/a-traiter`: everything the person has to do, from every application, most urgent first. */
export function TodoPage() {
  const { state, refresh } = useTodo();
  const now = useNowByMinute();
  return <TodoView state={state} now={now} onRefresh={refresh} />;
}

/** The page for a given state of the stream (what TodoPage shows; rendered alone by the tests). */
export function TodoView({ state, now, onRefresh }: { state: TodoState; now: Date; onRefresh: () => void }) {
  const { t } = useTranslation('todo');
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
        <h1 id="todo-title">{t('page.title')}</h1>
        <button
          type="button"
          className="button button-secondary"
          onClick={onRefresh}
          disabled={state.phase === 'loading' || state.phase === 'streaming'}
        >
          {t('page.refresh')}
        </button>
      </div>
      <p className="todo-intro">{t('page.intro')}</p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement(state)}
      </p>

      {state.phase === 'error' ? (
        <div role="alert" className="error-panel">
          <p className="error-panel-title">{t('page.loadFailed')}</p>
          <p>{state.error}</p>
          <button type="button" className="button button-secondary" onClick={onRefresh}>
            {t('page.retry')}
          </button>
        </div>
      ) : state.phase === 'loading' && state.sources.length === 0 ? (
        <p role="status" className="page-loading">
          {t('page.loading')}
        </p>
      ) : state.sources.length === 0 ? (
        <p className="todo-empty">{t('page.noSource')}</p>
      ) : (
        <>
          <h2 className="visually-hidden">{t('page.applications')}</h2>
          <ul className="todo-sources" aria-label={t('page.sources')}>
            {state.sources.map((entry) => (
              <li key={entry.source.connectorId} className={`todo-source-state todo-source-${entry.phase}`}>
                <span className="todo-source-name">{entry.source.label}</span>
                {t('page.sourceNote', { note: sourceNote(entry) })}
              </li>
            ))}
          </ul>

          <div className="todo-filters" role="group" aria-label={t('page.filters')}>
            <button
              type="button"
              className="todo-filter"
              aria-pressed={source === null}
              onClick={() => setSource(null)}
            >
              {t('page.all', { number: formatNumber(total) })}
            </button>
            {state.sources.map((entry) => (
              <button
                key={entry.source.connectorId}
                type="button"
                className="todo-filter"
                aria-pressed={source === entry.source.connectorId}
                onClick={() => setSource(entry.source.connectorId)}
              >
                {`${entry.source.label} (${formatNumber(entry.items.length)})`}
              </button>
            ))}
            <label className="todo-urgent-only">
              <input type="checkbox" checked={urgentOnly} onChange={(event) => setUrgentOnly(event.target.checked)} />{' '}
              {t('page.urgentOnly')}
            </label>
          </div>

          <h2 className="todo-count">
            {total === 0 && waiting === 0
              ? t('page.nothing')
              : shown.length !== total
                ? t('page.shownOf', {
                    count: shown.length,
                    number: formatNumber(shown.length),
                    total: formatNumber(total),
                  })
                : t('page.shown', { count: shown.length, number: formatNumber(shown.length) })}
          </h2>
          {shown.length > 0 ? (
            <TodoList items={shown} labels={labels} fresh={state.fresh} now={now} label={t('page.listLabel')} />
          ) : waiting > 0 ? (
            <p role="status" className="widget-state">
              {t('page.waiting')}
            </p>
          ) : (
            <p className="todo-empty">
              {total > 0 ? t('page.noMatch') : failed > 0 ? t('page.nothingFromAnswered') : t('page.upToDate')}
            </p>
          )}
        </>
      )}
    </section>
  );
}
