import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type RefObject } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { GridLayout, useContainerWidth, type Layout } from 'react-grid-layout';
import type { Board, WidgetKind } from '@pleiade/contracts';
import { saveBoard } from '../api/client';
import { ApiError, errorMessage, isApiError } from '../api/errors';
import { currentBoardQuery, queryKeys } from '../api/queries';
import { Catalogue } from './Catalogue';
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
  updateWidgetOptions,
  type Direction,
} from './layout';
import {
  CONFLICT_MESSAGE,
  EMPTY_BOARD_MESSAGE,
  EMPTY_READ_ONLY_BOARD_MESSAGE,
  addedAnnouncement,
  blockedMoveAnnouncement,
  blockedResizeAnnouncement,
  movedAnnouncement,
  reconfiguredAnnouncement,
  removedAnnouncement,
  resizedAnnouncement,
} from './messages';
import { createBoardSession } from './board-session';
import { SaveStatus } from './SaveStatus';
import { widgetTitles } from './titles';
import { WidgetChrome, widgetTitleId } from './WidgetChrome';
import { kioskHash } from '../admin/admin-route';
import { TemplateUpdateBanner } from '../shared-boards/TemplateUpdateBanner';

export const SAVE_DELAY_MS = 700;

/** A widget's id (focus its drag handle) or the "Ajouter un widget" button. */
type FocusTarget = string | 'add-button';

interface BoardEditorProps {
  board: Board;
  /** Set here, read by the board query: no refetch on window focus while edits are unsaved. */
  unsavedGuardRef: RefObject<() => boolean>;
}

export function BoardEditor({ board, unsavedGuardRef }: BoardEditorProps) {
  const queryClient = useQueryClient();
  const readOnly = board.readOnly;
  const [session] = useState(() =>
    createBoardSession({
      board,
      delayMs: SAVE_DELAY_MS,
      save: saveBoard,
      reload: () => queryClient.fetchQuery({ ...currentBoardQuery, staleTime: 0 }),
      isConflict: (error) => isApiError(error) && error.status === 409,
      onSaved: (saved) => {
        // A refetch started before this save would otherwise land afterwards with the older version.
        void queryClient.cancelQueries({ queryKey: queryKeys.currentBoard });
        queryClient.setQueryData(queryKeys.currentBoard, saved);
      },
    }),
  );
  const { widgets, save, conflict } = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const [announcement, setAnnouncement] = useState('');
  const [catalogueOpen, setCatalogueOpen] = useState(false);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const focusTargetRef = useRef<FocusTarget | null>(null);

  // A newer board seen on refetch (another tab saved) replaces an idle local copy.
  useEffect(() => session.adopt(board), [session, board]);

  useEffect(() => {
    unsavedGuardRef.current = () => session.hasUnsavedChanges();
    return () => {
      unsavedGuardRef.current = () => false;
    };
  }, [session, unsavedGuardRef]);

  useEffect(() => {
    const onPageHide = (): void => session.flushBeforeUnload();
    window.addEventListener('pagehide', onPageHide);
    return () => window.removeEventListener('pagehide', onPageHide);
  }, [session]);

  const saveFailure = save.state === 'error' ? save.error : null;
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
  const titles = useMemo(() => widgetTitles(widgets), [widgets]);

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
      session.commit(removeWidget(session.widgets(), id));
      announce(removedAnnouncement(title));
      requestFocus('add-button');
    },
    [announce, requestFocus, session, titles],
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

  const layout = useMemo(() => gridLayoutFor(widgets, breakpoint, locked), [widgets, breakpoint, locked]);
  const ordered = useMemo(() => inReadingOrder(widgets, breakpoint, locked), [widgets, breakpoint, locked]);
  const gridConfig = useMemo(
    () => ({ cols: colsOf(breakpoint), rowHeight: ROW_HEIGHT, margin: GRID_MARGIN, containerPadding: [0, 0] as const }),
    [breakpoint],
  );
  const dragConfig = useMemo(() => ({ enabled: !readOnly, handle: '.widget-drag-handle' }), [readOnly]);
  const resizeConfig = useMemo(() => ({ enabled: !readOnly }), [readOnly]);

  return (
    <>
      <div className="board-head">
        <h1>{board.name}</h1>
        <div className="board-actions">
          {board.kind === 'published' && (
            <a className="button button-secondary" href={kioskHash(board.id)}>
              Mode kiosque
            </a>
          )}
          {!readOnly && <SaveStatus state={save.state} onRetry={session.retrySave} />}
          {!readOnly && (
            <button
              ref={addButtonRef}
              type="button"
              className="button button-primary"
              aria-haspopup="dialog"
              onClick={() => setCatalogueOpen(true)}
            >
              Ajouter un widget
            </button>
          )}
        </div>
      </div>

      <TemplateUpdateBanner
        board={board}
        hasUnsavedChanges={() => session.hasUnsavedChanges()}
        onApplied={(next, message) => {
          void queryClient.cancelQueries({ queryKey: queryKeys.currentBoard });
          queryClient.setQueryData(queryKeys.currentBoard, next);
          session.adopt(next);
          announce(message);
        }}
      />

      {readOnly && (
        <p className="notice" data-notice="read-only">
          <strong className="notice-title">Tableau en lecture seule</strong>
          <span>Ce tableau a été préparé pour vous : vous pouvez le consulter mais pas le modifier.</span>
        </p>
      )}

      {conflict === 'shown' && (
        <div role="alert" className="alert alert-warning" data-alert="conflict">
          <p>{CONFLICT_MESSAGE}</p>
          <button type="button" className="button button-secondary" onClick={session.dismissConflict}>
            Fermer ce message
          </button>
        </div>
      )}
      {conflict === 'reload-failed' && (
        <div role="alert" className="alert alert-error" data-alert="conflict">
          <p>
            Ce tableau a été modifié ailleurs (autre onglet ou appareil) et sa version la plus récente n'a pas pu être
            chargée ; votre dernière modification n'a pas été enregistrée.
          </p>
          <button type="button" className="button button-secondary" onClick={session.retryReload}>
            Réessayer
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
          {saveError?.requestId && <p className="alert-reference">Référence de l'incident : {saveError.requestId}</p>}
        </div>
      )}

      <div aria-live="polite" className="visually-hidden" data-announcer="">
        {announcement}
      </div>

      {widgets.length === 0 && (
        <p className="board-empty">{readOnly ? EMPTY_READ_ONLY_BOARD_MESSAGE : EMPTY_BOARD_MESSAGE}</p>
      )}

      <div ref={containerRef} className="board-grid" data-breakpoint={breakpoint} data-read-only={readOnly}>
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

      {!readOnly && (
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
    </>
  );
}
