import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { GridLayout, useContainerWidth, type Layout } from 'react-grid-layout';
import type { Board, BoardSummary, WidgetKind } from '@pleiade/contracts';
import { ApiError, errorMessage } from '../api/errors';
import { queryKeys } from '../api/queries';
import { ShownBoardContext } from '../widgets/connected/saved-widget';
import { Catalogue } from './Catalogue';
import { ConflictDialog } from './ConflictDialog';
import {
  GRID_COMPACTOR,
  GRID_MARGIN,
  ROW_HEIGHT,
  addBlocker,
  applyGridLayout,
  breakpointForWidth,
  colsOf,
  createWidget,
  gridLayoutFor,
  inReadingOrder,
  moveWidget,
  reconfigureBlocker,
  reconfigureWidget,
  removeWidget,
  resizeWidget,
  restoreWidget,
  updateWidgetOptions,
  type Direction,
} from './layout';
import {
  addedAnnouncement,
  blockedMoveAnnouncement,
  blockedResizeAnnouncement,
  movedAnnouncement,
  reconfiguredAnnouncement,
  removedUndoMessage,
  resizedAnnouncement,
  restoredAnnouncement,
} from './messages';
import type { BoardSession } from './board-session';
import { RenameForm } from './RenameForm';
import { SaveStatus } from './SaveStatus';
import { widgetTitles } from './titles';
import { useContentNames } from './content-names';
import type { UndoStore } from './undo';
import { WidgetChrome, widgetTitleId } from './WidgetChrome';
import { kioskHash } from '../admin/admin-route';
import { TemplateUpdateBanner } from '../shared-boards/TemplateUpdateBanner';

export const SAVE_DELAY_MS = 700;

/** A widget's id (focus its drag handle), or a button of the board's head. */
type FocusTarget = string | 'add-button' | 'edit-button';

/** What the board page does for the tabs: the person's list of boards. */
export interface BoardListActions {
  makeHome: () => void;
  rename: (name: string) => Promise<void>;
  /** Moves the tab one place left (-1) or right (1); null when it cannot go that way. */
  move: ((delta: -1 | 1) => void) | null;
  canMove: (delta: -1 | 1) => boolean;
  remove: () => void;
  /** Why this board cannot be deleted now; null when it can. */
  removeBlocker: string | null;
}

interface BoardEditorProps {
  board: Board;
  session: BoardSession;
  summary: BoardSummary;
  isHome: boolean;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
  actions: BoardListActions;
  undo: UndoStore;
}

