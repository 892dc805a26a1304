import { useEffect } from 'react';
import { TODO_HASH } from '../admin/admin-route';
import { formatCount, pluralise } from '../widgets/format';
import { itemCount } from './todo-state';
import { useTodo } from './todo-store';

const BASE_TITLE = 'Pléiade';

/**
 * « À traiter » in the navigation, with the count; the count goes in the tab's title too, so a
 * person sees it from another tab. Kept up to date by the shared stream (todo-store.ts).
 */
export function TodoNavLink({ current }: { current: boolean }) {
  const { state } = useTodo();
  const count = itemCount(state);
  const known = state.phase !== 'loading' || state.sources.length > 0;
  useEffect(() => {
    const page = current ? `À traiter – ${BASE_TITLE}` : BASE_TITLE;
    document.title = known && count > 0 ? `(${formatCount(count)}) ${page}` : page;
    return () => {
      document.title = BASE_TITLE;
    };
  }, [count, current, known]);
  return (
    <a className="button button-secondary todo-nav-link" href={TODO_HASH} aria-current={current ? 'page' : undefined}>
      À traiter
      {known && (
        <span className="todo-nav-count">
          {' '}
          <span aria-hidden="true">{formatCount(count)}</span>
          <span className="visually-hidden">
            {`: ${formatCount(count)} ${pluralise(count, 'élément', 'éléments')}`}
          </span>
        </span>
      )}
    </a>
  );
}
