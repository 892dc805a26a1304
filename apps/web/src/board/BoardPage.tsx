import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can, type Board, type BoardList, type BoardSummary } from '@pleiade/contracts';
import { chooseHomeBoard, createBoard, deleteBoard, updateBoard } from '../api/boards';
import { saveBoard } from '../api/client';
import { errorMessage, isApiError } from '../api/errors';
import { boardListQuery, boardQuery, queryKeys, useMe } from '../api/queries';
import { AnnouncementBanners } from '../announcements/AnnouncementBanners';
import { ErrorPanel } from '../app/ErrorPanel';
import { subjectOf } from '../app/permissions';
import { BoardEditor, SAVE_DELAY_MS, type BoardListActions } from './BoardEditor';
import { openBoard, useHashBoardId } from './board-route';
import { BoardSessionsContext, createBoardSessions } from './board-sessions';
import { BOARD_PANEL_ID, BoardTabs, boardTabId } from './BoardTabs';
import {
  createdBoardAnnouncement,
  deletedBoardMessage,
  homeBoardAnnouncement,
  movedTabAnnouncement,
  onlyBoardText,
  renamedAnnouncement,
  restoredBoardAnnouncement,
} from './messages';
import { NewBoardDialog } from './NewBoardDialog';
import { createUndoStore } from './undo';
import { UndoToast } from './UndoToast';

function Loading({ text }: { text: string }) {
  return (
    <div className="board-skeleton" aria-busy="true">
      <p role="status">{text}</p>
      <div className="skeleton-cards" aria-hidden="true">
        <span className="skeleton-card" />
        <span className="skeleton-card" />
        <span className="skeleton-card" />
      </div>
    </div>
  );
}

/** The board shown: its tab named in the address, else the home board, else the first one. */
function shownBoardId(list: BoardList, visible: readonly BoardSummary[], asked: string | null): string | null {
  if (asked && visible.some((board) => board.id === asked)) return asked;
  if (visible.some((board) => board.id === list.homeBoardId)) return list.homeBoardId;
  return visible[0]?.id ?? null;
}

/**
 * The person's boards: the tabs, the board shown, and what changes the list (create, rename, move,
 * delete with « Annuler », the home board). One editing session per board opened, kept while the
 * page lives (board-sessions.ts); one « Annuler » message at a time (undo.ts).
 */