export function BoardEditor({
  board,
  session,
  summary,
  isHome,
  editing: editingAsked,
  onEditingChange,
  actions,
  undo,
}: BoardEditorProps) {
  const { t } = useTranslation(['board', 'kinds']);
  const queryClient = useQueryClient();
  const readOnly = board.readOnly;
  const editing = editingAsked && !readOnly;
  const ownBoard = summary.kind === 'personal';
  const { widgets, save, conflict, conflicts } = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [announcement, setAnnouncement] = useState('');
  const [catalogueOpen, setCatalogueOpen] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const focusTargetRef = useRef<FocusTarget | null>(null);

  // A newer board seen on refetch (another tab saved) replaces an idle local copy.
  useEffect(() => session.adopt(board), [session, board]);

  const saveFailure = save.state === 'error' ? save.error : null;
  // While a conflict is being settled, what the person did is not saved yet: never « Enregistré ».
  const saveState = conflict === 'none' || conflict === 'merged' ? save.state : 'pending';
  const saveError = saveFailure instanceof ApiError ? saveFailure : null;

  // The session ended: asking /api/me again brings the welcome page and its sign-in button.
  useEffect(() => {
    if (saveError?.status === 401) void queryClient.invalidateQueries({ queryKey: queryKeys.me });
  }, [queryClient, saveError]);

  // Widgets the template this board copies locks: they stay put, and others flow around them.
  const lockedIds = board.lockedWidgetIds;
  const locked = useMemo(() => new Set(lockedIds), [lockedIds]);

  const { width, containerRef, mounted } = useContainerWidth({ measureBeforeMount: true });
  const breakpoint = breakpointForWidth(width);
  // In the interface's language: `t` changes with it, and the titles are worked out again.
  const contentName = useContentNames(widgets);
  const titles = useMemo(
    () => widgetTitles(widgets, (kind) => t(`kinds:widget.${kind}`), contentName),
    [widgets, t, contentName],
  );

  const announce = useCallback((message: string) => {
    // A repeated message must still change the live region's text to be read again.
    setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));
  }, []);

  const requestFocus = useCallback((target: FocusTarget) => {
    focusTargetRef.current = target;
    let attempts = 0;
    // The grid adds and reorders items in its own effects, so the element may need a few frames.
    const step = (): void => {
      const wanted = focusTargetRef.current;
      if (wanted === null) return;
      const element =
        wanted === 'add-button'
          ? addButtonRef.current
          : wanted === 'edit-button'
            ? editButtonRef.current
            : document.querySelector<HTMLElement>(`[data-widget-id="${CSS.escape(wanted)}"] .widget-drag-handle`);
      if (element) {
        if (document.activeElement !== element) element.focus();
        focusTargetRef.current = null;
      } else if (++attempts < 30) {
        requestAnimationFrame(step);
      } else {
        focusTargetRef.current = null;
      }
    };
    requestAnimationFrame(step);
  }, []);

  const handleLayoutChange = useCallback(
    (layout: Layout) => session.commit(applyGridLayout(session.widgets(), breakpoint, layout, locked)),
    [session, breakpoint, locked],
  );

  const handleMove = useCallback(
    (id: string, direction: Direction) => {
      const title = titles.get(id) ?? '';
      const result = moveWidget(session.widgets(), id, breakpoint, direction, locked);
      if (!result) {
        announce(blockedMoveAnnouncement(title));
        return;
      }
      session.commit(result.widgets);
      announce(movedAnnouncement(title, result.position));
      requestFocus(id);
    },
    [announce, breakpoint, locked, requestFocus, session, titles],
  );

  const handleResize = useCallback(
    (id: string, direction: Direction) => {
      const title = titles.get(id) ?? '';
      const result = resizeWidget(session.widgets(), id, breakpoint, direction, locked);
      if (!result) {
        announce(blockedResizeAnnouncement(title));
        return;
      }
      session.commit(result.widgets);
      announce(resizedAnnouncement(title, result.position));
      requestFocus(id);
    },
    [announce, breakpoint, locked, requestFocus, session, titles],
  );

  const handleRemove = useCallback(
    (id: string) => {
      const title = titles.get(id) ?? '';
      const before = session.widgets();
      const after = removeWidget(before, id);
      session.commit(after);
      // Undoable for a few seconds; the « Annuler » message is announced and takes the focus.
      undo.show({
        message: removedUndoMessage(title),
        undo: () => {
          session.commit(restoreWidget(session.widgets(), before, after, id));
          announce(restoredAnnouncement(title));
          requestFocus(editing ? id : 'edit-button');
        },
        restoreFocus: () => requestFocus(editing ? 'add-button' : 'edit-button'),
      });
    },
    [announce, editing, requestFocus, session, titles, undo],
  );

  const handleReconfigure = useCallback(
    (id: string) => {
      const current = session.widgets();
      const next = reconfigureWidget(current, id);
      if (next === current) return;
      session.commit(next);
      announce(reconfiguredAnnouncement(titles.get(id) ?? ''));
      requestFocus(id);
    },
    [announce, requestFocus, session, titles],
  );

  const handleAdd = useCallback(
    (kind: WidgetKind) => {
      const current = session.widgets();
      if (addBlocker(current, kind)) return;
      const widget = createWidget(kind, current, crypto.randomUUID());
      const next = [...current, widget];
      session.commit(next);
      setCatalogueOpen(false);
      announce(addedAnnouncement(widgetTitles(next).get(widget.id) ?? ''));
      requestFocus(widget.id);
    },
    [announce, requestFocus, session],
  );

  const handleOptionsChange = useCallback(
    (id: string, options: unknown) => session.commit(updateWidgetOptions(session.widgets(), id, options)),
    [session],
  );

  const toggleEditing = (): void => {
    onEditingChange(!editing);
    setRenaming(false);
  };

  const layout = useMemo(() => gridLayoutFor(widgets, breakpoint, locked), [widgets, breakpoint, locked]);
  const ordered = useMemo(() => inReadingOrder(widgets, breakpoint, locked), [widgets, breakpoint, locked]);
  const gridConfig = useMemo(
    () => ({ cols: colsOf(breakpoint), rowHeight: ROW_HEIGHT, margin: GRID_MARGIN, containerPadding: [0, 0] as const }),
    [breakpoint],
  );
  // Calm by default: the grid moves and resizes nothing outside the edit mode.
  const dragConfig = useMemo(() => ({ enabled: editing, handle: '.widget-drag-handle' }), [editing]);
  const resizeConfig = useMemo(() => ({ enabled: editing }), [editing]);
  const removeBlockerId = `remove-blocker-${board.id}`;

  return (
    <ShownBoardContext value={board}>
      <div className="board-head">
        <div className="board-title">
          {renaming ? (
            <RenameForm
              name={summary.name}
              onRename={actions.rename}
              onDone={() => {
                setRenaming(false);
                requestFocus('edit-button');
              }}
            />
          ) : (
            <h1>{summary.name}</h1>
          )}
          {isHome && !renaming && (
            <span className="board-badge" data-home-badge="">
              {t('editor.homeBadge')}
            </span>
          )}
        </div>
        <div className="board-actions">
          {board.kind === 'published' && (
            <a className="button button-secondary" href={kioskHash(board.id)}>
              {t('editor.kiosk')}
            </a>
          )}
          {!readOnly && <SaveStatus state={saveState} onRetry={session.retrySave} />}
          {!isHome && (
            <button type="button" className="button button-secondary" onClick={actions.makeHome}>
              {t('editor.makeHome')}
            </button>
          )}
          {!readOnly && (
            <button
              ref={editButtonRef}
              type="button"
              className={`button ${editing ? 'button-primary' : 'button-secondary'}`}
              data-edit-toggle=""
              aria-pressed={editing}
              onClick={toggleEditing}
            >
              {editing ? t('editor.doneEditing') : t('editor.editBoard')}
            </button>
          )}
        </div>
      </div>

      {editing && (
        <div className="edit-bar" data-edit-bar="">
          <div className="edit-bar-actions">
            <button
              ref={addButtonRef}
              type="button"
              className="button button-primary"
              aria-haspopup="dialog"
              onClick={() => setCatalogueOpen(true)}
            >
              {t('editor.addWidget')}
            </button>
            {ownBoard && (
              <>
                <button type="button" className="button button-secondary" onClick={() => setRenaming(true)}>
                  {t('editor.rename')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={!actions.canMove(-1)}
                  onClick={() => actions.move?.(-1)}
                >
                  <span aria-hidden="true">←</span> {t('editor.moveTabLeft')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={!actions.canMove(1)}
                  onClick={() => actions.move?.(1)}
                >
                  {t('editor.moveTabRight')} <span aria-hidden="true">→</span>
                </button>
                <button
                  type="button"
                  className="button button-danger"
                  disabled={actions.removeBlocker !== null}
                  aria-describedby={actions.removeBlocker ? removeBlockerId : undefined}
                  onClick={actions.remove}
                >
                  {t('editor.deleteBoard')}
                </button>
              </>
            )}
          </div>
          <p className="edit-hint">{t('editor.hint')}</p>
          {ownBoard && actions.removeBlocker && (
            <p id={removeBlockerId} className="edit-hint">
              {actions.removeBlocker}
            </p>
          )}
        </div>
      )}

      <TemplateUpdateBanner
        board={board}
        hasUnsavedChanges={() => session.hasUnsavedChanges()}
        onApplied={(next, message) => {
          void queryClient.cancelQueries({ queryKey: queryKeys.board(next.id) });
          queryClient.setQueryData(queryKeys.board(next.id), next);
          // A reset may rename the board: its tab follows.
          void queryClient.invalidateQueries({ queryKey: queryKeys.boardList });
          session.adopt(next);
          announce(message);
        }}
      />

      {readOnly && (
        <p className="notice" data-notice="read-only">
          <strong className="notice-title">{t('editor.readOnlyTitle')}</strong>
          <span>{t('editor.readOnlyText')}</span>
        </p>
      )}

      {conflict === 'merged' && (
        <div role="status" className="alert alert-info" data-alert="conflict-merged">
          <p>{t('conflict.merged')}</p>
          <button type="button" className="button button-secondary" onClick={session.dismissConflict}>
            {t('actions.closeMessage')}
          </button>
        </div>
      )}
      {conflict === 'reload-failed' && (
        <div role="alert" className="alert alert-error" data-alert="conflict">
          <p>{t('conflict.reloadFailed')}</p>
          <button type="button" className="button button-secondary" onClick={session.retryReload}>
            {t('actions.retry')}
          </button>
        </div>
      )}
      {saveFailure !== null && (
        <div role="alert" className="alert alert-error" data-alert="save-error">
          <p>{errorMessage(saveFailure)}</p>
          {saveError && saveError.details.length > 0 && (
            <ul className="alert-details">
              {saveError.details.map((detail, index) => (
                <li key={`${detail.path}-${index}`}>
                  {detail.path && <code>{detail.path}</code>} {detail.message}
                </li>
              ))}
            </ul>
          )}
          {saveError?.requestId && (
            <p className="alert-reference">{t('editor.incidentReference', { reference: saveError.requestId })}</p>
          )}
        </div>
      )}

      <div aria-live="polite" className="visually-hidden" data-announcer="">
        {announcement}
      </div>

      {widgets.length === 0 && (
        <p className="board-empty">{readOnly ? t('editor.emptyReadOnly') : t('editor.empty')}</p>
      )}

      <div
        ref={containerRef}
        className="board-grid"
        data-breakpoint={breakpoint}
        data-read-only={readOnly}
        data-editing={editing}
      >
        {mounted && widgets.length > 0 && (
          <GridLayout
            width={width}
            layout={layout}
            gridConfig={gridConfig}
            dragConfig={dragConfig}
            resizeConfig={resizeConfig}
            compactor={GRID_COMPACTOR}
            onLayoutChange={handleLayoutChange}
          >
            {ordered.map((widget) => (
              <section
                key={widget.id}
                className="widget"
                aria-labelledby={widgetTitleId(widget.id)}
                data-widget-id={widget.id}
                data-widget-kind={widget.kind}
              >
                <WidgetChrome
                  widget={widget}
                  title={titles.get(widget.id) ?? ''}
                  readOnly={readOnly}
                  editing={editing}
                  locked={locked.has(widget.id)}
                  reconfigureBlocker={reconfigureBlocker(widgets, widget.id)}
                  onMove={handleMove}
                  onResize={handleResize}
                  onRemove={handleRemove}
                  onReconfigure={handleReconfigure}
                  onOptionsChange={handleOptionsChange}
                />
              </section>
            ))}
          </GridLayout>
        )}
      </div>

      {editing && (
        <Catalogue
          open={catalogueOpen}
          widgets={widgets}
          onAdd={handleAdd}
          onClose={() => {
            if (catalogueOpen) requestFocus('add-button');
            setCatalogueOpen(false);
          }}
        />
      )}

      <ConflictDialog
        conflicts={conflict === 'choosing' ? conflicts : []}
        titles={titles}
        onChoose={(choice) => {
          session.resolveConflict(choice);
          announce(choice === 'mine' ? t('conflict.keptMine') : t('conflict.keptTheirs'));
        }}
      />
    </ShownBoardContext>
  );
}
