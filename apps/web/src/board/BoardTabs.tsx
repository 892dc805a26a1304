import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSummary } from '@pleiade/contracts';

export const BOARD_PANEL_ID = 'tableau-ouvert';

export function boardTabId(boardId: string): string {
  return `onglet-${boardId}`;
}

interface BoardTabsProps {
  boards: readonly BoardSummary[];
  activeId: string;
  homeId: string;
  onSelect: (boardId: string) => void;
  /** « Nouveau tableau », for those who may create boards. */
  onCreate: (() => void) | null;
}

function HomeIcon() {
  return (
    <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16" className="board-tab-home">
      <path d="M8 1.5 1 7.2l1 1.2L3 7.6V14h4v-4h2v4h4V7.6l1 .8 1-1.2z" fill="currentColor" />
    </svg>
  );
}

/**
 * The person's boards as tabs (WAI-ARIA tabs pattern, automatic activation): one tab stop; the
 * arrows go from tab to tab and open it, Home and End to the first and last. The home board has a
 * house, said in words too. « Nouveau tableau » sits after the list, outside it.
 */
export function BoardTabs({ boards, activeId, homeId, onSelect, onCreate }: BoardTabsProps) {
  const { t } = useTranslation('board');
  const tabs = useRef(new Map<string, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const last = boards.length - 1;
    const target =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    const board = target === null ? undefined : boards[target];
    if (!board) return;
    event.preventDefault();
    tabs.current.get(board.id)?.focus();
    onSelect(board.id);
  };

  return (
    <div className="board-tabs">
      <div className="board-tablist" role="tablist" aria-label={t('tabs.label')}>
        {boards.map((board, index) => {
          const active = board.id === activeId;
          const home = board.id === homeId;
          return (
            <button
              key={board.id}
              ref={(element) => {
                if (element) tabs.current.set(board.id, element);
                else tabs.current.delete(board.id);
              }}
              type="button"
              role="tab"
              id={boardTabId(board.id)}
              className="board-tab"
              aria-selected={active}
              aria-controls={BOARD_PANEL_ID}
              tabIndex={active ? 0 : -1}
              data-board-tab={board.id}
              onClick={() => onSelect(board.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {home && <HomeIcon />}
              <span className="board-tab-name">{board.name}</span>
              {home && <span className="visually-hidden"> {t('tabs.home')}</span>}
              {board.kind === 'published' && <span className="board-tab-note">{t('tabs.published')}</span>}
            </button>
          );
        })}
      </div>
      {onCreate && (
        <button type="button" className="button button-secondary board-new" onClick={onCreate}>
          <span aria-hidden="true">+</span> {t('tabs.newBoard')}
        </button>
      )}
    </div>
  );
}
