import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { WidgetProps } from '../widgets/types';
import { useNowByMinute } from '../widgets/useNow';
import { formatNumber } from './format';
import { TODO_HASH } from './todo-route';
import { TodoList } from './TodoList';
import { allItems, type TodoState } from './todo-state';
import { useTodo } from './todo-store';

/** The most urgent items on the board; the page lists them all. */
const SHOWN = 4;

export default function TodoWidget(_props: WidgetProps<'todo'>) {
  const { state } = useTodo();
  const now = useNowByMinute();
  return <TodoSummary state={state} now={now} />;
}

/** The widget for a given state of the stream (rendered alone by the tests). */
export function TodoSummary({ state, now }: { state: TodoState; now: Date }) {
  const { t } = useTranslation('todo');
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
        {t('page.loadFailed')} {state.error}
      </p>
    );
  }
  if (state.phase === 'loading' && state.sources.length === 0) {
    return (
      <p className="widget-state" role="status">
        {t('page.loading')}
      </p>
    );
  }
  if (state.sources.length === 0) {
    return <p className="widget-state">{t('widget.noSource')}</p>;
  }
  return (
    <div className="cw-body">
      <p className="cw-counts">
        <span className="cw-count">
          <span className="cw-count-number">{formatNumber(items.length)}</span>{' '}
          {t('widget.count', { count: items.length })}
        </span>
        <a className="cw-link" href={TODO_HASH}>
          {t('widget.seeAll', { number: formatNumber(items.length) })}
        </a>
      </p>
      {items.length > 0 ? (
        <TodoList
          items={items.slice(0, SHOWN)}
          labels={labels}
          fresh={state.fresh}
          now={now}
          label={t('widget.mostUrgent')}
          compact
        />
      ) : (
        waiting.length === 0 && <p className="widget-state">{t('widget.nothing')}</p>
      )}
      {waiting.length > 0 && (
        <p className="cw-hint" role="status">
          {t('widget.waiting', { names: waiting.map((entry) => entry.source.label).join(', ') })}
        </p>
      )}
      {failed.length > 0 && (
        <p className="cw-hint">
          {t('widget.unavailable', { names: failed.map((entry) => entry.source.label).join(', ') })}
        </p>
      )}
    </div>
  );
}