export function BoardPage() {
  const { t } = useTranslation('board');
  const queryClient = useQueryClient();
  const me = useMe();
  const [sessions] = useState(() =>
    createBoardSessions((board) => ({
      delayMs: SAVE_DELAY_MS,
      save: saveBoard,
      reload: () => queryClient.fetchQuery({ ...boardQuery(board.id), staleTime: 0 }),
      isConflict: (error) => isApiError(error) && error.status === 409,
      onSaved: (saved) => {
        // A refetch started before this save would otherwise land afterwards with the older version.
        void queryClient.cancelQueries({ queryKey: queryKeys.board(saved.id) });
        queryClient.setQueryData(queryKeys.board(saved.id), saved);
      },
    })),
  );
  const [undo] = useState(() => createUndoStore());
  const list = useQuery({ ...boardListQuery, refetchOnWindowFocus: () => !sessions.hasUnsavedChanges() });
  const askedId = useHashBoardId();
  // Boards deleted here, hidden until their « Annuler » time is over and the server has deleted them.
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const waitingDeletion = useRef<string | null>(null);
  // The board in edit mode, if any: another tab opens calm.
  const [editingId, setEditingId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const visible = useMemo(() => list.data?.boards.filter((board) => !hidden.has(board.id)) ?? [], [list.data, hidden]);
  const activeId = list.data ? shownBoardId(list.data, visible, askedId) : null;
  const active = visible.find((board) => board.id === activeId) ?? null;
  const board = useQuery({
    ...boardQuery(activeId ?? ''),
    enabled: activeId !== null,
    refetchOnWindowFocus: () => !sessions.hasUnsavedChanges(),
  });

  // A board named in the address but not among the tabs (created in another tab since): ask again, once.
  const askedAgain = useRef<string | null>(null);
  useEffect(() => {
    if (!askedId || !list.data || askedAgain.current === askedId || hidden.has(askedId)) return;
    if (list.data.boards.some((item) => item.id === askedId)) return;
    askedAgain.current = askedId;
    void list.refetch();
  }, [askedId, list, hidden]);

  const announce = useCallback((message: string) => {
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);

  const focusTab = useCallback((boardId: string) => {
    requestAnimationFrame(() => document.getElementById(boardTabId(boardId))?.focus());
  }, []);

  // The page goes away: pending saves are sent, and a deletion still waiting for its « Annuler » too.
  useEffect(() => {
    const onPageHide = (): void => {
      sessions.flushBeforeUnload();
      const waiting = waitingDeletion.current;
      if (waiting) void deleteBoard(waiting, { keepalive: true }).catch(() => undefined);
    };
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [sessions]);

  const setList = useCallback((next: BoardList) => queryClient.setQueryData(queryKeys.boardList, next), [queryClient]);

  const failed = useCallback((what: string, error: unknown) => {
    setListError(`${what} ${errorMessage(error)}`);
  }, []);

  const own = visible.filter((item) => item.kind === 'personal');
  const canCreate = me.data
    ? can(subjectOf(me.data), 'collectivite.createBoard', { collectiviteId: me.data.collectivite.id })
    : false;

  const create = async (name: string): Promise<void> => {
    const created: Board = await createBoard(name);
    queryClient.setQueryData(queryKeys.board(created.id), created);
    await queryClient.invalidateQueries({ queryKey: queryKeys.boardList });
    setCreating(false);
    setListError(null);
    // The new board opens in edit mode.
    setEditingId(created.id);
    openBoard(created.id);
    announce(createdBoardAnnouncement(created.name));
  };

  const actionsFor = (summary: BoardSummary): BoardListActions => {
    const index = own.findIndex((item) => item.id === summary.id);
    const canMove = (delta: -1 | 1): boolean => index >= 0 && index + delta >= 0 && index + delta < own.length;
    return {
      makeHome: () => {
        chooseHomeBoard(summary.id).then(
          (next) => {
            setList(next);
            setListError(null);
            announce(homeBoardAnnouncement(summary.name));
          },
          (error: unknown) => failed(t('page.homeFailed'), error),
        );
      },
      rename: async (name) => {
        const next = await updateBoard(summary.id, { name });
        setList(next);
        queryClient.setQueryData<Board>(queryKeys.board(summary.id), (old) => (old ? { ...old, name } : old));
        announce(renamedAnnouncement(name));
      },
      canMove,
      move: (delta) => {
        if (!canMove(delta)) return;
        // Its place among all the person's boards, those hidden while their deletion waits included.
        const all = (list.data?.boards ?? []).filter((item) => item.kind === 'personal');
        const target = own[index + delta];
        const position = all.findIndex((item) => item.id === target?.id);
        updateBoard(summary.id, { position }).then(
          (next) => {
            setList(next);
            setListError(null);
            announce(movedTabAnnouncement(summary.name, index + delta + 1, own.length));
          },
          (error: unknown) => failed(t('page.moveFailed'), error),
        );
      },
      removeBlocker: own.length <= 1 ? onlyBoardText() : null,
      remove: () => {
        if (own.length <= 1) return;
        const neighbour = visible[visible.findIndex((item) => item.id === summary.id) + 1] ?? own[index - 1];
        setHidden((previous) => new Set(previous).add(summary.id));
        setEditingId(null);
        if (neighbour) openBoard(neighbour.id);
        undo.show({
          message: deletedBoardMessage(summary.name),
          undo: () => {
            waitingDeletion.current = null;
            setHidden((previous) => {
              const next = new Set(previous);
              next.delete(summary.id);
              return next;
            });
            openBoard(summary.id);
            announce(restoredBoardAnnouncement(summary.name));
            focusTab(summary.id);
          },
          settle: () => {
            waitingDeletion.current = null;
            deleteBoard(summary.id).then(
              async () => {
                sessions.forget(summary.id);
                queryClient.removeQueries({ queryKey: queryKeys.board(summary.id) });
                await queryClient.invalidateQueries({ queryKey: queryKeys.boardList });
              },
              (error: unknown) => {
                setHidden((previous) => {
                  const next = new Set(previous);
                  next.delete(summary.id);
                  return next;
                });
                failed(t('page.deleteFailed', { name: summary.name }), error);
              },
            );
          },
          restoreFocus: () => {
            if (neighbour) focusTab(neighbour.id);
          },
        });
        waitingDeletion.current = summary.id;
      },
    };
  };

  if (!list.data) {
    return (
      <>
        <h1>{t('page.loadingTitle')}</h1>
        {list.isError ? (
          <ErrorPanel title={t('page.boardsLoadFailed')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Loading text={t('page.loadingBoards')} />
        )}
      </>
    );
  }

  return (
    <BoardSessionsContext value={sessions}>
      <AnnouncementBanners />
      <BoardTabs
        boards={visible}
        activeId={activeId ?? ''}
        homeId={list.data.homeBoardId}
        onSelect={openBoard}
        onCreate={canCreate ? () => setCreating(true) : null}
      />
      <div aria-live="polite" className="visually-hidden" data-list-announcer="">
        {announcement}
      </div>
      {listError && (
        <div role="alert" className="alert alert-error" data-alert="board-list">
          <p>{listError}</p>
          <button type="button" className="button button-secondary" onClick={() => setListError(null)}>
            {t('actions.closeMessage')}
          </button>
        </div>
      )}
      <div
        role="tabpanel"
        id={BOARD_PANEL_ID}
        aria-labelledby={activeId ? boardTabId(activeId) : undefined}
        className="board-panel"
      >
        {board.data && active && board.data.id === active.id ? (
          <BoardEditor
            key={board.data.id}
            board={board.data}
            session={sessions.sessionFor(board.data)}
            summary={active}
            isHome={active.id === list.data.homeBoardId}
            editing={editingId === board.data.id}
            onEditingChange={(editing) => setEditingId(editing ? board.data.id : null)}
            actions={actionsFor(active)}
            undo={undo}
          />
        ) : board.isError ? (
          <>
            <h1>{active?.name ?? t('page.loadingTitle')}</h1>
            <ErrorPanel title={t('page.boardLoadFailed')} error={board.error} onRetry={() => void board.refetch()} />
          </>
        ) : (
          <>
            <h1>{active?.name ?? t('page.loadingTitle')}</h1>
            <Loading text={t('page.loadingBoard')} />
          </>
        )}
      </div>
      <UndoToast store={undo} />
      {canCreate && <NewBoardDialog open={creating} onCreate={create} onClose={() => setCreating(false)} />}
    </BoardSessionsContext>
  );
}
