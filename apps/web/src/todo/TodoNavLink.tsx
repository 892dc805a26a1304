import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TODO_HASH } from '../admin/admin-route';
import { formatNumber } from './format';
import { itemCount } from './todo-state';
import { useTodo } from './todo-store';

const BASE_TITLE = 'Pléiade';

/**
 * « À traiter » in the navigation, with the count; the count goes in the tab's title too, so a
 * person sees it from another tab. Kept up to date by the shared stream (todo-store.ts).
 */
export function TodoNavLink({ current }: { current: boolean }) {
  const { t } = useTranslation('todo');
  const { state } = useTodo();
  const count = itemCount(state);
  const known = state.phase !== 'loading' || state.sources.length > 0;
  const page = current ? t('nav.pageTitle', { product: BASE_TITLE }) : BASE_TITLE;
  const title = known && count > 0 ? `(${formatNumber(count)}) ${page}` : page;
  useEffect(() => {
    document.title = title;
    return () => {
      document.title = BASE_TITLE;
    };
  }, [title]);
  return (
    <a className="button button-secondary todo-nav-link" href={TODO_HASH} aria-current={current ? 'page' : undefined}>
      {t('nav.link')}
      {known && (
        <span className="todo-nav-count">
          {/* Read, not seen: « À traiter : 3 éléments », "To do: 3 items"; then the badge, seen, not read. */}
          <span className="visually-hidden">{t('nav.count', { count, number: formatNumber(count) })}</span>{' '}
          <span aria-hidden="true">{formatNumber(count)}</span>
        </span>
      )}
    </a>
  );
}
